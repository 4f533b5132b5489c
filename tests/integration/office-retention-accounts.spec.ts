// Retention of accounts as the privacy page (/datenschutz) promises it: unconfirmed accounts go
// after 30 days, a parent's account after three years unused, security (audit) logs after twelve
// months; office accounts are never deleted by the job.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateSessionToken, createSession } from '../../server/auth/session';
import { loadConfig } from '../../server/config';
import { runRetention } from '../../server/jobs/retention';
import type { UserId } from '../../src/lib/domain/ids';
import { signUpInput } from './auth-helpers';
import { DAY, expectOk, officeWorld, type OfficeWorld } from './office-world';

const OFFER_2026 = { startDate: '2026-08-01', weeklyHours: 35 as const, note: 'Gruppe Igel' };

describe('retention of accounts', () => {
	let w: OfficeWorld;
	beforeEach(async () => {
		w = await officeWorld('2026-02-02T09:00:00Z');
	});
	afterEach(async () => {
		await w.close();
	});

	const db = () => w.t.app.database.db;
	/** The periods a server gets from an empty environment: the privacy page's promises. */
	const run = () => runRetention({ db: db(), now: w.t.clock.now, periods: loadConfig({}).retention });
	const userByEmail = (email: string) =>
		db().selectFrom('users').select(['id', 'role']).where('email', '=', email).executeTakeFirst();
	const at = (ms: number) => new Date(w.t.clock.now().getTime() + ms).toISOString();

	it('takes its periods from the environment, defaulting to the privacy page', () => {
		expect(loadConfig({}).retention).toMatchObject({
			auditDays: 365,
			unconfirmedAccountDays: 30,
			unusedAccountDays: 1096
		});
		expect(
			loadConfig({ RETENTION_UNCONFIRMED_DAYS: '14', RETENTION_UNUSED_ACCOUNT_DAYS: '730' }).retention
		).toMatchObject({ unconfirmedAccountDays: 14, unusedAccountDays: 730 });
	});

	it('deletes an unconfirmed account 30 days after the last sign-up, with its links and mails', async () => {
		await w.t.caller({ ip: '192.0.2.1' }).auth.signUp(await signUpInput(w.t, { email: 'offen@example.org' }));
		const start = w.t.clock.now().getTime();
		w.t.clock.set(new Date(start + 10 * DAY).toISOString());
		await w.t.caller({ ip: '192.0.2.2' }).auth.signUp(await signUpInput(w.t, { email: 'spaet@example.org' }));
		const open = await userByEmail('offen@example.org');
		if (!open) throw new Error('sign-up failed');
		expect(
			await db().selectFrom('email_tokens').select('purpose').where('user_id', '=', open.id).execute()
		).toEqual([{ purpose: 'confirm' }]);

		w.t.clock.set(new Date(start + 30 * DAY - 3600_000).toISOString());
		expect(await run()).toMatchObject({ accountsDeleted: 0, unconfirmedDeleted: 0 });
		expect(await userByEmail('offen@example.org')).toBeDefined();

		w.t.clock.set(new Date(start + 30 * DAY + 3600_000).toISOString());
		expect(await run()).toMatchObject({ accountsDeleted: 1, unconfirmedDeleted: 1, unusedDeleted: 0 });
		expect(await userByEmail('offen@example.org')).toBeUndefined();
		expect(
			await db().selectFrom('email_tokens').select('id').where('user_id', '=', open.id).execute()
		).toEqual([]);
		expect(
			await db()
				.selectFrom('mail_outbox')
				.select('id')
				.where('to_address', '=', 'offen@example.org')
				.execute()
		).toEqual([]);
		// The later sign-up and the confirmed accounts stay.
		expect(await userByEmail('spaet@example.org')).toBeDefined();
		expect(await userByEmail('eltern@example.org')).toBeDefined();
		const trail = await db()
			.selectFrom('audit_events')
			.selectAll()
			.where('action', '=', 'account.delete')
			.where('target_id', '=', open.id)
			.execute();
		expect(trail).toEqual([expect.objectContaining({ actor_id: null, actor_role: 'system' })]);

		// Signing up again with the address sends a new link: the 30 days start again from there.
		w.t.clock.set(new Date(start + 35 * DAY).toISOString());
		await w.t.caller({ ip: '192.0.2.3' }).auth.signUp(await signUpInput(w.t, { email: 'spaet@example.org' }));
		w.t.clock.set(new Date(start + 45 * DAY).toISOString());
		expect(await run()).toMatchObject({ unconfirmedDeleted: 0 });
		expect(await userByEmail('spaet@example.org')).toBeDefined();
		w.t.clock.set(new Date(start + 66 * DAY).toISOString());
		expect(await run()).toMatchObject({ unconfirmedDeleted: 1 });
		expect(await userByEmail('spaet@example.org')).toBeUndefined();
	});

	it('deletes a parent’s account unused for three years as a deletion by the parent would, never an office account', async () => {
		const childId = await w.family(w.parent);
		const [atX] = await w.register(w.parent, childId, [w.kitaX], '2026-08-01');
		if (!atX) throw new Error('no request');
		const parentId = w.parent.session.userId;
		// Office accounts as idle as can be: never logged in, and an invitation never taken up.
		await db()
			.updateTable('users')
			.set({ created_at: '2019-01-01T00:00:00.000Z', last_login_at: null })
			.execute();
		await db()
			.updateTable('users')
			.set({ email_confirmed_at: null })
			.where('id', '=', w.staff.session.userId)
			.execute();
		// The parent last logged in three years ago less a day: the account stays.
		await db()
			.updateTable('users')
			.set({ last_login_at: at(-1095 * DAY) })
			.where('id', '=', parentId)
			.execute();
		const kept = await run();
		expect(kept).toMatchObject({ unusedDeleted: 0, unconfirmedDeleted: 0 });
		expect(
			await db().selectFrom('users').select('id').where('id', '=', parentId).executeTakeFirst()
		).toBeDefined();

		w.t.clock.advance(2 * DAY);
		const result = await run();
		expect(result).toMatchObject({ unusedDeleted: 1 });
		expect(
			await db().selectFrom('users').select('id').where('id', '=', parentId).executeTakeFirst()
		).toBeUndefined();
		expect(await db().selectFrom('sessions').select('id').where('user_id', '=', parentId).execute()).toEqual(
			[]
		);
		// The open registration is withdrawn for the Kita, the family anonymised in place.
		expect(
			await db().selectFrom('requests').select(['status', 'comment']).where('id', '=', atX).executeTakeFirst()
		).toEqual({ status: 'withdrawn', comment: '' });
		expect(
			await db()
				.selectFrom('request_events')
				.select(['actor_id', 'actor_role', 'reason'])
				.where('request_id', '=', atX)
				.where('event', '=', 'withdraw')
				.execute()
		).toEqual([{ actor_id: null, actor_role: 'system', reason: 'accountDeleted' }]);
		expect(
			await db()
				.selectFrom('children')
				.select(['first_name', 'last_name'])
				.where('id', '=', childId)
				.executeTakeFirst()
		).toEqual({ first_name: '', last_name: '' });
		expect(
			(await db().selectFrom('guardians').select(['last_name', 'email']).execute()).every(
				(g) => g.last_name === '' && g.email === ''
			)
		).toBe(true);
		// Staff, Fachberatung and admins stay, however long unused or unconfirmed.
		const office = await db()
			.selectFrom('users')
			.select('id')
			.where('role', 'in', ['staff', 'childminding', 'admin'])
			.execute();
		expect(office.map((u) => u.id)).toEqual(
			expect.arrayContaining([w.staff.session.userId, w.adviser.session.userId, w.admin.session.userId])
		);
		expect(Object.values(await run()).every((n) => n === 0)).toBe(true);
	});

	it('holds an unused account while its contract runs, and deletes it once the Kita year ended', async () => {
		const childId = await w.family(w.parent);
		const [atX] = await w.register(w.parent, childId, [w.kitaX], '2026-08-01');
		if (!atX) throw new Error('no request');
		await expectOk(
			w.push(w.staff, 'makeOffer', { requestId: atX, expectedStatus: 'registered', ...OFFER_2026 })
		);
		await expectOk(
			w.push(w.staff, 'recordAnswer', { requestId: atX, expectedStatus: 'offered', answer: 'accept' })
		);
		await expectOk(w.push(w.staff, 'concludeContract', { requestId: atX, expectedStatus: 'accepted' }));
		const parentId = w.parent.session.userId;
		await db()
			.updateTable('users')
			.set({ created_at: '2022-01-01T00:00:00.000Z', last_login_at: '2022-06-01T00:00:00.000Z' })
			.where('id', '=', parentId)
			.execute();
		w.t.clock.set('2027-03-01T09:00:00Z');
		expect(await run()).toMatchObject({ unusedDeleted: 0, accountsHeld: 1 });
		expect(
			await db().selectFrom('users').select('id').where('id', '=', parentId).executeTakeFirst()
		).toBeDefined();
		// Held accounts alone are no change: no retention run is recorded for them.
		const runs = () =>
			db().selectFrom('audit_events').select('id').where('action', '=', 'retention.run').execute();
		const before = (await runs()).length;
		expect(await run()).toMatchObject({ accountsHeld: 1, accountsDeleted: 0 });
		expect((await runs()).length).toBe(before);

		// 2026/27 ended on 31 Jul 2027: the contract no longer holds the account.
		w.t.clock.set('2027-08-02T09:00:00Z');
		expect(await run()).toMatchObject({ unusedDeleted: 1, accountsHeld: 0 });
		expect(
			await db().selectFrom('users').select('id').where('id', '=', parentId).executeTakeFirst()
		).toBeUndefined();
		expect(
			await db().selectFrom('requests').select('status').where('id', '=', atX).executeTakeFirst()
		).toEqual({ status: 'contracted' });
	});

	it('counts a parent who stays logged in (sliding session) as using the account', async () => {
		const parentId = w.parent.session.userId as UserId;
		await w.family(w.parent);
		await db()
			.updateTable('users')
			.set({ created_at: '2022-01-01T00:00:00.000Z', last_login_at: '2022-06-01T00:00:00.000Z' })
			.where('id', '=', parentId)
			.execute();
		// Never a password again, but the app keeps the session alive by syncing.
		const { token } = await createSession(db(), parentId, 'parent', w.t.clock.now(), true);
		w.t.clock.advance(16 * DAY);
		expect(await validateSessionToken(db(), token, w.t.clock.now())).not.toBeNull();
		expect(await run()).toMatchObject({ unusedDeleted: 0, accountsDeleted: 0 });
		expect(
			await db().selectFrom('users').select('id').where('id', '=', parentId).executeTakeFirst()
		).toBeDefined();
	});

	it('deletes security (audit) logs after twelve months by default', async () => {
		await w.family(w.parent);
		const first = await db().selectFrom('audit_events').select('id').execute();
		expect(first.length).toBeGreaterThan(0);
		// Everyone used the portal lately: only the audit trail is due.
		w.t.clock.set('2027-02-03T09:00:00Z');
		await db().updateTable('users').set({ last_login_at: '2027-01-15T09:00:00.000Z' }).execute();
		const result = await run();
		expect(result).toMatchObject({ auditDeleted: first.length, accountsDeleted: 0 });
	});
});
