// Rows reach each reader with the actions it may take (issue 15, point 3): the pull computes them
// from src/lib/domain/permissions.ts for the family and the Kita's staff, and they follow the status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFER, staffWorld, type Actor, type StaffWorld } from './staff-world';

describe('permittedActions on pulled rows', () => {
	let w: StaffWorld;
	beforeAll(async () => {
		w = await staffWorld();
	});
	afterAll(async () => {
		await w.close();
	});

	async function actionsOf(who: Actor, requestId: string): Promise<string> {
		const patch = await w.pull(who);
		const row = (patch.patch.put.requests ?? []).find((r) => r.id === requestId);
		return row ? (row.permittedActions ?? ['(none)']).join(' ') : '(not held)';
	}

	it('follow the request from registered through offered to contracted', async () => {
		expect(await actionsOf(w.parent, w.requestX)).toBe('withdraw update');
		expect(await actionsOf(w.staffX, w.requestX)).toBe('offer reject');
		expect(await actionsOf(w.staffY, w.requestX)).toBe('(not held)');
		// Staff of Kita Y hold Y's request, not X's; X's staff do not hold Y's.
		expect(await actionsOf(w.staffY, w.requestY)).toBe('offer reject');

		await w.push(w.staffX, 'makeOffer', { requestId: w.requestX, expectedStatus: 'registered', ...OFFER });
		expect(await actionsOf(w.parent, w.requestX)).toBe('accept decline');
		expect(await actionsOf(w.staffX, w.requestX)).toBe('withdrawOffer accept decline');

		await w.push(w.parent, 'answerOffer', {
			requestId: w.requestX,
			expectedStatus: 'offered',
			answer: 'accept'
		});
		expect(await actionsOf(w.parent, w.requestX)).toBe('decline');
		expect(await actionsOf(w.staffX, w.requestX)).toBe('decline contract');

		await w.push(w.staffX, 'concludeContract', { requestId: w.requestX, expectedStatus: 'accepted' });
		expect(await actionsOf(w.parent, w.requestX)).toBe('');
		expect(await actionsOf(w.staffX, w.requestX)).toBe('');
	});
});
