// Found by the review of issue 12: claiming a walk-in with its receipt code also takes every UNOWNED walk-in family it was
// linked into (claimWalkinFamily: "come along") — their child record with all its requests and
// their guardians at free positions. The youth office decided "same child"; nobody decided that the
// holder of one receipt may act for, and read the contacts of, the other household.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUserWithSession } from './fixtures';
import { actor, staffOfZ, staffWorld, walkin, type Actor, type StaffWorld } from './staff-world';

describe('security: a claim takes the linked walk-in family along', () => {
	let w: StaffWorld;
	let staffZ: Actor;
	beforeEach(async () => {
		w = await staffWorld();
		staffZ = await staffOfZ(w);
	});
	afterEach(async () => {
		await w.close();
	});

	it('the claimer gets neither the other household’s guardians nor its requests', async () => {
		const db = w.t.app.database.db;
		const lena = { firstName: 'Lena', lastName: 'Teil', birthDate: '2024-01-15' };
		// Father's household registers Lena in person at Y (two guardians).
		const father = await walkin(w.kitaY, lena);
		father.args.guardians.push({
			id: crypto.randomUUID(),
			position: 2,
			firstName: 'Petra',
			lastName: 'Neu',
			street: 'Versteckweg 9',
			postcode: '59494',
			town: 'Soest',
			phone: '02921 7777',
			email: ''
		});
		await w.push(w.staffY, 'createWalkin', father.args);
		// Mother registers Lena in person at Z.
		const mother = await walkin(w.kitaZ, lena);
		await w.push(staffZ, 'createWalkin', mother.args);
		// Z proposes, the youth office links (two walk-ins): same child.
		const pair = await db
			.selectFrom('duplicate_candidates')
			.select('id')
			.where('child_id', '=', mother.args.child.id)
			.executeTakeFirstOrThrow();
		await w.push(staffZ, 'decideDuplicate', { candidateId: pair.id, decision: 'ask' });
		const admin = await createUserWithSession(db, w.t.clock.now(), 'admin');
		await w.t
			.caller({ session: admin })
			.youthOffice.decideDuplicate({ candidateId: pair.id, decision: 'link' });

		// Mother claims her receipt.
		const claimer = actor(
			await createUserWithSession(db, w.t.clock.now(), 'parent', { email: 'm@example.org' })
		);
		await w.t
			.caller({ session: claimer.session })
			.family.claim({ code: mother.code, birthDate: lena.birthDate });
		const text = JSON.stringify((await w.pull(claimer)).patch);
		await w.push(claimer, 'withdrawRequest', {
			requestId: father.args.requestId,
			expectedStatus: 'registered'
		});

		expect({
			seesOtherGuardian: text.includes('Versteckweg 9'),
			fatherRequest: await w.status(father.args.requestId)
		}).toEqual({ seesOtherGuardian: false, fatherRequest: 'registered' });
	});
});
