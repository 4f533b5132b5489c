// A link merges the view, not the control (found by the review of issue 12): the family that
// confirms a link is the one that receives the walk-in's requests, never the walk-in family whose
// requests move. So only the family whose registration it is may act on a request (withdraw,
// answer, change), and erasing an account touches only its own registrations' requests. The Kita
// acts for a walk-in family, as it does for every registration made in person.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userActor } from '../../server/commands/context';
import { deleteOwnAccount } from '../../server/commands/privacy/delete-account';
import { runCommand } from '../../server/commands/run';
import { staffOfZ, staffWorld, walkin, type Actor, type StaffWorld } from './staff-world';

describe('security: a link does not hand over the walk-in family’s requests', () => {
	let w: StaffWorld;
	let staffZ: Actor;
	beforeEach(async () => {
		w = await staffWorld();
		staffZ = await staffOfZ(w);
	});
	afterEach(async () => {
		await w.close();
	});

	/** Mia's walk-in at Z, linked into the world's parent's Mia with that family's consent. */
	async function linkedWalkin() {
		const db = w.t.app.database.db;
		const walk = await walkin(w.kitaZ);
		await w.push(staffZ, 'createWalkin', walk.args);
		const pair = await db.selectFrom('duplicate_candidates').select('id').executeTakeFirstOrThrow();
		await w.push(staffZ, 'decideDuplicate', { candidateId: pair.id, decision: 'ask' });
		await w.push(w.parent, 'answerLinkQuestion', { candidateId: pair.id, answer: 'mine' });
		expect(await w.lastRejection(w.parent)).toBeUndefined();
		return walk;
	}

	it('the online family sees the linked request but cannot withdraw or change it', async () => {
		const walk = await linkedWalkin();
		const requestId = walk.args.requestId;
		const seen = await w.pull(w.parent);
		expect(seen.patch.put.requests?.map((r) => r.id)).toContain(requestId);

		await w.push(w.parent, 'withdrawRequest', { requestId, expectedStatus: 'registered' });
		expect(await w.lastRejection(w.parent)).toMatchObject({ code: 'registeredElsewhere' });
		await w.push(w.parent, 'updateRequest', {
			requestId,
			expectedStatus: 'registered',
			startDate: '2027-08-01',
			weeklyHours: 45,
			changeRequest: false,
			comment: 'geändert'
		});
		expect(await w.lastRejection(w.parent)).toMatchObject({ code: 'registeredElsewhere' });
		expect(await w.status(requestId)).toBe('registered');
		// The Kita still acts for the family that registered in person.
		await w.push(staffZ, 'rejectRequest', {
			requestId,
			expectedStatus: 'registered',
			reason: 'noPlaceAvailable',
			note: ''
		});
		expect(await w.lastRejection(staffZ)).toBeUndefined();
		expect(await w.status(requestId)).toBe('rejected');
	});

	it('deleting the online account neither withdraws nor blanks the walk-in family’s request', async () => {
		const walk = await linkedWalkin();
		const db = w.t.app.database.db;
		const outcome = await runCommand(w.t.app, userActor(w.parent.session), deleteOwnAccount);
		expect(outcome.ok).toBe(true);
		const row = await db
			.selectFrom('requests')
			.select(['status', 'comment'])
			.where('id', '=', walk.args.requestId)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ status: 'registered', comment: 'Anmeldung vor Ort' });
	});
});
