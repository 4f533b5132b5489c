// Review of issue 17.1 (one held offer): the rule compares the parents' ranks within a Kita year,
// so they must stay unique there (as ranksAfterLink keeps them). A request whose new start date
// moves it into another Kita year (updateRequest) kept the rank it had in its old year: it then ties
// with the new year's request of the same rank, and an offer of either releases the other's held
// offer "for a higher choice" although the parents never ranked it higher.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUserWithSession } from './fixtures';
import { actor, OFFER, staffWorld, type Actor, type StaffWorld } from './staff-world';

describe('a request moved into another Kita year by its start date', () => {
	let w: StaffWorld;
	let staffZ: Actor;
	let requestZ: string;

	beforeEach(async () => {
		// The child is registered online at X (choice 1) and Y (choice 2) for 2027/28.
		w = await staffWorld();
		staffZ = actor(
			await createUserWithSession(w.t.app.database.db, w.t.clock.now(), 'staff', { facilityIds: [w.kitaZ] })
		);
		// And at Z for a start in the running year 2026/27: its first (only) choice there.
		requestZ = crypto.randomUUID();
		await w.push(w.parent, 'submitRegistration', {
			registrationId: crypto.randomUUID(),
			childId: w.childId,
			items: [
				{
					requestId: requestZ,
					facilityId: w.kitaZ,
					startDate: '2027-03-01',
					weeklyHours: 35,
					changeRequest: false,
					comment: ''
				}
			]
		});
		expect(await w.lastRejection(w.parent)).toBeUndefined();
		// The parents move Z's start to August: the request now belongs to 2027/28.
		await w.push(w.parent, 'updateRequest', {
			requestId: requestZ,
			expectedStatus: 'registered',
			startDate: '2027-08-01',
			weeklyHours: 35,
			changeRequest: false,
			comment: ''
		});
		expect(await w.lastRejection(w.parent)).toBeUndefined();
	});
	afterEach(async () => {
		await w.close();
	});

	const yearRanks = async () =>
		(
			await w.t.app.database.db
				.selectFrom('requests')
				.select(['id', 'rank', 'kita_year_id'])
				.where('child_id', '=', w.childId)
				.where('kita_year_id', '=', '2027-28')
				.orderBy('rank')
				.execute()
		).map((r) => r.rank);

	it('keeps the ranks of the new Kita year unique (the moved request goes behind)', async () => {
		// Today: [1, 1, 2] — Z kept the rank 1 of its old year.
		expect(await yearRanks()).toEqual([1, 2, 3]);
	});

	it('does not let the moved request release the parents’ first choice', async () => {
		await w.push(w.staffX, 'makeOffer', { requestId: w.requestX, expectedStatus: 'registered', ...OFFER });
		await w.push(staffZ, 'makeOffer', { requestId: requestZ, expectedStatus: 'registered', ...OFFER });
		// Today X's offer is released for Z's, and the family is mailed that Z was the higher wish.
		expect(await w.status(w.requestX)).toBe('offered');
		expect(await w.lastRejection(staffZ)).toMatchObject({ code: 'holdsHigherChoice' });
	});
});
