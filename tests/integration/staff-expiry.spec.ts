import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expireOffers } from '../../server/jobs/offer-expiry';
import { OFFER, staffWorld, type StaffWorld } from './staff-world';

const DAY = 86_400_000;

describe('offer expiry by server time', () => {
	let w: StaffWorld;
	beforeEach(async () => {
		w = await staffWorld();
		await w.push(w.staffX, 'makeOffer', { requestId: w.requestX, expectedStatus: 'registered', ...OFFER });
	});
	afterEach(async () => {
		await w.close();
	});

	const job = () =>
		expireOffers({ db: w.t.app.database.db, now: w.t.clock.now, origin: 'http://localhost:3000' });
	const statusMails = async () =>
		(
			await w.t.app.database.db
				.selectFrom('mail_outbox')
				.select('kind')
				.where('kind', '=', 'statusChange')
				.execute()
		).length;

	it('lets an unanswered offer lapse once its 14 days are over, and tells family and Kita', async () => {
		const before = await w.pull(w.staffX);
		w.t.clock.advance(14 * DAY - 1000);
		expect(await job()).toEqual([]);
		expect(await w.status(w.requestX)).toBe('offered');
		const mailsBefore = await statusMails();

		w.t.clock.advance(1000);
		expect(await job()).toEqual([w.requestX]);
		expect(await w.status(w.requestX)).toBe('expired');
		expect(await statusMails()).toBe(mailsBefore + 1);
		// The place is free again.
		const capacity = await w.t.app.database.db
			.selectFrom('capacities')
			.select('offered')
			.where('facility_id', '=', w.kitaX)
			.where('kita_year_id', '=', '2027-28')
			.where('age_band', '=', 'ue3')
			.where('weekly_hours', '=', 35)
			.executeTakeFirstOrThrow();
		expect(capacity.offered).toBe(0);
		// The Kita sees it at its next pull, with the system as the actor.
		const after = await w.pull(w.staffX, before.cookie);
		expect(after.patch.put.requests?.map((r) => [r.id, r.status])).toEqual([[w.requestX, 'expired']]);
		expect(after.patch.put.requestEvents).toEqual([
			expect.objectContaining({ event: 'expire', actorRole: 'system', fromStatus: 'offered' })
		]);
		// A second round has nothing left to do.
		expect(await job()).toEqual([]);
	});

	it('refuses an acceptance recorded after the lapse, even before the job ran', async () => {
		w.t.clock.advance(15 * DAY);
		await w.push(w.staffX, 'recordAnswer', {
			requestId: w.requestX,
			expectedStatus: 'offered',
			answer: 'accept'
		});
		expect(await w.lastRejection(w.staffX)).toMatchObject({
			code: 'offerLapsed',
			current: { status: 'offered' }
		});
		expect(await w.status(w.requestX)).toBe('offered');
		await job();
		expect(await w.status(w.requestX)).toBe('expired');
	});

	it('leaves an offer alone that was accepted in time', async () => {
		w.t.clock.advance(3 * DAY);
		await w.push(w.parent, 'answerOffer', {
			requestId: w.requestX,
			expectedStatus: 'offered',
			answer: 'accept'
		});
		w.t.clock.advance(30 * DAY);
		expect(await job()).toEqual([]);
		expect(await w.status(w.requestX)).toBe('accepted');
	});
});
