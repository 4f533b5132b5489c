// Security issue, point 2: staff of one Kita could pull any family of the district into their Kita
// by entering a walk-in with the same name and birth date and linking it. A family's data reaches a
// Kita only because the family registered there: staff may only propose a link, the family holding
// the other record confirms it in its account, and two walk-ins are linked by the youth office.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUserWithSession } from './fixtures';
import { actor, staffOfZ, staffWorld, walkin, type Actor, type StaffWorld } from './staff-world';

describe('a walk-in matching another family’s child', () => {
	let w: StaffWorld;
	let staffZ: Actor;
	let stranger: Actor;
	const strangerChild = crypto.randomUUID();
	const paul = { firstName: 'Paul', lastName: 'Fremd', birthDate: '2023-04-04' };

	beforeEach(async () => {
		w = await staffWorld();
		staffZ = await staffOfZ(w);
		// An online parent with no request at any Kita: no Kita has any reason to see this family.
		stranger = actor(
			await createUserWithSession(db(), w.t.clock.now(), 'parent', { email: 'karin@example.org' })
		);
		await w.push(stranger, 'saveGuardian', {
			id: crypto.randomUUID(),
			position: 1,
			firstName: 'Karin',
			lastName: 'Fremd',
			street: 'Geheimweg 7',
			postcode: '59505',
			town: 'Bad Sassendorf',
			phone: '02921 999',
			email: 'karin@example.org'
		});
		await w.push(stranger, 'saveChild', { id: strangerChild, ...paul });
		// Registered somewhere (only a child that did is a possible duplicate), at no Kita: child-minding.
		await w.push(stranger, 'submitChildminding', {
			id: crypto.randomUUID(),
			childId: strangerChild,
			startDate: '2027-02-01',
			weeklyHours: 35,
			comment: ''
		});
	});
	afterEach(async () => {
		await w.close();
	});

	const db = () => w.t.app.database.db;
	const candidate = () => db().selectFrom('duplicate_candidates').selectAll().executeTakeFirstOrThrow();
	const requestsOf = (childId: string) =>
		db().selectFrom('requests').select('id').where('child_id', '=', childId).execute();

	async function walkinAtZ() {
		const walk = await walkin(w.kitaZ, paul);
		await w.push(staffZ, 'createWalkin', walk.args);
		return walk;
	}

	/** Nothing of the stranger's family on Z's devices, and no request in the stranger's account. */
	async function nothingMoved(walkinRequestId: string) {
		const z = await w.pull(staffZ);
		const zText = JSON.stringify(z.patch);
		expect(zText).not.toContain('Karin');
		expect(zText).not.toContain('Geheimweg');
		expect(zText).not.toContain('02921 999');
		expect(zText).not.toContain(strangerChild);
		expect(z.patch.put.children?.map((c) => c.id)).not.toContain(strangerChild);
		const own = await w.pull(stranger);
		expect(own.patch.put.requests).toBeUndefined();
		expect(await requestsOf(strangerChild)).toEqual([]);
		const moved = await db()
			.selectFrom('requests')
			.select('child_id')
			.where('id', '=', walkinRequestId)
			.executeTakeFirstOrThrow();
		expect(moved.child_id).not.toBe(strangerChild);
	}

	it('tells staff only that the same child is registered elsewhere — no names, address, count or ids', async () => {
		await walkinAtZ();
		const z = await w.pull(staffZ);
		const [suggestion] = z.patch.put.duplicateCandidates ?? [];
		expect(suggestion).toBeDefined();
		const text = JSON.stringify(suggestion);
		for (const secret of ['Karin', 'Fremd', 'Geheimweg', '59505', 'Bad Sassendorf', strangerChild])
			expect(text).not.toContain(secret);
		expect(suggestion).not.toHaveProperty('matchChildId');
		expect(suggestion?.match).not.toHaveProperty('guardians');
		expect(suggestion?.match).not.toHaveProperty('requestCount');
	});

	it('does not move anything when staff say “link”; the family is asked instead', async () => {
		const walk = await walkinAtZ();
		const { id } = await candidate();
		await w.push(staffZ, 'decideDuplicate', { candidateId: id, decision: 'link' });
		await nothingMoved(walk.args.requestId);
		expect(await candidate()).toMatchObject({ status: 'askedFamily' });
		// The family gets a generic mail: no Kita, no child, no details.
		const mails = await db()
			.selectFrom('mail_outbox')
			.selectAll()
			.where('to_address', '=', 'karin@example.org')
			.where('kind', '!=', 'childminding')
			.execute();
		expect(mails.map((m) => m.kind)).toEqual(['linkQuestion']);
		expect(mails[0]?.text_body).not.toContain('Paul');
	});

	it('moves nothing when the family answers “not my child”, and tells the Kita', async () => {
		const walk = await walkinAtZ();
		const { id } = await candidate();
		await w.push(staffZ, 'decideDuplicate', { candidateId: id, decision: 'ask' });
		const asked = await w.pull(stranger);
		// Only what the family needs to answer: nothing of the walk-in family's contacts.
		expect(asked.patch.put.linkQuestions).toEqual([
			{
				id,
				childId: strangerChild,
				facilityName: expect.any(String),
				childFirstName: 'Paul',
				childLastName: 'Fremd',
				birthDate: '2023-04-04',
				askedAt: expect.any(String),
				status: 'askedFamily',
				decidedAt: null
			}
		]);
		expect(JSON.stringify(asked.patch)).not.toContain('Jelena');
		// Another family is not asked.
		expect((await w.pull(w.parent)).patch.put.linkQuestions).toBeUndefined();
		await w.push(stranger, 'answerLinkQuestion', { candidateId: id, answer: 'notMine' });
		expect(await w.lastRejection(stranger)).toBeUndefined();
		expect(await candidate()).toMatchObject({ status: 'separate' });
		await nothingMoved(walk.args.requestId);
		const z = await w.pull(staffZ);
		expect(z.patch.put.duplicateCandidates).toEqual([expect.objectContaining({ id, status: 'separate' })]);
		// Decided once: a second answer is refused with the current state.
		await w.push(stranger, 'answerLinkQuestion', { candidateId: id, answer: 'mine' });
		expect(await w.lastRejection(stranger)).toMatchObject({ code: 'staleStatus' });
		expect(await requestsOf(strangerChild)).toEqual([]);
	});

	it('moves the request once the family confirms, and only then the Kita sees the family', async () => {
		const walk = await walkinAtZ();
		const { id } = await candidate();
		await w.push(staffZ, 'decideDuplicate', { candidateId: id, decision: 'ask' });
		// Nobody else can answer for the family: another parent, staff, or a question never asked.
		await w.push(w.parent, 'answerLinkQuestion', { candidateId: id, answer: 'mine' });
		expect(await w.lastRejection(w.parent)).toMatchObject({ code: 'notFound' });
		await w.push(staffZ, 'answerLinkQuestion', { candidateId: id, answer: 'mine' });
		expect(await w.lastRejection(staffZ)).toMatchObject({ code: 'notPermitted' });
		await nothingMoved(walk.args.requestId);

		await w.push(stranger, 'answerLinkQuestion', { candidateId: id, answer: 'mine' });
		expect(await w.lastRejection(stranger)).toBeUndefined();
		expect(await candidate()).toMatchObject({ status: 'linked', decided_by: stranger.session.userId });
		expect((await requestsOf(strangerChild)).map((r) => r.id)).toEqual([walk.args.requestId]);
		const own = await w.pull(stranger);
		expect(own.patch.put.requests?.map((r) => r.id)).toEqual([walk.args.requestId]);
		const z = await w.pull(staffZ);
		expect(z.patch.put.guardians?.map((g) => g.lastName)).toContain('Fremd');
	});

	it('leaves a walk-in another account has claimed to the youth office: neither family moves the other’s request', async () => {
		const walk = await walkinAtZ();
		const { id } = await candidate();
		// Staff ask the family; before it answers, a second account claims the walk-in.
		await w.push(staffZ, 'decideDuplicate', { candidateId: id, decision: 'ask' });
		expect(await candidate()).toMatchObject({ status: 'askedFamily' });
		const claimer = actor(
			await createUserWithSession(db(), w.t.clock.now(), 'parent', { email: 'zweites-konto@example.org' })
		);
		await w.t
			.caller({ session: claimer.session })
			.family.claim({ code: walk.code, birthDate: paul.birthDate });
		expect(await candidate()).toMatchObject({ status: 'awaitingOffice' });
		await w.push(stranger, 'answerLinkQuestion', { candidateId: id, answer: 'mine' });
		expect(await w.lastRejection(stranger)).toMatchObject({ code: 'notFound' });
		expect(await requestsOf(strangerChild)).toEqual([]);
		expect((await requestsOf(walk.args.child.id)).map((r) => r.id)).toEqual([walk.args.requestId]);
	});

	it('sends a proposal about a claimed walk-in straight to the youth office', async () => {
		const walk = await walkinAtZ();
		const claimer = actor(
			await createUserWithSession(db(), w.t.clock.now(), 'parent', { email: 'zweites-konto@example.org' })
		);
		await w.t
			.caller({ session: claimer.session })
			.family.claim({ code: walk.code, birthDate: paul.birthDate });
		const { id } = await candidate();
		await w.push(staffZ, 'decideDuplicate', { candidateId: id, decision: 'ask' });
		expect(await candidate()).toMatchObject({ status: 'awaitingOffice' });
		expect((await w.pull(staffZ)).patch.put.duplicateCandidates).toEqual([
			expect.objectContaining({ id, match: { confirmedBy: 'office' } })
		]);
		await nothingMoved(walk.args.requestId);
	});

	it('does not ask the family when the walk-in’s Kita is not the caller’s', async () => {
		await walkinAtZ();
		const { id } = await candidate();
		await w.push(w.staffX, 'decideDuplicate', { candidateId: id, decision: 'ask' });
		expect(await w.lastRejection(w.staffX)).toMatchObject({ code: 'notFound' });
		expect(await candidate()).toMatchObject({ status: 'open' });
	});
});

