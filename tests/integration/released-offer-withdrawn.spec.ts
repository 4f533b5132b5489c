// Review of issue 17.1 (one held offer): an offer that released the family's lower-ranked offer can
// be taken back by its own Kita at once (withdrawOffer). The released offer stayed released (then a
// final status), so the child was left with neither place although the family did nothing: one
// Kita's offer-and-withdraw made another Kita's offer vanish. Now the released request waits again
// (`reinstate`), and its Kita may offer anew.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OFFER, staffWorld, type StaffWorld } from './staff-world';

describe('an offer that released another is taken back', () => {
	let w: StaffWorld;
	beforeEach(async () => {
		// The child is registered online at X (choice 1) and Y (choice 2).
		w = await staffWorld();
	});
	afterEach(async () => {
		await w.close();
	});

	/** The family still holds an offer, or its request at Y waits again. */
	const familyKeepsAChance = (s: { x: string; y: string }) =>
		s.x === 'offered' || s.y === 'offered' || s.y === 'registered';

	async function heldAtYThenOfferedAtX(): Promise<void> {
		await w.push(w.staffY, 'makeOffer', { requestId: w.requestY, expectedStatus: 'registered', ...OFFER });
		await w.push(w.staffX, 'makeOffer', { requestId: w.requestX, expectedStatus: 'registered', ...OFFER });
		expect([await w.status(w.requestX), await w.status(w.requestY)]).toEqual(['offered', 'released']);
	}

	it('withdrawOffer at X does not leave the child without Y’s offer', async () => {
		await heldAtYThenOfferedAtX();
		await w.push(w.staffX, 'withdrawOffer', { requestId: w.requestX, expectedStatus: 'offered' });
		const after = { x: await w.status(w.requestX), y: await w.status(w.requestY) };
		// Before the fix: { x: 'registered', y: 'released' } — the family had an offer and now had none.
		expect(after).toSatisfy(familyKeepsAChance);
		expect(after).toEqual({ x: 'registered', y: 'registered' });
		// Y's Kita may offer again, and the child holds it.
		await w.push(w.staffY, 'makeOffer', { requestId: w.requestY, expectedStatus: 'registered', ...OFFER });
		expect(await w.status(w.requestY)).toBe('offered');
	});
});
