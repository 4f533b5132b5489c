// Issue 17, point 1: one child, one held offer. In a Kita year a child never holds more than one
// open offer or acceptance: a Kita the parents ranked higher offers, and the lower offer is released
// in the same transaction (history, mail, pokes); an offer below a held one or after an acceptance
// is refused with its reason (also when it was made offline and pushed later); accepting ends the
// child's other requests of that year at once. Only the platform releases.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUserWithSession, someFacilities } from './fixtures';
import { actor, OFFER, staffWorld, walkin, type Actor, type StaffWorld } from './staff-world';

const poked = vi.hoisted(() => [] as string[][]);
vi.mock('../../server/events/poke', async (importOriginal) => {
	const real = await importOriginal<typeof import('../../server/events/poke')>();
	return {
		...real,
		poke(ids: Iterable<string>) {
			const list = [...ids];
			poked.push(list);
			real.poke(list);
		}
	};
});

describe('one child, one held offer', () => {
	let w: StaffWorld;
	let staffZ: Actor;
	/** The child's request at Z, its third choice. */
	let requestZ: string;

	beforeEach(async () => {
		// The world's child is registered online at X (choice 1) and Y (choice 2).
		w = await staffWorld();
		const db = w.t.app.database.db;
		staffZ = actor(await createUserWithSession(db, w.t.clock.now(), 'staff', { facilityIds: [w.kitaZ] }));
		requestZ = crypto.randomUUID();
		await w.push(w.parent, 'submitRegistration', {
			registrationId: crypto.randomUUID(),
			childId: w.childId,
			items: [
				{
					requestId: requestZ,
					facilityId: w.kitaZ,
					startDate: '2027-08-01',
					weeklyHours: 35,
					changeRequest: false,
					comment: ''
				}
			]
		});
		poked.length = 0;
	});
	afterEach(async () => {
		await w.close();
	});

	const db = () => w.t.app.database.db;
	const offer = (staff: Actor, requestId: string) =>
		w.push(staff, 'makeOffer', { requestId, expectedStatus: 'registered', ...OFFER });
	const history = (requestId: string) =>
		db()
			.selectFrom('request_events')
			.select(['event', 'from_status', 'to_status', 'actor_role', 'actor_id', 'reason', 'at', 'seq'])
			.where('request_id', '=', requestId)
			.orderBy('seq')
			.execute();
	const offeredPlaces = async (facilityId: string) =>
		(
			await db()
				.selectFrom('capacities')
				.select('offered')
				.where('facility_id', '=', facilityId)
				.where('kita_year_id', '=', '2027-28')
				.where('age_band', '=', 'ue3')
				.where('weekly_hours', '=', 35)
				.executeTakeFirstOrThrow()
		).offered;
	const mails = (kind: string) =>
		db().selectFrom('mail_outbox').selectAll().where('kind', '=', kind).execute();
	const kitaName = async (id: string) =>
		(await db().selectFrom('facilities').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;

	it('keeps the offer the parents ranked higher and releases the other in the same transaction', async () => {
		await offer(w.staffY, w.requestY);
		expect(await offeredPlaces(w.kitaY)).toBe(1);
		poked.length = 0;

		await offer(w.staffX, w.requestX);
		expect(await w.lastRejection(w.staffX)).toBeUndefined();
		expect(await w.status(w.requestX)).toBe('offered');
		expect(await w.status(w.requestY)).toBe('released');

		// History: the system released Y, at the instant and in the push that made X's offer.
		const [offerX] = (await history(w.requestX)).filter((e) => e.event === 'offer');
		const releaseY = (await history(w.requestY)).filter((e) => e.event === 'release');
		expect(releaseY).toEqual([
			expect.objectContaining({
				from_status: 'offered',
				to_status: 'released',
				actor_role: 'system',
				actor_id: null,
				reason: 'higherChoiceOffered',
				at: offerX?.at
			})
		]);
		// Y's place is free again.
		expect(await offeredPlaces(w.kitaY)).toBe(0);
		expect(await offeredPlaces(w.kitaX)).toBe(1);

		// The family learns which offer it holds now, and which one went.
		const [released] = await mails('offerReleased');
		expect(released?.to_address).toBe('eltern@example.org');
		expect(released?.text_body).toContain(await kitaName(w.kitaX));
		expect(released?.text_body).toContain('Wunsch 1');
		expect(released?.text_body).toContain(await kitaName(w.kitaY));
		expect(released?.text_body).toContain('Wunsch 2');

		// Y's staff are poked; at their next pull the place shows free (the request released).
		expect(poked.flat()).toContain(w.staffY.session.userId);
		expect(poked.flat()).toContain(w.parent.session.userId);
		const pulledY = await w.pull(w.staffY);
		expect(pulledY.patch.put.requests?.find((r) => r.id === w.requestY)).toMatchObject({
			status: 'released',
			permittedActions: []
		});
		const pulledX = await w.pull(w.staffX);
		expect(pulledX.patch.put.requests?.find((r) => r.id === w.requestX)).toMatchObject({ status: 'offered' });
		// Y never learns which Kita the parents preferred.
		expect(JSON.stringify(pulledY.patch.put.requests)).not.toContain(w.kitaX);
		expect(await w.lastRejection(w.staffX)).toBeUndefined();
	});

	it('refuses an offer the parents ranked lower than a held offer: the request keeps waiting', async () => {
		await offer(w.staffX, w.requestX);
		const mailsBefore = (await mails('statusChange')).length;
		poked.length = 0;

		// Made offline at Y, pushed later: it comes back as a rejection with the reason.
		await offer(w.staffY, w.requestY);
		expect(await w.lastRejection(w.staffY)).toMatchObject({
			code: 'holdsHigherChoice',
			current: { id: w.requestY, status: 'registered', rank: null }
		});
		const pulled = await w.pull(w.staffY);
		expect(pulled.rejections).toEqual([
			expect.objectContaining({ name: 'makeOffer', code: 'holdsHigherChoice' })
		]);
		expect(await w.status(w.requestY)).toBe('registered');
		expect(await w.status(w.requestX)).toBe('offered');
		expect(await offeredPlaces(w.kitaY)).toBe(0);
		expect((await mails('statusChange')).length).toBe(mailsBefore);
		expect(await mails('offerReleased')).toEqual([]);
		expect(poked.flat()).not.toContain(w.parent.session.userId);
	});

	it('lets the lower Kita offer again once the higher offer is declined', async () => {
		await offer(w.staffX, w.requestX);
		await offer(w.staffY, w.requestY);
		expect(await w.lastRejection(w.staffY)).toMatchObject({ code: 'holdsHigherChoice' });
		await w.push(w.parent, 'answerOffer', {
			requestId: w.requestX,
			expectedStatus: 'offered',
			answer: 'decline'
		});
		await offer(w.staffY, w.requestY);
		expect(await w.lastRejection(w.staffY)).toBeUndefined();
		expect(await w.status(w.requestY)).toBe('offered');
	});

	it('accepting an offer ends the child’s other requests of that Kita year at once', async () => {
		await offer(staffZ, requestZ);
		poked.length = 0;
		await w.push(w.parent, 'answerOffer', {
			requestId: requestZ,
			expectedStatus: 'offered',
			answer: 'accept'
		});
		expect(await w.status(requestZ)).toBe('accepted');
		expect(await w.status(w.requestX)).toBe('withdrawn');
		expect(await w.status(w.requestY)).toBe('withdrawn');
		for (const id of [w.requestX, w.requestY])
			expect((await history(id)).at(-1)).toMatchObject({
				event: 'acceptElsewhere',
				from_status: 'registered',
				to_status: 'withdrawn',
				actor_role: 'system',
				reason: 'acceptedElsewhere'
			});
		// Their Kitas see it at their next pull.
		expect(poked.flat()).toEqual(expect.arrayContaining([w.staffX.session.userId, w.staffY.session.userId]));
		expect((await w.pull(w.staffX)).patch.put.requests?.find((r) => r.id === w.requestX)).toMatchObject({
			status: 'withdrawn'
		});
	});

	it('refuses an offer after the family accepted elsewhere, whatever the ranking', async () => {
		await offer(staffZ, requestZ);
		await w.push(staffZ, 'recordAnswer', {
			requestId: requestZ,
			expectedStatus: 'offered',
			answer: 'accept'
		});
		// X, the first choice, made its offer offline before it heard of the acceptance.
		await offer(w.staffX, w.requestX);
		expect(await w.lastRejection(w.staffX)).toMatchObject({
			code: 'acceptedElsewhere',
			current: { id: w.requestX, status: 'withdrawn' }
		});
		expect(await w.status(requestZ)).toBe('accepted');

		// A request made after the acceptance waits, but no offer overtakes the acceptance.
		const later = crypto.randomUUID();
		const kitaW = (await someFacilities(db(), 4, { weeklyHours: 35 }))[3]?.id;
		if (!kitaW) throw new Error('demo data has too few Kitas');
		await w.push(w.parent, 'submitRegistration', {
			registrationId: crypto.randomUUID(),
			childId: w.childId,
			items: [
				{
					requestId: later,
					facilityId: kitaW,
					startDate: '2027-08-01',
					weeklyHours: 35,
					changeRequest: false,
					comment: ''
				}
			]
		});
		const staffW = actor(
			await createUserWithSession(db(), w.t.clock.now(), 'staff', { facilityIds: [kitaW] })
		);
		await offer(staffW, later);
		expect(await w.lastRejection(staffW)).toMatchObject({ code: 'acceptedElsewhere' });
		expect(await w.status(later)).toBe('registered');
	});

	it('keeps today’s behaviour for a request the parents did not rank (a walk-in linked into the child)', async () => {
		// Mia registered in person at Z too, linked into the online child by her family.
		const { args } = await walkin(w.kitaZ);
		await w.push(staffZ, 'createWalkin', args);
		const candidate = await db()
			.selectFrom('duplicate_candidates')
			.select('id')
			.where('status', '=', 'open')
			.executeTakeFirstOrThrow();
		await w.push(staffZ, 'decideDuplicate', { candidateId: candidate.id, decision: 'ask' });
		await w.push(w.parent, 'answerLinkQuestion', { candidateId: candidate.id, answer: 'mine' });
		const walkinRow = await db()
			.selectFrom('requests')
			.select(['child_id', 'rank'])
			.where('id', '=', args.requestId)
			.executeTakeFirstOrThrow();
		expect(walkinRow.child_id).toBe(w.childId);

		// The walk-in's rank says only when it was entered: its offer and the ranked one both stand.
		await offer(staffZ, args.requestId);
		await offer(w.staffY, w.requestY);
		expect(await w.lastRejection(staffZ)).toBeUndefined();
		expect(await w.lastRejection(w.staffY)).toBeUndefined();
		expect([await w.status(args.requestId), await w.status(w.requestY)]).toEqual(['offered', 'offered']);
		// Between ranked requests the rule holds: X, the first choice, releases Y, not the walk-in's.
		await offer(w.staffX, w.requestX);
		expect([await w.status(w.requestX), await w.status(w.requestY), await w.status(args.requestId)]).toEqual([
			'offered',
			'released',
			'offered'
		]);
		// The family chooses (here at the desk of Z): accepting ends the rest.
		await w.push(staffZ, 'recordAnswer', {
			requestId: args.requestId,
			expectedStatus: 'offered',
			answer: 'accept'
		});
		expect([await w.status(args.requestId), await w.status(w.requestX)]).toEqual(['accepted', 'withdrawn']);
	});

	it('lets neither staff nor parents release an offer', async () => {
		await offer(w.staffY, w.requestY);
		// No mutation carries `release`: the input schema refuses it, and nothing changes.
		await w.push(w.staffY, 'recordAnswer', {
			requestId: w.requestY,
			expectedStatus: 'offered',
			answer: 'release' as 'accept'
		});
		expect(await w.lastRejection(w.staffY)).toMatchObject({ code: 'invalidInput' });
		await w.push(w.parent, 'answerOffer', {
			requestId: w.requestY,
			expectedStatus: 'offered',
			answer: 'release' as 'accept'
		});
		expect(await w.lastRejection(w.parent)).toMatchObject({ code: 'invalidInput' });
		expect(await w.status(w.requestY)).toBe('offered');
		// Neither side is ever offered the action.
		for (const who of [w.staffY, w.parent]) {
			const row = (await w.pull(who)).patch.put.requests?.find((r) => r.id === w.requestY);
			expect(row?.permittedActions).not.toContain('release');
			expect(row?.permittedActions).not.toContain('acceptElsewhere');
		}
	});
});
