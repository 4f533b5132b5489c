// Parents take a walk-in family into their online account with the claim code from the receipt.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUserWithSession } from './fixtures';
import { actor, staffWorld, walkin, type Actor, type StaffWorld } from './staff-world';

describe('claim of a walk-in family by a parent', () => {
	let w: StaffWorld;
	let staffZ: Actor;
	beforeEach(async () => {
		w = await staffWorld();
		staffZ = actor(
			await createUserWithSession(w.t.app.database.db, w.t.clock.now(), 'staff', { facilityIds: [w.kitaZ] })
		);
	});
	afterEach(async () => {
		await w.close();
	});

	const db = () => w.t.app.database.db;
	const candidates = () => db().selectFrom('duplicate_candidates').selectAll().execute();

	async function twoWalkins() {
		// A family without internet registers in person at X and at Z.
		const first = await walkin(w.kitaX, {
			firstName: 'Lina',
			lastName: 'Offline',
			birthDate: '2023-09-09'
		});
		await w.push(w.staffX, 'createWalkin', first.args);
		const second = await walkin(w.kitaZ, {
			firstName: 'Lina',
			lastName: 'Offline',
			birthDate: '2023-09-09'
		});
		await w.push(staffZ, 'createWalkin', second.args);
		const [candidate] = await candidates();
		// Neither family has an account: Z proposes, the youth office links.
		await w.push(staffZ, 'decideDuplicate', { candidateId: candidate?.id ?? '', decision: 'ask' });
		const admin = await createUserWithSession(db(), w.t.clock.now(), 'admin');
		await w.t
			.caller({ session: admin })
			.youthOffice.decideDuplicate({ candidateId: candidate?.id ?? '', decision: 'link' });
		return { first, second };
	}

	it('tells the Kita whether its own walk-in can still be claimed, and nothing of that of a household it was linked into', async () => {
		const { first, second } = await twoWalkins();
		const families = async () =>
			new Map((await w.pull(staffZ)).patch.put.families?.map((f) => [f.id, f]) ?? []);
		const before = await families();
		expect(before.get(second.args.familyId)).toMatchObject({ source: 'walkin', claimable: true });
		// X's walk-in family holds Z's request since the link: Z sees its contacts, not its claim state.
		expect(before.get(first.args.familyId)).toBeDefined();
		expect(before.get(first.args.familyId)).not.toHaveProperty('claimable');

		const parent = await createUserWithSession(db(), w.t.clock.now(), 'parent', {
			email: 'lina-eltern@example.org'
		});
		await w.t.caller({ session: parent }).family.claim({ code: second.code, birthDate: '2023-09-09' });
		expect((await families()).get(second.args.familyId)).toMatchObject({ claimable: false });
	});

	it('takes only the receipt’s own walk-in family: the household it was linked into stays where it is', async () => {
		const { first, second } = await twoWalkins();
		const newParent = actor(
			await createUserWithSession(db(), w.t.clock.now(), 'parent', { email: 'lina-eltern@example.org' })
		);
		const before = await w.pull(newParent);
		expect(before.patch.put.requests).toBeUndefined();

		const result = await w.t
			.caller({ session: newParent.session })
			.family.claim({ code: second.code.toLowerCase().replace(/-/g, ' '), birthDate: '2023-09-09' });
		expect(result.children).toBeGreaterThanOrEqual(1);

		// Z's record was linked into X's: the requests are held by X's walk-in family, which nobody
		// claimed. The claim brings the parent's own (linked) record and guardians, nothing of X's.
		const after = await w.pull(newParent, before.cookie);
		expect(after.patch.put.requests).toBeUndefined();
		expect(after.patch.put.children).toEqual([
			expect.objectContaining({ id: second.args.child.id, mergedInto: first.args.child.id })
		]);
		expect(after.patch.put.guardians?.map((g) => g.familyId)).toEqual(
			second.args.guardians.map(() => second.args.familyId)
		);
		const firstFamily = await db()
			.selectFrom('families')
			.select(['owner_user_id', 'claim_code_hash'])
			.where('id', '=', first.args.familyId)
			.executeTakeFirstOrThrow();
		expect(firstFamily.owner_user_id).toBeNull();
		expect(firstFamily.claim_code_hash).not.toBeNull();

		// With X's receipt too, the parent holds both requests, and the link inside the family is
		// resolved: one child, not the walk-in twice.
		await w.t
			.caller({ session: newParent.session })
			.family.claim({ code: first.code, birthDate: '2023-09-09' });
		const both = await w.pull(newParent, after.cookie);
		expect(both.patch.put.requests?.map((r) => r.id).sort()).toEqual(
			[first.args.requestId, second.args.requestId].sort()
		);
		expect(both.patch.put.children?.map((c) => c.firstName)).toEqual(['Lina']);
		expect(both.patch.del.children).toEqual([second.args.child.id]);
		// Status mails now go to the account.
		await w.push(w.staffX, 'makeOffer', {
			requestId: first.args.requestId,
			expectedStatus: 'registered',
			startDate: '2027-08-01',
			weeklyHours: 35,
			note: ''
		});
		const mails = await db()
			.selectFrom('mail_outbox')
			.select('to_address')
			.where('kind', '=', 'statusChange')
			.execute();
		expect(mails.map((m) => m.to_address)).toContain('lina-eltern@example.org');
		// The code works once.
		const other = await createUserWithSession(db(), w.t.clock.now(), 'parent');
		await expect(
			w.t.caller({ session: other }).family.claim({ code: second.code, birthDate: '2023-09-09' })
		).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'claimInvalid' });
		const audits = await db()
			.selectFrom('audit_events')
			.select(['actor_id', 'outcome'])
			.where('action', '=', 'walkin.claim')
			.execute();
		expect(audits).toEqual([
			{ actor_id: newParent.session.userId, outcome: 'ok' },
			{ actor_id: newParent.session.userId, outcome: 'ok' },
			{ actor_id: other.userId, outcome: 'refused' }
		]);
	});

	it('moves the walk-in child into a family the parent already has', async () => {
		const { first, second } = await twoWalkins();
		await w.t
			.caller({ session: w.parent.session })
			.family.claim({ code: second.code, birthDate: '2023-09-09' });
		const parentFamily = await db()
			.selectFrom('families')
			.select('id')
			.where('owner_user_id', '=', w.parent.session.userId)
			.executeTakeFirstOrThrow();
		const lina = await db()
			.selectFrom('children')
			.select(['id', 'family_id', 'merged_into'])
			.where('first_name', '=', 'Lina')
			.orderBy('merged_into', (o) => o.asc().nullsFirst())
			.execute();
		// The claimed (Z) record moves into the parent's family; X's walk-in family, which it was
		// linked into, stays unowned with its requests.
		expect(lina).toEqual([
			{ id: first.args.child.id, family_id: first.args.familyId, merged_into: null },
			{ id: second.args.child.id, family_id: parentFamily.id, merged_into: first.args.child.id }
		]);
		const pulled = await w.pull(w.parent);
		expect(pulled.patch.put.requests?.map((r) => r.id).sort()).toEqual([w.requestX, w.requestY].sort());
	});

	it('refuses a wrong birth date the same way as a wrong code, and stops guessing', async () => {
		const { second } = await twoWalkins();
		const guesser = await createUserWithSession(db(), w.t.clock.now(), 'parent');
		const claim = (code: string, birthDate: string) =>
			w.t.caller({ session: guesser }).family.claim({ code, birthDate });
		await expect(claim(second.code, '2023-09-10')).rejects.toMatchObject({ message: 'claimInvalid' });
		await expect(claim('AAAA-BBBB-CCCC', '2023-09-09')).rejects.toMatchObject({ message: 'claimInvalid' });
		for (let i = 0; i < 8; i++) await claim('AAAA-BBBB-CCCC', '2023-09-09').catch(() => undefined);
		await expect(claim(second.code, '2023-09-09')).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
		const family = await db()
			.selectFrom('families')
			.select('owner_user_id')
			.where('id', '=', second.args.familyId)
			.executeTakeFirstOrThrow();
		expect(family.owner_user_id).toBeNull();
	});

	it('lets staff print a new receipt: only the new code works afterwards', async () => {
		const { second } = await twoWalkins();
		const fresh = await walkin(w.kitaZ);
		await w.push(staffZ, 'renewClaimCode', {
			familyId: second.args.familyId,
			claimCodeHash: fresh.args.claimCodeHash
		});
		const parentB = await createUserWithSession(db(), w.t.clock.now(), 'parent');
		await expect(
			w.t.caller({ session: parentB }).family.claim({ code: second.code, birthDate: '2023-09-09' })
		).rejects.toMatchObject({ message: 'claimInvalid' });
		await w.t.caller({ session: parentB }).family.claim({ code: fresh.code, birthDate: '2023-09-09' });
		// Another Kita's staff cannot renew this family's code.
		await w.push(w.staffY, 'renewClaimCode', {
			familyId: second.args.familyId,
			claimCodeHash: fresh.args.claimCodeHash
		});
		expect(await w.lastRejection(w.staffY)).toMatchObject({ code: 'notFound' });
	});

	it('family.claim: parents only', async () => {
		const input = { code: 'AAAA-BBBB-CCCC', birthDate: '2023-01-02' };
		await expect(w.t.caller({ session: w.staffX.session }).family.claim(input)).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		await expect(w.t.caller().family.claim(input)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
		await expect(w.t.caller({ session: w.parent.session }).family.claim(input)).rejects.toMatchObject({
			code: 'BAD_REQUEST'
		});
		// a cross-site request is refused before anything else
		await expect(
			w.t.caller({ session: w.parent.session, sameOrigin: false }).family.claim(input)
		).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'crossSite' });
	});
});
