// Review of issue 17.1: a registration refuses a second open request of the child at the same Kita
// in the same Kita year (`alreadyRegistered`). A new start date that moves a request into another
// Kita year (updateRequest) did not ask: the child then held two open requests at one Kita for one
// year — counted twice in the demand, listed twice for the Kita, each able to take an offer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffWorld, type StaffWorld } from './staff-world';

describe('a request moved into a Kita year where the child is registered at the same Kita', () => {
	let w: StaffWorld;
	beforeEach(async () => {
		// The child is registered online at X and Y for 2027/28.
		w = await staffWorld();
	});
	afterEach(async () => {
		await w.close();
	});

	it('is refused as alreadyRegistered, and the request stays in its year', async () => {
		const second = crypto.randomUUID();
		await w.push(w.parent, 'submitRegistration', {
			registrationId: crypto.randomUUID(),
			childId: w.childId,
			items: [
				{
					requestId: second,
					facilityId: w.kitaX,
					startDate: '2027-03-01',
					weeklyHours: 35,
					changeRequest: false,
					comment: ''
				}
			]
		});
		expect(await w.lastRejection(w.parent)).toBeUndefined();
		await w.push(w.parent, 'updateRequest', {
			requestId: second,
			expectedStatus: 'registered',
			startDate: '2027-08-01',
			weeklyHours: 35,
			changeRequest: false,
			comment: ''
		});
		expect(await w.lastRejection(w.parent)).toMatchObject({ code: 'alreadyRegistered' });
		const atX = await w.t.app.database.db
			.selectFrom('requests')
			.select(['id', 'kita_year_id'])
			.where('child_id', '=', w.childId)
			.where('facility_id', '=', w.kitaX)
			.orderBy('kita_year_id')
			.execute();
		expect(atX).toEqual([
			{ id: second, kita_year_id: '2026-27' },
			{ id: w.requestX, kita_year_id: '2027-28' }
		]);
	});
});
