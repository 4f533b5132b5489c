// Found by the review of issue 12: a link must not hand the walk-in family's contacts (address, phone, e-mail) to Kitas where
// only the online family registered. A family's data reaches a Kita only because it registered there.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffOfZ, staffWorld, walkin, type Actor, type StaffWorld } from './staff-world';

describe('security: a link hands the walk-in family’s contacts to Kitas it never registered at', () => {
	let w: StaffWorld;
	let staffZ: Actor;
	beforeEach(async () => {
		w = await staffWorld();
		staffZ = await staffOfZ(w);
	});
	afterEach(async () => {
		await w.close();
	});

	it('Kita X (where only the online family registered) gets no guardian of the walk-in family at Z', async () => {
		const db = w.t.app.database.db;
		const walk = await walkin(w.kitaZ, undefined, 'jelena@example.org');
		await w.push(staffZ, 'createWalkin', walk.args);
		const pair = await db.selectFrom('duplicate_candidates').select('id').executeTakeFirstOrThrow();
		await w.push(staffZ, 'decideDuplicate', { candidateId: pair.id, decision: 'ask' });
		// The online family — not the walk-in family — agrees.
		await w.push(w.parent, 'answerLinkQuestion', { candidateId: pair.id, answer: 'mine' });
		const x = JSON.stringify((await w.pull(w.staffX)).patch);
		const y = JSON.stringify((await w.pull(w.staffY)).patch);
		for (const [kita, text] of [
			['X', x],
			['Y', y]
		] as const) {
			expect(text, kita).not.toContain('Bahnhofstraße 12');
			expect(text, kita).not.toContain('02922 4567');
			expect(text, kita).not.toContain('jelena@example.org');
		}
	});
});
