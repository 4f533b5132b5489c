import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession, validateSessionToken } from '../../server/auth/session';
import { hashPassword } from '../../server/auth/password';
import { createUserWithSession } from './fixtures';
import { officeWorld, type OfficeWorld } from './office-world';

describe('admins keep office accounts', () => {
	let w: OfficeWorld;
	beforeEach(async () => {
		w = await officeWorld();
	});
	afterEach(async () => {
		await w.close();
	});

	const admin = () => w.t.caller({ session: w.admin.session }).adminAccounts;
	const code = async (promise: Promise<unknown>) => {
		try {
			await promise;
			return 'ok';
		} catch (error) {
			return error instanceof TRPCError ? `${error.code}:${error.message}` : String(error);
		}
	};

	it('deactivates staff: sessions end at once and login is refused; re-activation lets them in again', async () => {
		const db = w.t.app.database.db;
		const staffId = w.staff.session.userId;
		await db
			.updateTable('users')
			.set({ password_hash: await hashPassword('Kita-Passwort-1') })
			.where('id', '=', staffId)
			.execute();
		const { token } = await createSession(db, staffId, 'staff', w.t.clock.now(), true);
		expect(await validateSessionToken(db, token, w.t.clock.now())).not.toBeNull();
		expect(await code(admin().deactivate({ userId: staffId }))).toBe('ok');
		expect(await validateSessionToken(db, token, w.t.clock.now())).toBeNull();
		const email = (
			await db.selectFrom('users').select('email').where('id', '=', staffId).executeTakeFirstOrThrow()
		).email;
		expect(await code(w.t.caller().auth.login({ email, password: 'Kita-Passwort-1' }))).toMatch(
			/^UNAUTHORIZED/
		);
		expect((await admin().list()).find((a) => a.id === staffId)?.status).toBe('inactive');
		expect(await code(admin().reactivate({ userId: staffId }))).toBe('ok');
		expect(await code(w.t.caller().auth.login({ email, password: 'Kita-Passwort-1' }))).toBe('ok');
		const actions = await db
			.selectFrom('audit_events')
			.select(['action', 'actor_id', 'target_id'])
			.where('target_id', '=', staffId)
			.where('action', 'like', 'account.%')
			.execute();
		expect(actions.map((a) => a.action)).toEqual(['account.deactivate', 'account.reactivate']);
		expect(actions.every((a) => a.actor_id === w.admin.session.userId)).toBe(true);
	});

	it('refuses what would lock the office out or touch parents’ accounts, and unknown accounts', async () => {
		expect(await code(admin().deactivate({ userId: w.admin.session.userId }))).toBe('FORBIDDEN:notPermitted');
		expect(await code(admin().deactivate({ userId: w.parent.session.userId }))).toBe(
			'FORBIDDEN:notPermitted'
		);
		expect(await code(admin().reactivate({ userId: w.staff.session.userId }))).toBe('FORBIDDEN:notPermitted');
		expect(await code(admin().deactivate({ userId: crypto.randomUUID() }))).toBe('FORBIDDEN:notPermitted');
		expect(
			await code(admin().assignFacilities({ userId: w.adviser.session.userId, facilityIds: [w.kitaX] }))
		).toBe('FORBIDDEN:notPermitted');
		// A second admin may deactivate the first.
		const other = await createUserWithSession(w.t.app.database.db, w.t.clock.now(), 'admin');
		expect(
			await code(w.t.caller({ session: other }).adminAccounts.deactivate({ userId: w.admin.session.userId }))
		).toBe('ok');
	});

	it('ends every session of an account, parents’ too', async () => {
		const db = w.t.app.database.db;
		const a = await createSession(db, w.parent.session.userId, 'parent', w.t.clock.now(), true);
		const b = await createSession(db, w.parent.session.userId, 'parent', w.t.clock.now(), true);
		expect(await code(admin().endSessions({ userId: w.parent.session.userId }))).toBe('ok');
		expect(await validateSessionToken(db, a.token, w.t.clock.now())).toBeNull();
		expect(await validateSessionToken(db, b.token, w.t.clock.now())).toBeNull();
		expect(
			await db
				.selectFrom('users')
				.select('active')
				.where('id', '=', w.parent.session.userId)
				.executeTakeFirstOrThrow()
		).toEqual({ active: 1 });
	});

	it('assigns Kitas to staff: the next pull resets to the new Kitas', async () => {
		const db = w.t.app.database.db;
		const childId = await w.family(w.parent);
		const [, atY] = await w.register(w.parent, childId, [w.kitaX, w.kitaY], '2027-08-01');
		const before = await w.pull(w.staff);
		expect(before.patch.put.requests?.map((r) => r.facilityId)).toEqual([w.kitaX]);
		expect(
			await code(admin().assignFacilities({ userId: w.staff.session.userId, facilityIds: [w.kitaY] }))
		).toBe('ok');
		const { token } = await createSession(db, w.staff.session.userId, 'staff', w.t.clock.now(), true);
		const session = await validateSessionToken(db, token, w.t.clock.now());
		expect(session?.facilityIds).toEqual([w.kitaY]);
		w.staff.session = session ?? w.staff.session;
		const after = await w.pull(w.staff, before.cookie);
		expect(after.reset).toBe(true);
		expect(after.patch.put.requests?.map((r) => r.id)).toEqual([atY]);
		expect(
			await code(
				admin().assignFacilities({ userId: w.staff.session.userId, facilityIds: [crypto.randomUUID()] })
			)
		).toBe('BAD_REQUEST:facilityRequired');
		expect(await code(admin().assignFacilities({ userId: w.staff.session.userId, facilityIds: [] }))).toMatch(
			/^BAD_REQUEST/
		);
	});

	it('lets only admins do any of it', async () => {
		for (const who of [w.staff, w.adviser, w.parent]) {
			const caller = w.t.caller({ session: who.session }).adminAccounts;
			expect(await code(caller.deactivate({ userId: w.staff.session.userId }))).toBe(
				'FORBIDDEN:notPermitted'
			);
			expect(await code(caller.reactivate({ userId: w.staff.session.userId }))).toBe(
				'FORBIDDEN:notPermitted'
			);
			expect(await code(caller.endSessions({ userId: w.staff.session.userId }))).toBe(
				'FORBIDDEN:notPermitted'
			);
			expect(
				await code(caller.assignFacilities({ userId: w.staff.session.userId, facilityIds: [w.kitaX] }))
			).toBe('FORBIDDEN:notPermitted');
		}
		const anonymous = w.t.caller().adminAccounts;
		expect(await code(anonymous.deactivate({ userId: w.staff.session.userId }))).toBe(
			'UNAUTHORIZED:loginRequired'
		);
	});
});
