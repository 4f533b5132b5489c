// Issue 14, point 7: a refusal tells who acted first — as a role ("von der Kita", "von einer anderen
// Mitarbeiterin …"), never as a person: no other user's name or account id reaches the refused user.
import { afterEach, describe, expect, it } from 'vitest';
import { createUserWithSession } from './fixtures';
import { actor, OFFER, staffWorld, type StaffWorld } from './staff-world';

let w: StaffWorld;
afterEach(async () => w?.close());

/** The rejection as the refused user's device gets it from pull. */
async function pulledRejection(who: Parameters<StaffWorld['pull']>[0]) {
	const result = await w.pull(who);
	expect(result.rejections).toHaveLength(1);
	return { rejection: result.rejections[0]!, raw: JSON.stringify(result.rejections) };
}

describe('a refusal records the role of whoever acted first', () => {
	it('a parent’s withdrawal refused because the Kita made an offer: acted by the Kita', async () => {
		w = await staffWorld();
		await w.push(w.staffX, 'makeOffer', { requestId: w.requestX, expectedStatus: 'registered', ...OFFER });
		await w.push(w.parent, 'withdrawRequest', { requestId: w.requestX, expectedStatus: 'registered' });
		expect(await w.status(w.requestX)).toBe('offered');

		const { rejection, raw } = await pulledRejection(w.parent);
		expect(rejection.code).toBe('staleStatus');
		expect(rejection.actedBy).toBe('kita');
		expect(rejection.actedAt).toBe(w.t.clock.now().toISOString());
		expect(raw).not.toContain(w.staffX.session.userId);
	});

	it('a staff Absage refused because a colleague’s offer came first: acted by another staff member, never named', async () => {
		w = await staffWorld();
		const db = w.t.app.database.db;
		const colleague = actor(
			await createUserWithSession(db, w.t.clock.now(), 'staff', {
				facilityIds: [w.kitaX],
				email: 'kollegin@example.org'
			})
		);
		const user = await db
			.selectFrom('users')
			.selectAll()
			.where('id', '=', colleague.session.userId)
			.executeTakeFirstOrThrow();
		await w.push(colleague, 'makeOffer', { requestId: w.requestX, expectedStatus: 'registered', ...OFFER });
		await w.push(w.staffX, 'rejectRequest', {
			requestId: w.requestX,
			expectedStatus: 'registered',
			reason: 'other',
			note: 'Bitte ab September, Oma betreut im August'
		});

		const { rejection, raw } = await pulledRejection(w.staffX);
		expect(rejection.code).toBe('staleStatus');
		expect(rejection.actedBy).toBe('colleague');
		for (const secret of [colleague.session.userId, user.email]) expect(raw).not.toContain(secret);
		const stored = await db
			.selectFrom('sync_rejections')
			.selectAll()
			.where('client_id', '=', w.staffX.clientId);
		expect(JSON.stringify(await stored.execute())).not.toContain(colleague.session.userId);
	});

	it('the same user on another device acted first: acted by "you"', async () => {
		w = await staffWorld();
		const otherDevice = { ...w.parent, clientId: crypto.randomUUID(), next: 1 };
		await w.push(otherDevice, 'withdrawRequest', { requestId: w.requestX, expectedStatus: 'registered' });
		await w.push(w.parent, 'updateRequest', {
			requestId: w.requestX,
			expectedStatus: 'registered',
			startDate: '2027-09-01',
			weeklyHours: 45,
			changeRequest: false,
			comment: 'Bitte ab September'
		});
		const { rejection } = await pulledRejection(w.parent);
		expect(rejection.actedBy).toBe('you');
	});

	it('a refusal about something the user may not see carries no actor', async () => {
		w = await staffWorld();
		await w.push(w.staffX, 'makeOffer', { requestId: w.requestX, expectedStatus: 'registered', ...OFFER });
		// Staff of Kita Y acting on Kita X's request: "not found", and nothing about who acted there.
		await w.push(w.staffY, 'rejectRequest', {
			requestId: w.requestX,
			expectedStatus: 'registered',
			reason: 'noPlaceAvailable',
			note: ''
		});
		const { rejection } = await pulledRejection(w.staffY);
		expect(rejection.code).toBe('notFound');
		expect(rejection.actedBy).toBeUndefined();
	});
});
