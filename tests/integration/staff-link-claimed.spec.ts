// A walk-in child that a parent already claimed is linked by staff into the same child of another
// account: the surviving child's family holds every request from then on (scope, permissions,
// ranks), and the claiming parent's device drops what it no longer may see.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { someFacilities } from './fixtures';
import {
	claimedWalkin as claimedWalkinAt,
	linkOpenCandidate,
	staffOfZ,
	staffWorld,
	type Actor,
	type StaffWorld
} from './staff-world';

describe('linking a claimed walk-in child into another account’s child', () => {
	let w: StaffWorld;
	let staffZ: Actor;
	beforeEach(async () => {
		w = await staffWorld();
		staffZ = await staffOfZ(w);
	});
	afterEach(async () => {
		await w.close();
	});

	const db = () => w.t.app.database.db;

	const claimedWalkin = () => claimedWalkinAt(w, staffZ);
	const link = () => linkOpenCandidate(w, staffZ);

	const ranks = async (childId: string) =>
		(
			await db()
				.selectFrom('requests')
				.select(['id', 'kita_year_id', 'rank'])
				.where('child_id', '=', childId)
				.orderBy('kita_year_id')
				.orderBy('rank')
				.execute()
		).map((r) => [r.kita_year_id, r.rank, r.id]);

	it('gives the surviving child’s family the linked requests with receipt, history and child-minding; the claimer’s device drops them', async () => {
		const { walk, claimer, stubId } = await claimedWalkin();
		const childmindingId = crypto.randomUUID();
		await w.push(claimer, 'submitChildminding', {
			id: childmindingId,
			childId: stubId,
			startDate: '2027-02-01',
			weeklyHours: 35,
			comment: ''
		});
		const ownerBefore = await w.pull(w.parent);
		const claimerBefore = await w.pull(claimer);
		expect(claimerBefore.patch.put.requests?.map((r) => r.id)).toEqual([walk.args.requestId]);
		expect(claimerBefore.patch.put.childminderRequests?.map((r) => r.id)).toEqual([childmindingId]);

		await link();

		const owner = await w.pull(w.parent, ownerBefore.cookie);
		expect(owner.patch.put.requests?.find((r) => r.id === walk.args.requestId)).toMatchObject({
			childId: w.childId
		});
		expect(owner.patch.put.registrations?.map((r) => r.id)).toContain(walk.args.registrationId);
		expect(owner.patch.put.requestEvents?.map((e) => e.requestId)).toContain(walk.args.requestId);
		expect(owner.patch.put.childminderRequests?.map((r) => r.id)).toEqual([childmindingId]);
		// Not the other family's record or contacts.
		expect(owner.patch.put.children?.map((c) => c.id) ?? []).not.toContain(stubId);
		expect(owner.patch.put.guardians).toBeUndefined();

		const dropped = await w.pull(claimer, claimerBefore.cookie);
		expect(dropped.patch.del.requests).toEqual([walk.args.requestId]);
		expect(dropped.patch.del.registrations).toEqual([walk.args.registrationId]);
		expect(dropped.patch.del.childminderRequests).toEqual([childmindingId]);
		expect(dropped.patch.del.requestEvents?.length).toBeGreaterThanOrEqual(1);
		expect(dropped.patch.put.requests).toBeUndefined();
		// The record stays, marked as linked, so the page can say where its requests went.
		expect(dropped.patch.put.children).toEqual([
			expect.objectContaining({ id: stubId, mergedInto: w.childId })
		]);

		const fresh = await w.pull(claimer);
		expect(fresh.patch.put.requests).toBeUndefined();
		expect(fresh.patch.put.registrations).toBeUndefined();
		expect(fresh.patch.put.requestEvents).toBeUndefined();
		expect(fresh.patch.put.childminderRequests).toBeUndefined();
		expect(fresh.patch.put.children?.map((c) => c.id)).toEqual([stubId]);
		const all = await w.pull(w.parent);
		expect(all.patch.put.requests?.map((r) => r.id).sort()).toEqual(
			[w.requestX, w.requestY, walk.args.requestId].sort()
		);
	});

	it('lets the Kita act on the linked requests, not the claimer nor the surviving family; the linked record takes no new ones, and the claimer is told why', async () => {
		const { walk, claimer, stubId } = await claimedWalkin();
		const childmindingId = crypto.randomUUID();
		await w.push(claimer, 'submitChildminding', {
			id: childmindingId,
			childId: stubId,
			startDate: '2027-02-01',
			weeklyHours: 35,
			comment: ''
		});
		await link();
		const refusal = () =>
			db()
				.selectFrom('sync_rejections')
				.select(['code', 'message'])
				.where('client_id', '=', claimer.clientId)
				.where('mutation_id', '=', claimer.next - 1)
				.executeTakeFirst();

		await w.push(claimer, 'withdrawRequest', {
			requestId: walk.args.requestId,
			expectedStatus: 'registered'
		});
		expect(await refusal()).toEqual({ code: 'linkedElsewhere', message: 'request.linked' });
		await w.push(claimer, 'withdrawChildminding', { id: childmindingId, expectedStatus: 'submitted' });
		expect(await refusal()).toEqual({ code: 'linkedElsewhere', message: 'childminding.linked' });
		const [, , , spare] = await someFacilities(db(), 4, { weeklyHours: 35 });
		await w.push(claimer, 'submitRegistration', {
			registrationId: crypto.randomUUID(),
			childId: stubId,
			items: [
				{
					requestId: crypto.randomUUID(),
					facilityId: spare?.id ?? '',
					startDate: '2027-08-01',
					weeklyHours: 35,
					changeRequest: false,
					comment: ''
				}
			]
		});
		expect(await refusal()).toEqual({ code: 'linkedElsewhere', message: 'child.linked' });
		await w.push(claimer, 'rankRequests', { childId: stubId, kitaYearId: '2027', order: [] });
		expect(await refusal()).toEqual({ code: 'linkedElsewhere', message: 'child.linked' });
		// A request that never was the claimer's is still just not found.
		await w.push(claimer, 'withdrawRequest', {
			requestId: crypto.randomUUID(),
			expectedStatus: 'registered'
		});
		expect(await refusal()).toEqual({ code: 'notFound', message: 'request.notFound' });
		expect(await w.status(walk.args.requestId)).toBe('registered');
		expect(await db().selectFrom('requests').select('id').where('child_id', '=', stubId).execute()).toEqual(
			[]
		);

		// The surviving family sees the linked requests but does not act on another family's
		// registration (a link merges the view, not the control); the Kita does.
		await w.push(w.parent, 'withdrawRequest', {
			requestId: walk.args.requestId,
			expectedStatus: 'registered'
		});
		expect(await w.lastRejection(w.parent)).toMatchObject({ code: 'registeredElsewhere' });
		await w.push(w.parent, 'withdrawChildminding', { id: childmindingId, expectedStatus: 'submitted' });
		expect(await w.lastRejection(w.parent)).toMatchObject({ code: 'registeredElsewhere' });
		expect(await w.status(walk.args.requestId)).toBe('registered');
		await w.push(staffZ, 'rejectRequest', {
			requestId: walk.args.requestId,
			expectedStatus: 'registered',
			reason: 'noPlaceAvailable',
			note: ''
		});
		expect(await w.lastRejection(staffZ)).toBeUndefined();
		expect(await w.status(walk.args.requestId)).toBe('rejected');
	});

	it('renumbers ranks when linking: the surviving child’s first, then the linked child’s in their order', async () => {
		const [, , , k4, k5, k6] = await someFacilities(db(), 6, { weeklyHours: 35 });
		if (!k4 || !k5 || !k6) throw new Error('demo data has too few Kitas');
		const { walk, claimer, stubId } = await claimedWalkin();
		const r4 = crypto.randomUUID();
		const r5 = crypto.randomUUID();
		const running = crypto.randomUUID();
		await w.push(claimer, 'submitRegistration', {
			registrationId: crypto.randomUUID(),
			childId: stubId,
			items: [
				[r4, k4.id, '2027-08-01'],
				[r5, k5.id, '2027-08-01'],
				[running, k6.id, '2027-03-01']
			].map(([requestId = '', facilityId = '', startDate = '']) => ({
				requestId,
				facilityId,
				startDate,
				weeklyHours: 35 as const,
				changeRequest: false,
				comment: ''
			}))
		});
		expect(await w.lastRejection(claimer)).toBeUndefined();
		const year = await db()
			.selectFrom('requests')
			.select('kita_year_id')
			.where('id', '=', walk.args.requestId)
			.executeTakeFirstOrThrow();
		await w.push(claimer, 'rankRequests', {
			childId: stubId,
			kitaYearId: year.kita_year_id,
			order: [r5, walk.args.requestId, r4]
		});
		expect(await w.lastRejection(claimer)).toBeUndefined();
		const before = await w.pull(w.parent);

		await link();

		const runningYear = await db()
			.selectFrom('requests')
			.select('kita_year_id')
			.where('id', '=', running)
			.executeTakeFirstOrThrow();
		expect(await ranks(w.childId)).toEqual(
			[
				[runningYear.kita_year_id, 1, running],
				[year.kita_year_id, 1, w.requestX],
				[year.kita_year_id, 2, w.requestY],
				[year.kita_year_id, 3, r5],
				[year.kita_year_id, 4, walk.args.requestId],
				[year.kita_year_id, 5, r4]
			].sort((a, b) => String(a[0]).localeCompare(String(b[0])))
		);
		// Stamped with the link's seq: the family's device gets the new ranks.
		const after = await w.pull(w.parent, before.cookie);
		const pulled = new Map(after.patch.put.requests?.map((r) => [r.id, r.rank]));
		expect(Object.fromEntries(pulled)).toEqual({
			[w.requestX]: 1,
			[w.requestY]: 2,
			[r5]: 3,
			[walk.args.requestId]: 4,
			[r4]: 5,
			[running]: 1
		});
	});
});
