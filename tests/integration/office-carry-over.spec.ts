import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultKitaYear } from '../../src/lib/domain/kita-year';
import { runCarryOver } from '../../server/jobs/carry-over';
import { expireOffers } from '../../server/jobs/offer-expiry';
import { actor, DAY, expectOk, officeWorld, type OfficeWorld } from './office-world';
import { createUserWithSession } from './fixtures';

const OFFER_2026 = { startDate: '2026-08-01', weeklyHours: 35 as const, note: '' };

describe('carry-over of requests without a place', () => {
	let w: OfficeWorld;
	beforeEach(async () => {
		// 2 Feb 2026: registrations for 2026/27 are open, offers too; its allocation ends 15 Mar.
		w = await officeWorld('2026-02-02T09:00:00Z');
	});
	afterEach(async () => {
		await w.close();
	});

	const deps = () => ({ db: w.t.app.database.db, now: w.t.clock.now, origin: 'http://localhost:3000' });
	const request = (id: string) =>
		w.t.app.database.db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	const mails = async (kind: string) =>
		(
			await w.t.app.database.db
				.selectFrom('mail_outbox')
				.select('to_address')
				.where('kind', '=', kind)
				.execute()
		).map((m) => m.to_address);
	/** Everything a carry-over can change, to prove that a second run changes nothing. */
	const snapshot = async () => {
		const db = w.t.app.database.db;
		return JSON.stringify([
			await db.selectFrom('requests').selectAll().orderBy('id').execute(),
			await db.selectFrom('request_events').select(['id', 'event']).orderBy('id').execute(),
			await db.selectFrom('mail_outbox').select('id').orderBy('id').execute(),
			await db.selectFrom('carry_over_runs').selectAll().execute(),
			await db.selectFrom('audit_events').select('id').orderBy('id').execute(),
			await db.selectFrom('sync_state').selectAll().execute()
		]);
	};

	it('moves waiting requests to the next year when allocation ends, tells the family once, and a second run changes nothing', async () => {
		const childId = await w.family(w.parent);
		const [atX, atY, atZ] = await w.register(w.parent, childId, [w.kitaX, w.kitaY, w.kitaZ], '2026-09-01');
		if (!atX || !atY || !atZ) throw new Error('no requests');
		// Kita X makes an offer on 10 Mar; it lapses on 24 Mar without an answer.
		w.t.clock.set('2026-03-10T09:00:00Z');
		await expectOk(
			w.push(w.staff, 'makeOffer', { requestId: atX, expectedStatus: 'registered', ...OFFER_2026 })
		);

		// 15 Mar, 21:00 in Soest: allocation still runs.
		w.t.clock.set('2026-03-15T20:00:00Z');
		expect(await runCarryOver(w.t.app)).toEqual([]);
		expect((await request(atY)).kita_year_id).toBe('2026-27');

		const parentBefore = await w.pull(w.parent);
		w.t.clock.set('2026-03-16T06:00:00Z');
		const [result] = await runCarryOver(w.t.app);
		expect(result).toMatchObject({
			fromKitaYearId: '2026-27',
			toKitaYearId: '2027-28',
			trigger: 'allocationEnd',
			skipped: []
		});
		expect(result?.moved.sort()).toEqual([atY, atZ].sort());
		const y = await request(atY);
		expect(y).toMatchObject({
			status: 'registered',
			kita_year_id: '2027-28',
			start_date: '2027-08-01',
			comment: 'Bitte mit Mittagessen'
		});
		// The offered request stays where it is.
		expect(await request(atX)).toMatchObject({ status: 'offered', kita_year_id: '2026-27' });
		expect(await mails('carryOver')).toEqual(['eltern@example.org']);
		const seen = await w.pull(w.parent, parentBefore.cookie);
		expect(
			seen.patch.put.requests
				?.filter((r) => r.kitaYearId === '2027-28')
				.map((r) => r.id)
				.sort()
		).toEqual([atY, atZ].sort());
		expect(seen.patch.put.requestEvents).toContainEqual(
			expect.objectContaining({ requestId: atY, event: 'carryOver', actorRole: 'system' })
		);

		const before = await snapshot();
		expect((await runCarryOver(w.t.app))[0]?.moved).toEqual([]);
		expect(await snapshot()).toBe(before);

		// The offer lapses; an expired request is over, it does not carry over.
		w.t.clock.set('2026-03-25T09:00:00Z');
		expect(await expireOffers(deps())).toEqual([atX]);
		await runCarryOver(w.t.app);
		expect(await request(atX)).toMatchObject({ status: 'expired', kita_year_id: '2026-27' });
	});

	it('keeps requests made after the allocation ended in their year until it ends; a withdrawn offer carries over again', async () => {
		const childId = await w.family(w.parent);
		const [early] = await w.register(w.parent, childId, [w.kitaX], '2026-08-01');
		if (!early) throw new Error('no request');
		w.t.clock.set('2026-03-01T09:00:00Z');
		await expectOk(
			w.push(w.staff, 'makeOffer', { requestId: early, expectedStatus: 'registered', ...OFFER_2026 })
		);
		w.t.clock.set('2026-04-01T09:00:00Z');
		const late = await w.parentOf('spaet@example.org');
		const lateChild = await w.family(late, { firstName: 'Lena' });
		const [lateRequest] = await w.register(late, lateChild, [w.kitaY], '2026-10-01');
		if (!lateRequest) throw new Error('no request');
		expect((await runCarryOver(w.t.app))[0]?.moved).toEqual([]);
		// Kita X takes its offer back: the request waits again, and took part in the allocation.
		await expectOk(w.push(w.staff, 'withdrawOffer', { requestId: early, expectedStatus: 'offered' }));
		expect((await runCarryOver(w.t.app))[0]?.moved).toEqual([early]);
		expect(await request(lateRequest)).toMatchObject({ kita_year_id: '2026-27', start_date: '2026-10-01' });

		// The year is over: whatever still waits moves on.
		w.t.clock.set('2027-08-01T08:00:00Z');
		const [yearEnd] = await runCarryOver(w.t.app);
		expect(yearEnd).toMatchObject({ trigger: 'yearEnd', moved: [lateRequest] });
		expect(await request(lateRequest)).toMatchObject({ kita_year_id: '2027-28', start_date: '2027-08-01' });
		expect(await mails('carryOver')).toEqual(['eltern@example.org', 'spaet@example.org']);
	});

	it('lets an admin close a year early; without a next year nothing moves until the admin creates it', async () => {
		w.t.clock.set('2026-10-05T09:00:00Z');
		const childId = await w.family(w.parent, { birthDate: '2025-01-10' });
		const [a, b] = await w.register(w.parent, childId, [w.kitaX, w.kitaY], '2027-08-01');
		// The child already waits at Kita Y for 2028/29 once that year exists: that request stays.
		const caller = w.t.caller({ session: w.admin.session });
		w.t.clock.advance(DAY);
		expect(await caller.youthOffice.closeAllocation({ kitaYearId: '2027-28' })).toEqual({
			moved: 0,
			skipped: 2,
			toKitaYearId: null
		});
		expect((await request(a as string)).kita_year_id).toBe('2027-28');
		const { label: _label, ...next } = defaultKitaYear(2028);
		await expectOk(w.push(w.admin, 'saveKitaYear', { ...next, registrationOpensOn: '2026-10-01' }));
		await w.register(w.parent, childId, [w.kitaY], '2028-08-01');
		const [result] = await runCarryOver(w.t.app, { kitaYearId: '2027-28' });
		expect(result).toMatchObject({
			trigger: 'closedByAdmin',
			toKitaYearId: '2028-29',
			moved: [a],
			skipped: [b]
		});
		// Closing again keeps the first closure and changes nothing.
		expect(await caller.youthOffice.closeAllocation({ kitaYearId: '2027-28' })).toMatchObject({ moved: 0 });
		const status = await caller.youthOffice.kitaYearStatus();
		expect(status.closures).toEqual([{ kitaYearId: '2027-28', closedAt: '2026-10-06T09:00:00.000Z' }]);
		expect(status.runs).toEqual([
			expect.objectContaining({
				fromKitaYearId: '2027-28',
				toKitaYearId: '2028-29',
				trigger: 'closedByAdmin',
				moved: 1,
				skipped: 1
			})
		]);
	});

	it('carries a walk-in family’s request over and tells the guardians by mail', async () => {
		const staffSession = await createUserWithSession(w.t.app.database.db, w.t.clock.now(), 'staff', {
			facilityIds: [w.kitaY]
		});
		const staffY = actor(staffSession);
		const { walkin } = await import('./staff-world');
		const { args } = await walkin(
			w.kitaY,
			{ firstName: 'Ole', lastName: 'Vor-Ort', birthDate: '2024-02-02' },
			'vor-ort@example.org'
		);
		await expectOk(w.push(staffY, 'createWalkin', { ...args, startDate: '2026-08-01' }));
		w.t.clock.set('2026-03-20T09:00:00Z');
		const [result] = await runCarryOver(w.t.app);
		expect(result?.moved).toEqual([args.requestId]);
		expect(await mails('carryOver')).toEqual(['vor-ort@example.org']);
		const patch = await w.pull(staffY);
		expect(patch.patch.put.requests).toEqual([
			expect.objectContaining({ id: args.requestId, kitaYearId: '2027-28' })
		]);
	});
});
