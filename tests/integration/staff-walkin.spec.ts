import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUserWithSession } from './fixtures';
import { actor, contractAt, staffWorld, walkin, type Actor, type StaffWorld } from './staff-world';

describe('walk-in registrations, duplicates and claims', () => {
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

	it('creates a walk-in family with only the hash of its claim code, and a confirmation for families with an address', async () => {
		const { args, code } = await walkin(
			w.kitaZ,
			{ firstName: 'Ole', lastName: 'Beispiel', birthDate: '2023-05-01' },
			'ole@example.org'
		);
		await w.push(staffZ, 'createWalkin', args);
		const family = await db()
			.selectFrom('families')
			.selectAll()
			.where('id', '=', args.familyId)
			.executeTakeFirstOrThrow();
		expect(family).toMatchObject({ source: 'walkin', owner_user_id: null });
		expect(family.claim_code_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(await db().selectFrom('sync_rejections').selectAll().execute())).not.toContain(
			code
		);
		const registration = await db()
			.selectFrom('registrations')
			.selectAll()
			.where('id', '=', args.registrationId)
			.executeTakeFirstOrThrow();
		expect(registration).toMatchObject({ source: 'walkin', submitted_by: staffZ.session.userId });
		expect(registration.number).toMatch(/^KP-2026-\d{6}$/);
		const mails = await db()
			.selectFrom('mail_outbox')
			.selectAll()
			.where('to_address', '=', 'ole@example.org')
			.execute();
		expect(mails.map((m) => m.kind)).toEqual(['registration']);
		// No other record with this name and birth date: nothing to decide.
		expect(await candidates()).toEqual([]);
		const pulled = await w.pull(staffZ);
		expect(pulled.patch.put.requests?.map((r) => r.id)).toEqual([args.requestId]);
		expect(pulled.patch.put.guardians?.map((g) => g.phone)).toEqual(['02922 4567']);
		// Its claim code still works: a reprint of the receipt may offer a new one (issue 13.11).
		expect(pulled.patch.put.families).toEqual([
			expect.objectContaining({ id: args.familyId, source: 'walkin', claimable: true })
		]);
	});

	it('refuses a walk-in for a Kita the staff member does not work at', async () => {
		const { args } = await walkin(w.kitaX);
		await w.push(staffZ, 'createWalkin', args);
		expect(await w.lastRejection(staffZ)).toMatchObject({ code: 'notPermitted' });
		expect(
			await db().selectFrom('families').select('id').where('id', '=', args.familyId).executeTakeFirst()
		).toBeUndefined();
	});

	it('refuses a walk-in without a phone number, naming the field and the one reason', async () => {
		const { args } = await walkin(w.kitaZ);
		const [guardian] = args.guardians;
		if (!guardian) throw new Error('no guardian');
		await w.push(staffZ, 'createWalkin', { ...args, guardians: [{ ...guardian, phone: '  ', email: '' }] });
		const refused = await w.lastRejection(staffZ);
		expect(refused?.code).toBe('invalidInput');
		const issues = (refused?.current as { issues: { path: (string | number)[]; message: string }[] }).issues;
		expect(issues.map((i) => ({ path: i.path.join('.'), message: i.message }))).toEqual([
			{ path: 'guardians.0.phone', message: 'phoneRequired' }
		]);
		expect(
			await db().selectFrom('families').select('id').where('id', '=', args.familyId).executeTakeFirst()
		).toBeUndefined();
	});

	it('finds the same child in the district and tells staff only that, and who would confirm a link', async () => {
		const { args } = await walkin(w.kitaZ, {
			firstName: 'mia ',
			lastName: 'MUSTER',
			birthDate: '2024-03-10'
		});
		await w.push(staffZ, 'createWalkin', args);
		expect(await candidates()).toEqual([
			expect.objectContaining({
				facility_id: w.kitaZ,
				child_id: args.child.id,
				match_child_id: w.childId,
				status: 'open'
			})
		]);
		const pulled = await w.pull(staffZ);
		expect(pulled.patch.put.duplicateCandidates).toEqual([
			{
				id: expect.any(String),
				facilityId: w.kitaZ,
				childId: args.child.id,
				status: 'open',
				foundAt: expect.any(String),
				askedAt: null,
				decidedAt: null,
				match: { confirmedBy: 'family' }
			}
		]);
		// Staff of X, where the online family registered, do not see Z's walk-in or its candidates.
		const x = await w.pull(w.staffX);
		expect(x.patch.put.duplicateCandidates).toBeUndefined();
		expect(x.patch.put.requests?.map((r) => r.id)).toEqual([w.requestX]);
	});

	it('links the walk-in into the existing child: one record, each family reachable only where it registered, a contract anywhere closes the rest', async () => {
		const { args } = await walkin(w.kitaZ);
		await w.push(staffZ, 'createWalkin', args);
		const [candidate] = await candidates();
		// Only the Kita that entered the walk-in proposes.
		await w.push(w.staffX, 'decideDuplicate', { candidateId: candidate?.id ?? '', decision: 'ask' });
		expect(await w.lastRejection(w.staffX)).toMatchObject({ code: 'notFound' });

		await w.push(staffZ, 'decideDuplicate', { candidateId: candidate?.id ?? '', decision: 'ask' });
		expect((await candidates())[0]).toMatchObject({ status: 'askedFamily', asked_by: staffZ.session.userId });
		// The family holding Mia confirms in its account: only now is the walk-in linked.
		await w.push(w.parent, 'answerLinkQuestion', { candidateId: candidate?.id ?? '', answer: 'mine' });
		expect(await w.lastRejection(w.parent)).toBeUndefined();
		const moved = await db()
			.selectFrom('requests')
			.select('child_id')
			.where('id', '=', args.requestId)
			.executeTakeFirstOrThrow();
		expect(moved.child_id).toBe(w.childId);
		const stub = await db()
			.selectFrom('children')
			.selectAll()
			.where('id', '=', args.child.id)
			.executeTakeFirstOrThrow();
		expect(stub).toMatchObject({ merged_into: w.childId, family_id: args.familyId });
		expect((await candidates())[0]).toMatchObject({ status: 'linked', decided_by: w.parent.session.userId });

		// X, where only the online family registered, gets none of the walk-in family: no phone
		// number, no linked record (a family's data reaches a Kita only because it registered there).
		const x = await w.pull(w.staffX);
		expect(x.patch.put.guardians?.map((g) => g.phone).sort()).toEqual(['02922 123']);
		expect(x.patch.put.children?.map((c) => c.id)).toEqual([w.childId]);
		// Z, where the walk-in family registered, keeps it and now also reaches the family that
		// agreed to the link; the linked record tells the page which families belong to the child.
		const zLinked = await w.pull(staffZ);
		expect(zLinked.patch.put.guardians?.map((g) => g.phone).sort()).toEqual(['02922 123', '02922 4567']);
		expect(zLinked.patch.put.children?.find((c) => c.id === args.child.id)).toMatchObject({
			mergedInto: w.childId,
			familyId: args.familyId
		});

		// Issue 17: the acceptance at X already ends the child's other requests of that Kita year.
		await contractAt(w, w.staffX, w.requestX);
		expect(await w.status(args.requestId)).toBe('withdrawn');
		expect(await w.status(w.requestY)).toBe('withdrawn');
		const z = await w.pull(staffZ);
		expect(z.patch.put.requests?.find((r) => r.id === args.requestId)).toMatchObject({
			status: 'withdrawn',
			contractElsewhere: true
		});
	});

	it('closes the walk-in request when it is linked to a child that already has a contract', async () => {
		await contractAt(w, w.staffX, w.requestX);
		const { args } = await walkin(w.kitaZ);
		await w.push(staffZ, 'createWalkin', args);
		const [candidate] = await candidates();
		await w.push(staffZ, 'decideDuplicate', { candidateId: candidate?.id ?? '', decision: 'ask' });
		expect(await w.status(args.requestId)).toBe('registered');
		await w.push(w.parent, 'answerLinkQuestion', { candidateId: candidate?.id ?? '', answer: 'mine' });
		expect(await w.status(args.requestId)).toBe('placedElsewhere');
	});

	it('finds an earlier walk-in once the family registers the same child online, not before', async () => {
		const { args } = await walkin(w.kitaZ, { firstName: 'Ole', lastName: 'Früher', birthDate: '2023-05-01' });
		await w.push(staffZ, 'createWalkin', args);
		expect(await candidates()).toEqual([]);
		const onlineChild = crypto.randomUUID();
		await w.push(w.parent, 'saveChild', {
			id: onlineChild,
			firstName: 'Ole',
			lastName: 'Frueher',
			birthDate: '2023-05-01'
		});
		// Entered in the account, registered nowhere: no match (no Kita's business yet).
		expect(await candidates()).toEqual([]);
		await w.push(w.parent, 'submitRegistration', {
			registrationId: crypto.randomUUID(),
			childId: onlineChild,
			items: [
				{
					requestId: crypto.randomUUID(),
					facilityId: w.kitaY,
					startDate: '2027-08-01',
					weeklyHours: 35,
					changeRequest: false,
					comment: ''
				}
			]
		});
		expect(await w.lastRejection(w.parent)).toBeUndefined();
		expect(await candidates()).toEqual([
			expect.objectContaining({ facility_id: w.kitaZ, child_id: args.child.id, match_child_id: onlineChild })
		]);
		// Saving the child again (an edit) finds nothing new.
		await w.push(w.parent, 'saveChild', {
			id: onlineChild,
			firstName: 'Ole',
			lastName: 'Frueher',
			birthDate: '2023-05-01'
		});
		expect(await candidates()).toHaveLength(1);
	});

	it('finds an earlier walk-in once the family asks for child-minding for the same child', async () => {
		const { args } = await walkin(w.kitaZ, { firstName: 'Ole', lastName: 'Früher', birthDate: '2023-05-01' });
		await w.push(staffZ, 'createWalkin', args);
		const onlineChild = crypto.randomUUID();
		await w.push(w.parent, 'saveChild', {
			id: onlineChild,
			firstName: 'Ole',
			lastName: 'Frueher',
			birthDate: '2023-05-01'
		});
		expect(await candidates()).toEqual([]);
		await w.push(w.parent, 'submitChildminding', {
			id: crypto.randomUUID(),
			childId: onlineChild,
			startDate: '2027-02-01',
			weeklyHours: 35,
			comment: ''
		});
		expect(await w.lastRejection(w.parent)).toBeUndefined();
		expect(await candidates()).toEqual([
			expect.objectContaining({ facility_id: w.kitaZ, child_id: args.child.id, match_child_id: onlineChild })
		]);
	});

	it('keeps a look-alike separate, and refuses a second decision with the current state', async () => {
		const { args } = await walkin(w.kitaZ);
		await w.push(staffZ, 'createWalkin', args);
		const [candidate] = await candidates();
		await w.push(staffZ, 'decideDuplicate', { candidateId: candidate?.id ?? '', decision: 'separate' });
		expect((await candidates())[0]).toMatchObject({ status: 'separate' });
		const own = await db()
			.selectFrom('requests')
			.select('child_id')
			.where('id', '=', args.requestId)
			.executeTakeFirstOrThrow();
		expect(own.child_id).toBe(args.child.id);
		await w.push(staffZ, 'decideDuplicate', { candidateId: candidate?.id ?? '', decision: 'ask' });
		expect(await w.lastRejection(staffZ)).toMatchObject({
			code: 'staleStatus',
			current: { status: 'separate' }
		});
	});
});
