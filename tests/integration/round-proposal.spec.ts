// Issue 17, point 3: what an offer round proposes for a Kita year, computed from the real data —
// deterministic for a seed (recorded in the answer), the parents' first choice proposed, a child who
// holds its first choice no longer a candidate elsewhere, and only the youth office may ask.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roundInput } from '../../server/services/round-input';
import { createUserWithSession } from './fixtures';
import { OFFER, staffWorld, type StaffWorld } from './staff-world';

describe('youthOffice.roundProposal', () => {
	let w: StaffWorld;
	let ask: (input: {
		kitaYearId: string;
		seed?: number;
	}) => ReturnType<ReturnType<StaffWorld['t']['caller']>['youthOffice']['roundProposal']>;
	beforeEach(async () => {
		// The child is registered online at X (choice 1) and Y (choice 2) for 1 Aug 2027.
		w = await staffWorld();
		const admin = await createUserWithSession(w.t.app.database.db, w.t.clock.now(), 'admin');
		ask = (input) => w.t.caller({ session: admin }).youthOffice.roundProposal(input);
	});
	afterEach(async () => {
		await w.close();
	});

	const proposedAt = (answer: Awaited<ReturnType<typeof ask>>, facilityId: string) =>
		answer.kitas.find((k) => k.facilityId === facilityId)?.requestIds ?? [];

	it('proposes the parents’ first choice, the same again for the same seed', async () => {
		const first = await ask({ kitaYearId: '2027-28', seed: 7 });
		expect(first.seed).toBe(7);
		expect(proposedAt(first, w.kitaX)).toContain(w.requestX);
		expect(proposedAt(first, w.kitaY)).not.toContain(w.requestY);
		const again = await ask({ kitaYearId: '2027-28', seed: 7 });
		expect({ ...again, ms: 0 }).toEqual({ ...first, ms: 0 });
		// Without a seed one is drawn and returned: asking with it gives the same proposal.
		const drawn = await ask({ kitaYearId: '2027-28' });
		expect(Number.isInteger(drawn.seed)).toBe(true);
		const repeated = await ask({ kitaYearId: '2027-28', seed: drawn.seed });
		expect(repeated.kitas).toEqual(drawn.kitas);
	});

	it('reads the family’s municipality from the first guardian’s postcode, and the Kitas’ criteria', async () => {
		const loaded = await roundInput(w.t.app.database.db, '2027-28', 1);
		// The guardian lives at 59457 Werl.
		expect(loaded?.input.children.find((c) => c.id === w.childId)?.municipalityId).toBe('werl');
		const kitaX = loaded?.input.kitas.find((k) => k.id === w.kitaX);
		expect(kitaX?.criteria).toEqual(expect.any(Array));
		expect(Object.values(kitaX?.free ?? {}).some((n) => (n ?? 0) > 0)).toBe(true);
	});

	it('leaves out a child that holds the offer of its first choice', async () => {
		await w.push(w.staffX, 'makeOffer', { requestId: w.requestX, expectedStatus: 'registered', ...OFFER });
		const answer = await ask({ kitaYearId: '2027-28', seed: 7 });
		const all = answer.kitas.flatMap((k) => k.requestIds);
		expect(all).not.toContain(w.requestX);
		expect(all).not.toContain(w.requestY);
	});

	it('proposes the second choice to a child that holds nothing at the first (no places there)', async () => {
		// X's places for the child's age band and hours are all taken.
		await w.t.app.database.db
			.updateTable('capacities')
			.set({ places: 0 })
			.where('facility_id', '=', w.kitaX)
			.where('kita_year_id', '=', '2027-28')
			.execute();
		const answer = await ask({ kitaYearId: '2027-28', seed: 7 });
		expect(proposedAt(answer, w.kitaX)).toEqual([]);
		expect(proposedAt(answer, w.kitaY)).toContain(w.requestY);
	});

	it('answers the youth office only, and an unknown year with NOT_FOUND', async () => {
		for (const who of [w.parent, w.staffX])
			await expect(
				w.t.caller({ session: who.session }).youthOffice.roundProposal({ kitaYearId: '2027-28' })
			).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(ask({ kitaYearId: '2099-00' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
	});
});
