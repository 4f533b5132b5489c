import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password';
import { foreignKeys } from '../../server/services/privacy';
import { expectOk, officeWorld, type OfficeWorld } from './office-world';

const OFFER = { startDate: '2027-08-01', weeklyHours: 35 as const, note: 'Gruppe Füchse' };

/** Tables that refer to users or families, directly or through other tables — from the database's own catalogue. */
async function tablesReferringToFamily(w: OfficeWorld): Promise<string[]> {
	const keys = (await foreignKeys(w.t.app.database.db)).map((k) => ({ table: k.table, ref: k.references }));
	const found = new Set(['users', 'families']);
	for (let grew = true; grew;) {
		grew = false;
		for (const k of keys)
			if (found.has(k.ref) && !found.has(k.table)) {
				found.add(k.table);
				grew = true;
			}
	}
	return [...found].sort();
}

describe('a family’s own data', () => {
	let w: OfficeWorld;
	beforeEach(async () => {
		// 2 Dec 2026: offers for 2027/28 may be made.
		w = await officeWorld('2026-12-02T09:00:00Z');
		await w.t.app.database.db
			.updateTable('users')
			.set({ password_hash: await hashPassword('Richtig-Geheim-1') })
			.where('id', '=', w.parent.session.userId)
			.execute();
	});
	afterEach(async () => {
		await w.close();
	});

	it('exports every table that refers to the family, with every row of it, and no secrets', async () => {
		const childId = await w.family(w.parent);
		const [atX] = await w.register(w.parent, childId, [w.kitaX, w.kitaY], '2027-08-01');
		await expectOk(
			w.push(w.staff, 'makeOffer', { requestId: atX as string, expectedStatus: 'registered', ...OFFER })
		);
		const cm = crypto.randomUUID();
		await expectOk(
			w.push(w.parent, 'submitChildminding', {
				id: cm,
				childId,
				startDate: '2027-03-01',
				weeklyHours: 25,
				comment: 'Tagesmutter gesucht'
			})
		);
		await expectOk(w.push(w.adviser, 'saveChildmindingNote', { id: cm, note: 'Nur intern' }));
		await w.push(w.parent, 'withdrawRequest', { requestId: atX as string, expectedStatus: 'registered' }); // refused: a rejection row
		const data = await w.t.caller({ session: w.parent.session }).privacy.export();

		const expected = await tablesReferringToFamily(w);
		expect(expected).toEqual(
			expect.arrayContaining([
				'children',
				'guardians',
				'requests',
				'request_events',
				'childminder_requests',
				'sync_rejections'
			])
		);
		for (const table of expected)
			expect(Object.keys(data.tables), `table ${table} is missing from the export`).toContain(table);
		// Every row of the family is there.
		const db = w.t.app.database.db;
		const familyId = (
			await db
				.selectFrom('families')
				.select('id')
				.where('owner_user_id', '=', w.parent.session.userId)
				.executeTakeFirstOrThrow()
		).id;
		expect(data.tables.families?.map((f) => f.id)).toEqual([familyId]);
		expect(data.tables.requests).toHaveLength(2);
		expect(data.tables.request_events?.length).toBe(
			(await db.selectFrom('request_events').select('id').execute()).length
		);
		expect(data.tables.sync_rejections).toHaveLength(1);
		expect(data.tables.mail_outbox?.length).toBeGreaterThan(0);
		expect(data.tables.audit_events?.some((a) => a.actor_id === w.parent.session.userId)).toBe(true);
		// Nothing of other families or of the office.
		expect(data.tables.users?.map((u) => u.id)).toEqual([w.parent.session.userId]);
		const text = JSON.stringify(data.tables);
		for (const secret of ['password_hash', '$argon2', 'totp_key', 'Nur intern', 'Gruppe Füchse', 'code_hash'])
			expect(text).not.toContain(secret);
		expect(data.withheld).toContainEqual({
			table: 'childminder_requests',
			column: 'internal_note',
			reason: 'officeOnly'
		});
		const audits = await db
			.selectFrom('audit_events')
			.select('action')
			.where('action', '=', 'export.download')
			.execute();
		expect(audits).toHaveLength(1);
	});

	it('refuses to delete the account while an offer or a contract is open, and says why', async () => {
		const caller = w.t.caller({ session: w.parent.session });
		const childId = await w.family(w.parent);
		const [atX] = await w.register(w.parent, childId, [w.kitaX], '2027-08-01');
		await expectOk(
			w.push(w.staff, 'makeOffer', { requestId: atX as string, expectedStatus: 'registered', ...OFFER })
		);
		expect(await caller.privacy.deletionBlockers()).toEqual(['openOffer']);
		expect(await caller.privacy.deleteAccount({ password: 'Richtig-Geheim-1' })).toEqual({
			ok: false,
			blockers: ['openOffer']
		});
		await expectOk(
			w.push(w.staff, 'recordAnswer', {
				requestId: atX as string,
				expectedStatus: 'offered',
				answer: 'accept'
			})
		);
		await expectOk(
			w.push(w.staff, 'concludeContract', { requestId: atX as string, expectedStatus: 'accepted' })
		);
		expect(await caller.privacy.deleteAccount({ password: 'Richtig-Geheim-1' })).toEqual({
			ok: false,
			blockers: ['openContract']
		});
		expect(
			await w.t.app.database.db
				.selectFrom('users')
				.select('id')
				.where('id', '=', w.parent.session.userId)
				.executeTakeFirst()
		).toBeDefined();
	});

	it('deletes the account: open requests withdrawn for the Kitas, the family anonymised, the session gone', async () => {
		const childId = await w.family(w.parent);
		const [atX] = await w.register(w.parent, childId, [w.kitaX], '2027-08-01');
		const cm = crypto.randomUUID();
		await expectOk(
			w.push(w.parent, 'submitChildminding', {
				id: cm,
				childId,
				startDate: '2027-03-01',
				weeklyHours: 25,
				comment: ''
			})
		);
		const staffBefore = await w.pull(w.staff);
		const adviserBefore = await w.pull(w.adviser);
		const context = w.t.context({ session: w.parent.session });
		const { createCaller } = await import('../../server/trpc/router');
		await expect(createCaller(context).privacy.deleteAccount({ password: 'falsch-falsch' })).rejects.toThrow(
			'currentPasswordWrong'
		);
		expect(await createCaller(context).privacy.deleteAccount({ password: 'Richtig-Geheim-1' })).toEqual({
			ok: true,
			blockers: []
		});
		expect(context.responseHeaders.get('Clear-Site-Data')).toBe('"cookies"');
		const db = w.t.app.database.db;
		expect(
			await db.selectFrom('users').select('id').where('id', '=', w.parent.session.userId).executeTakeFirst()
		).toBeUndefined();
		expect(
			await db.selectFrom('sessions').select('id').where('user_id', '=', w.parent.session.userId).execute()
		).toEqual([]);
		const staffAfter = await w.pull(w.staff, staffBefore.cookie);
		expect(staffAfter.patch.put.requests).toEqual([
			expect.objectContaining({ id: atX, status: 'withdrawn', comment: '' })
		]);
		expect(staffAfter.patch.put.children).toEqual([expect.objectContaining({ firstName: '', lastName: '' })]);
		const adviserAfter = await w.pull(w.adviser, adviserBefore.cookie);
		expect(adviserAfter.patch.put.childminderRequests).toEqual([
			expect.objectContaining({ id: cm, status: 'withdrawn' })
		]);
		const family = await db.selectFrom('families').selectAll().executeTakeFirstOrThrow();
		expect(family).toMatchObject({ owner_user_id: null });
		expect(family.anonymised_at).not.toBeNull();
		const audit = await db
			.selectFrom('audit_events')
			.selectAll()
			.where('action', '=', 'account.delete')
			.execute();
		expect(audit).toEqual([expect.objectContaining({ target_id: w.parent.session.userId })]);
	});
});
