import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../../src/lib/domain/retention';
import { expireOffers } from '../../server/jobs/offer-expiry';
import { runRetention } from '../../server/jobs/retention';
import { expectOk, officeWorld, type Actor, type OfficeWorld } from './office-world';

const OFFER_2026 = { startDate: '2026-08-01', weeklyHours: 35 as const, note: 'Gruppe Igel' };

describe('retention by server time', () => {
	let w: OfficeWorld;
	beforeEach(async () => {
		w = await officeWorld('2026-02-02T09:00:00Z');
	});
	afterEach(async () => {
		await w.close();
	});

	const periods = { ...DEFAULT_RETENTION };
	const run = (p = periods) => runRetention({ db: w.t.app.database.db, now: w.t.clock.now, periods: p });
	/** Anonymising after 30 days: the free texts and families go well before the requests do. */
	const early = { ...DEFAULT_RETENTION, anonymiseAfterDays: 30 };
	const db = () => w.t.app.database.db;

	/** A family with a contract at X (its request at Y closed as placedElsewhere) in 2026/27. */
	async function contractedFamily(who: Actor): Promise<{ childId: string; atX: string; atY: string }> {
		const childId = await w.family(who);
		const [atX, atY] = await w.register(who, childId, [w.kitaX, w.kitaY], '2026-08-01');
		if (!atX || !atY) throw new Error('no requests');
		await expectOk(
			w.push(w.staff, 'makeOffer', { requestId: atX, expectedStatus: 'registered', ...OFFER_2026 })
		);
		await expectOk(
			w.push(w.staff, 'recordAnswer', { requestId: atX, expectedStatus: 'offered', answer: 'accept' })
		);
		await expectOk(w.push(w.staff, 'concludeContract', { requestId: atX, expectedStatus: 'accepted' }));
		return { childId, atX, atY };
	}

	it('anonymises a family a year after its Kita year ended, when its requests go, and a second run changes nothing', async () => {
		const { childId, atX, atY } = await contractedFamily(w.parent);
		const staffBefore = await w.pull(w.staff);
		// 2026/27 ends 31 Jul 2027; one year later (365 days) is 30 Jul 2028.
		w.t.clock.set('2028-07-30T09:00:00Z');
		expect(await run()).toMatchObject({ familiesAnonymised: 0, requestsCleared: 0, requestsDeleted: 0 });
		w.t.clock.set('2028-08-01T09:00:00Z');
		const result = await run();
		// 2027/28 has ended too: the requests go (the privacy page's promise), the family is anonymised.
		expect(result).toMatchObject({ familiesAnonymised: 1, accountsDeleted: 1, requestsDeleted: 2 });
		const child = await db()
			.selectFrom('children')
			.selectAll()
			.where('id', '=', childId)
			.executeTakeFirstOrThrow();
		expect(child).toMatchObject({ first_name: '', last_name: '', birth_date: '2024-03-01' });
		const guardians = await db().selectFrom('guardians').selectAll().execute();
		expect(guardians.every((g) => g.first_name === '' && g.phone === '' && g.email === '')).toBe(true);
		expect(await db().selectFrom('requests').select('id').where('id', 'in', [atX, atY]).execute()).toEqual(
			[]
		);
		expect(
			await db().selectFrom('users').select('id').where('id', '=', w.parent.session.userId).executeTakeFirst()
		).toBeUndefined();
		expect(
			await db()
				.selectFrom('mail_outbox')
				.select('id')
				.where('to_address', '=', 'eltern@example.org')
				.execute()
		).toEqual([]);
		// The Kita's device drops the request, the child and its contacts at its next pull.
		const staffAfter = await w.pull(w.staff, staffBefore.cookie);
		expect(staffAfter.patch.del.requests).toEqual([atX]);
		expect(staffAfter.patch.del.children).toEqual([childId]);
		expect(staffAfter.patch.put.children).toBeUndefined();
		expect(staffAfter.patch.put.guardians).toBeUndefined();

		const again = await run();
		expect(Object.values(again).every((n) => n === 0)).toBe(true);
	});

	it('keeps a family whose account is still used, but clears the free texts of its closed requests', async () => {
		const { atX } = await contractedFamily(w.parent);
		w.t.clock.set('2027-09-01T09:00:00Z');
		await db()
			.updateTable('users')
			.set({ last_login_at: '2027-08-15T10:00:00.000Z' })
			.where('id', '=', w.parent.session.userId)
			.execute();
		expect(await run(early)).toMatchObject({ familiesAnonymised: 0, requestsCleared: 2, requestsDeleted: 0 });
		expect(
			await db()
				.selectFrom('requests')
				.select(['comment', 'offer_note'])
				.where('id', '=', atX)
				.executeTakeFirstOrThrow()
		).toEqual({
			comment: '',
			offer_note: null
		});
		expect(await db().selectFrom('guardians').select('first_name').executeTakeFirstOrThrow()).toEqual({
			first_name: 'Anna'
		});
	});

	it('leaves an open offer of a long-ended year alone until the expiry job lets it lapse', async () => {
		const childId = await w.family(w.parent);
		const [atX] = await w.register(w.parent, childId, [w.kitaX], '2026-08-01');
		if (!atX) throw new Error('no request');
		await expectOk(
			w.push(w.staff, 'makeOffer', { requestId: atX, expectedStatus: 'registered', ...OFFER_2026 })
		);
		// The server was down for over a year: the offer is long due, but only expiry decides that.
		w.t.clock.set('2027-09-01T09:00:00Z');
		expect(await run(early)).toMatchObject({ familiesAnonymised: 0, requestsCleared: 0 });
		expect(await expireOffers({ db: db(), now: w.t.clock.now, origin: 'http://localhost:3000' })).toEqual([
			atX
		]);
		expect(await run(early)).toMatchObject({ familiesAnonymised: 1, requestsCleared: 1 });
	});

	it('deletes audit entries after their period and short-lived records after theirs', async () => {
		await w.family(w.parent);
		const oldAudit = await db().selectFrom('audit_events').select('id').execute();
		expect(oldAudit.length).toBeGreaterThan(0);
		await db()
			.insertInto('mail_outbox')
			.values({
				id: crypto.randomUUID(),
				to_address: 'jemand@example.org',
				subject: 'x',
				text_body: 'x',
				html_body: 'x',
				kind: 'statusChange',
				created_at: '2026-02-02T09:00:00.000Z',
				next_attempt_at: '2026-02-02T09:00:00.000Z',
				sent_at: '2026-02-02T09:01:00.000Z'
			})
			.execute();
		w.t.clock.set('2026-03-05T09:00:00Z');
		const result = await run();
		expect(result.transientDeleted).toBeGreaterThanOrEqual(1);
		expect(result.auditDeleted).toBe(0);
		expect(
			await db()
				.selectFrom('mail_outbox')
				.select('id')
				.where('to_address', '=', 'jemand@example.org')
				.execute()
		).toEqual([]);
		// A year and a day later (the privacy page's twelve months) the first entries go.
		expect(DEFAULT_RETENTION.auditDays).toBe(365);
		w.t.clock.set('2027-02-03T09:00:00Z');
		await db().updateTable('users').set({ last_login_at: '2027-02-01T09:00:00.000Z' }).execute();
		const later = await run();
		expect(later.auditDeleted).toBe(oldAudit.length);
		const left = await db().selectFrom('audit_events').select(['at', 'action']).execute();
		expect(left.every((a) => a.at >= '2026-03-05')).toBe(true);
	});

	it('deletes parents’ accounts that never got as far as a family once unused for the period', async () => {
		const idle = await w.parentOf('nie-benutzt@example.org');
		w.t.clock.set('2027-02-03T09:00:00Z');
		// Everyone else logged in within the year (the demo parent account has no family either).
		await db()
			.updateTable('users')
			.set({ last_login_at: '2027-01-01T09:00:00.000Z' })
			.where('id', '!=', idle.session.userId)
			.execute();
		const result = await run();
		expect(result.accountsDeleted).toBe(1);
		expect(
			await db().selectFrom('users').select('email').where('id', '=', idle.session.userId).executeTakeFirst()
		).toBeUndefined();
		expect(
			await db()
				.selectFrom('users')
				.select('email')
				.where('id', '=', w.parent.session.userId)
				.executeTakeFirst()
		).toBeDefined();
	});
});
