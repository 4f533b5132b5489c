// Review of issue 17.1: "accepting an offer ends the child's other requests of that Kita year at
// once". A child's acceptance made on its walk-in record (at the Kita's desk) did not end the online
// record's requests once the two records were linked as the same child: the child then holds an
// acceptance and, at the other Kitas, open requests and offers of the same year that would have
// ended had the acceptance been made after the link.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OFFER, staffOfZ, staffWorld, walkin, type Actor, type StaffWorld } from './staff-world';

describe('linking a walk-in that holds an acceptance into the online child', () => {
	let w: StaffWorld;
	let staffZ: Actor;
	beforeEach(async () => {
		// Mia is registered online at X (choice 1) and Y (choice 2) for 2027/28.
		w = await staffWorld();
		staffZ = await staffOfZ(w);
	});
	afterEach(async () => {
		await w.close();
	});

	it('ends the online record’s other requests of that year, as an acceptance after the link does', async () => {
		// Y offers on the online record; Mia is registered in person at Z too, and accepts Z's offer there.
		await w.push(w.staffY, 'makeOffer', { requestId: w.requestY, expectedStatus: 'registered', ...OFFER });
		const { args } = await walkin(w.kitaZ);
		await w.push(staffZ, 'createWalkin', args);
		await w.push(staffZ, 'makeOffer', { requestId: args.requestId, expectedStatus: 'registered', ...OFFER });
		await w.push(staffZ, 'recordAnswer', {
			requestId: args.requestId,
			expectedStatus: 'offered',
			answer: 'accept'
		});
		expect(await w.lastRejection(staffZ)).toBeUndefined();
		// The family confirms: the same child.
		const db = w.t.app.database.db;
		const candidate = await db
			.selectFrom('duplicate_candidates')
			.select('id')
			.where('status', '=', 'open')
			.executeTakeFirstOrThrow();
		await w.push(staffZ, 'decideDuplicate', { candidateId: candidate.id, decision: 'ask' });
		await w.push(w.parent, 'answerLinkQuestion', { candidateId: candidate.id, answer: 'mine' });
		const linked = await db
			.selectFrom('requests')
			.select('child_id')
			.where('id', '=', args.requestId)
			.executeTakeFirstOrThrow();
		expect(linked.child_id).toBe(w.childId);

		// Today: ['accepted', 'registered', 'offered'] — an acceptance beside an open offer.
		expect([await w.status(args.requestId), await w.status(w.requestX), await w.status(w.requestY)]).toEqual([
			'accepted',
			'withdrawn',
			'withdrawn'
		]);
	});
});