describe('two walk-ins at different Kitas', () => {
	let w: StaffWorld;
	let staffZ: Actor;
	beforeEach(async () => {
		w = await staffWorld();
		staffZ = await staffOfZ(w);
	});
	afterEach(async () => {
		await w.close();
	});
	const db = () => w.t.app.database.db;
	const lina = { firstName: 'Lina', lastName: 'Offline', birthDate: '2023-09-09' };

	it('cannot be linked by a Kita; the youth office sees both records and decides', async () => {
		const first = await walkin(w.kitaX, lina);
		await w.push(w.staffX, 'createWalkin', first.args);
		const second = await walkin(w.kitaZ, lina);
		await w.push(staffZ, 'createWalkin', second.args);
		const { id } = await db().selectFrom('duplicate_candidates').select('id').executeTakeFirstOrThrow();

		await w.push(staffZ, 'decideDuplicate', { candidateId: id, decision: 'link' });
		expect(await w.lastRejection(staffZ)).toBeUndefined();
		const moved = await db()
			.selectFrom('requests')
			.select('child_id')
			.where('id', '=', second.args.requestId)
			.executeTakeFirstOrThrow();
		expect(moved.child_id).toBe(second.args.child.id);
		expect(
			await db()
				.selectFrom('duplicate_candidates')
				.select('status')
				.where('id', '=', id)
				.executeTakeFirstOrThrow()
		).toEqual({ status: 'awaitingOffice' });
		// Z's devices hold nothing of the family that registered at X.
		const z = JSON.stringify((await w.pull(staffZ)).patch);
		expect(z).not.toContain(first.args.guardians[0]?.id ?? '?');
		expect(z).not.toContain(first.args.child.id);

		// Staff cannot reach the youth office's procedures.
		await expect(
			w.t
				.caller({ session: staffZ.session })
				.youthOffice.decideDuplicate({ candidateId: id, decision: 'link' })
		).rejects.toMatchObject({ code: 'FORBIDDEN' });

		const admin = await createUserWithSession(db(), w.t.clock.now(), 'admin');
		const office = w.t.caller({ session: admin });
		const list = await office.youthOffice.duplicates();
		expect(list).toEqual([
			expect.objectContaining({
				id,
				status: 'awaitingOffice',
				walkin: expect.objectContaining({ childId: second.args.child.id }),
				match: expect.objectContaining({ childId: first.args.child.id })
			})
		]);
		await office.youthOffice.decideDuplicate({ candidateId: id, decision: 'link' });
		const linked = await db()
			.selectFrom('requests')
			.select('child_id')
			.where('id', '=', second.args.requestId)
			.executeTakeFirstOrThrow();
		expect(linked.child_id).toBe(first.args.child.id);
		const audits = await db()
			.selectFrom('audit_events')
			.select(['actor_id', 'target_id'])
			.where('action', '=', 'walkin.link')
			.execute();
		expect(audits).toContainEqual({ actor_id: admin.userId, target_id: id });
		await expect(
			office.youthOffice.decideDuplicate({ candidateId: id, decision: 'separate' })
		).rejects.toMatchObject({
			code: 'CONFLICT'
		});
	});
});
