// Found by the review of issue 12: "nothing of the other family reaches staff before consent" — yet a walk-in is matched
// against EVERY child of the district, and the suggestion tells the Kita whether a match exists and
// whether it belongs to an online account (match.confirmedBy). Staff can enter walk-ins with a
// name and trial birth dates and read off which child exists, with its exact birth date, even for
// a family that never registered at any Kita.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUserWithSession } from './fixtures';
import { actor, staffOfZ, staffWorld, walkin, type Actor, type StaffWorld } from './staff-world';

describe('security: walk-in duplicate search as an oracle', () => {
	let w: StaffWorld;
	let staffZ: Actor;
	beforeEach(async () => {
		w = await staffWorld();
		staffZ = await staffOfZ(w);
		const stranger = actor(
			await createUserWithSession(w.t.app.database.db, w.t.clock.now(), 'parent', {
				email: 'karin@example.org'
			})
		);
		// A child entered in an account, registered nowhere.
		await w.push(stranger, 'saveChild', {
			id: crypto.randomUUID(),
			firstName: 'Paul',
			lastName: 'Fremd',
			birthDate: '2023-04-04'
		});
	});
	afterEach(async () => {
		await w.close();
	});

	it('tells staff nothing about a child of a family that never registered at their Kita', async () => {
		const hits: string[] = [];
		for (const birthDate of ['2023-04-02', '2023-04-03', '2023-04-04', '2023-04-05']) {
			const walk = await walkin(w.kitaZ, { firstName: 'Paul', lastName: 'Fremd', birthDate });
			await w.push(staffZ, 'createWalkin', walk.args);
			const patch = (await w.pull(staffZ)).patch;
			const suggestion = (patch.put.duplicateCandidates ?? []).find((c) => c.childId === walk.args.child.id);
			if (suggestion) hits.push(`${birthDate}:${suggestion.match.confirmedBy}`);
		}
		expect(hits).toEqual([]);
	});
});
