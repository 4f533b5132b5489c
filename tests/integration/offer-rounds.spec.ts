// Issue 17, point 3: stored offer rounds. The youth office starts a round with a deadline; the
// proposal is computed with a recorded seed and stored per Kita (the same seed on the same data
// gives the same proposal); one open round per Kita year. Staff see only their own Kita's proposal,
// send it (the offers go the single offer's way: one held offer releases the lower choice) or
// change it with a written reason (stored, audited); the lapse job lets unsent proposals lapse,
// idempotently, and the next round proposes those places again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PROPOSAL_CHANGES } from '../../src/lib/domain/allocation/offer-round';
import { lapseRounds } from '../../server/jobs/round-lapse';
import type { AuthSession } from '../../server/auth/session';
import { createUserWithSession } from './fixtures';
import { anonymiseFamily } from '../../server/commands/privacy/anonymise-family';
import { SYSTEM_ACTOR } from '../../server/commands/context';
import { runCommand } from '../../server/commands/run';
import { OFFER, staffWorld, walkin, type StaffWorld } from './staff-world';

describe('offer rounds', () => {
	let w: StaffWorld;
	let admin: AuthSession;
	const office = () => w.t.caller({ session: admin }).youthOffice;
	const db = () => w.t.app.database.db;
	const proposalOf = (facilityId: string) =>
		db()
			.selectFrom('round_proposals')
			.selectAll()
			.where('facility_id', '=', facilityId)
			.orderBy('seq', 'desc')
			.executeTakeFirstOrThrow();
	const auditOf = (action: string) =>
		db().selectFrom('audit_events').selectAll().where('action', '=', action).execute();

	beforeEach(async () => {
		// 2 Dec 2026 (a Wednesday); the child is registered online at X (choice 1) and Y (choice 2).
		w = await staffWorld();
		admin = await createUserWithSession(db(), w.t.clock.now(), 'admin');
	});
	afterEach(async () => {
		await w.close();
	});

	it('stores the round with its seed, deadline and starter, and a proposal per Kita that the seed reproduces', async () => {
		const started = await office().startRound({ kitaYearId: '2027-28' });
		expect(started).toMatchObject({ ok: true, deadline: '2026-12-07' }); // three working days
		const round = await db()
			.selectFrom('offer_rounds')
			.selectAll()
			.where('id', '=', started.roundId)
			.executeTakeFirstOrThrow();
		expect(round).toMatchObject({
			kita_year_id: '2027-28',
			seed: started.seed,
			started_by: admin.userId,
			started_at: w.t.clock.now().toISOString(),
			deadline: '2026-12-07',
			status: 'open'
		});
		const stored = await db()
			.selectFrom('round_proposals')
			.selectAll()
			.where('round_id', '=', started.roundId)
			.execute();
		expect(stored.length).toBe(started.proposals);
		const x = stored.find((p) => p.facility_id === w.kitaX);
		expect(JSON.parse(x?.request_ids ?? '[]')).toContain(w.requestX);
		expect(x?.status).toBe('open');
		// The same data with the recorded seed gives the same proposal.
		const again = await office().roundProposal({ kitaYearId: '2027-28', seed: started.seed });
		expect(
			Object.fromEntries(stored.map((p) => [p.facility_id, JSON.parse(p.proposed_request_ids) as string[]]))
		).toEqual(Object.fromEntries(again.kitas.map((k) => [k.facilityId, k.requestIds])));
		expect(await auditOf('round.start')).toEqual([
			expect.objectContaining({ actor_id: admin.userId, target_id: started.roundId })
		]);
		const { rounds, defaultDeadline } = await office().rounds({ kitaYearId: '2027-28' });
		expect(defaultDeadline).toBe('2026-12-07');
		expect(rounds[0]).toMatchObject({ id: started.roundId, seed: started.seed, status: 'open' });
		expect(rounds[0]?.kitas).toContainEqual(expect.objectContaining({ facilityId: w.kitaX, status: 'open' }));
	});

	it('keeps one open round per Kita year, checks the deadline and the year', async () => {
		await office().startRound({ kitaYearId: '2027-28', deadline: '2026-12-04' });
		await expect(office().startRound({ kitaYearId: '2027-28' })).rejects.toMatchObject({
			code: 'CONFLICT',
			message: 'roundOpen'
		});
		expect(await db().selectFrom('offer_rounds').select('id').execute()).toHaveLength(1);
		w.t.clock.set('2026-12-05T08:00:00Z');
		await lapseRounds(w.t.app);
		await expect(
			office().startRound({ kitaYearId: '2027-28', deadline: '2026-12-05' })
		).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'deadlineNotAfterToday' });
		await expect(
			office().startRound({ kitaYearId: '2027-28', deadline: '2027-02-01' })
		).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'deadlineTooFar' });
		await expect(office().startRound({ kitaYearId: '2099-00' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		expect(await office().startRound({ kitaYearId: '2027-28' })).toMatchObject({ ok: true });
	});

	it('gives each Kita’s staff their own proposal only; another Kita can neither read, send nor change it', async () => {
		await office().startRound({ kitaYearId: '2027-28' });
		const x = await proposalOf(w.kitaX);
		const pulledX = (await w.pull(w.staffX)).patch.put.roundProposals ?? [];
		expect(pulledX).toContainEqual(
			expect.objectContaining({
				id: x.id,
				facilityId: w.kitaX,
				requestIds: [w.requestX],
				deadline: '2026-12-07'
			})
		);
		expect(pulledX.every((p) => p.facilityId === w.kitaX)).toBe(true);
		const pulledY = (await w.pull(w.staffY)).patch.put.roundProposals ?? [];
		expect(pulledY.map((p) => p.id)).not.toContain(x.id);
		expect(pulledY.every((p) => p.facilityId === w.kitaY)).toBe(true);
		// A parent gets none.
		expect((await w.pull(w.parent)).patch.put.roundProposals).toBeUndefined();

		await w.push(w.staffY, 'sendRoundProposal', { proposalId: x.id });
		expect(await w.lastRejection(w.staffY)).toMatchObject({ code: 'notFound' });
		await w.push(w.staffY, 'changeRoundProposal', {
			proposalId: x.id,
			dropRequestId: w.requestX,
			addRequestId: null,
			reason: 'Nicht unsere Kita, trotzdem versucht'
		});
		expect(await w.lastRejection(w.staffY)).toMatchObject({ code: 'notFound' });
		// Naming X's proposal does not let Y offer for it either.
		await w.push(w.staffY, 'makeOffer', {
			requestId: w.requestY,
			expectedStatus: 'registered',
			...OFFER,
			proposalId: x.id
		});
		expect(await w.lastRejection(w.staffY)).toMatchObject({ code: 'notFound' });
		expect((await proposalOf(w.kitaX)).status).toBe('open');
		expect(await w.status(w.requestY)).toBe('registered');
	});

	it('sends with one action: the offers go the single offer’s way and release the lower choice', async () => {
		// Y (the second choice) offered first; the round proposes the first choice X.
		await w.push(w.staffY, 'makeOffer', { requestId: w.requestY, expectedStatus: 'registered', ...OFFER });
		const started = await office().startRound({ kitaYearId: '2027-28' });
		// X is the only Kita with a child to offer.
		expect(started.proposals).toBe(1);
		const x = await proposalOf(w.kitaX);
		expect(JSON.parse(x.request_ids)).toEqual([w.requestX]);
		await w.push(w.staffX, 'sendRoundProposal', { proposalId: x.id });
		await w.push(w.staffX, 'makeOffer', {
			requestId: w.requestX,
			expectedStatus: 'registered',
			...OFFER,
			proposalId: x.id
		});
		expect(await w.lastRejection(w.staffX)).toBeUndefined();
		expect(await w.status(w.requestX)).toBe('offered');
		expect(await w.status(w.requestY)).toBe('released');
		const sent = await proposalOf(w.kitaX);
		expect(sent).toMatchObject({ status: 'sent', sent_by: w.staffX.session.userId });
		expect(await auditOf('round.send')).toEqual([expect.objectContaining({ target_id: x.id })]);
		// Every Kita sent: the round is over, and the next may start.
		expect(
			(
				await db()
					.selectFrom('offer_rounds')
					.select('status')
					.where('id', '=', started.roundId)
					.executeTakeFirstOrThrow()
			).status
		).toBe('closed');
		// Sent once: a second send (another device) is refused as stale.
		await w.push(w.staffX, 'sendRoundProposal', { proposalId: x.id });
		expect(await w.lastRejection(w.staffX)).toMatchObject({ code: 'staleStatus' });
	});

	it('changes a proposal only with a written reason, stored and audited; sent it is “changed and sent”', async () => {
		const other = await walkin(w.kitaX, { firstName: 'Ben', lastName: 'Ohne', birthDate: '2023-05-01' });
		await w.push(w.staffX, 'createWalkin', other.args);
		await office().startRound({ kitaYearId: '2027-28' });
		const x = await proposalOf(w.kitaX);
		const proposed = JSON.parse(x.request_ids) as string[];
		expect(proposed).toContain(w.requestX);

		// Without a reason the change does not even reach the command.
		await w.push(w.staffX, 'changeRoundProposal', {
			proposalId: x.id,
			dropRequestId: w.requestX,
			addRequestId: null,
			reason: ' '
		});
		expect(await w.lastRejection(w.staffX)).toMatchObject({ code: 'invalidInput' });
		// A child of another Kita cannot be added.
		await w.push(w.staffX, 'changeRoundProposal', {
			proposalId: x.id,
			dropRequestId: w.requestX,
			addRequestId: w.requestY,
			reason: 'Geschwisterkind in der Gruppe'
		});
		expect(await w.lastRejection(w.staffX)).toMatchObject({ code: 'notFound' });

		const replacement = proposed.includes(other.args.requestId) ? null : other.args.requestId;
		await w.push(w.staffX, 'changeRoundProposal', {
			proposalId: x.id,
			dropRequestId: w.requestX,
			addRequestId: replacement,
			reason: 'Familie zieht nach Soest, Platz nicht mehr gebraucht'
		});
		expect(await w.lastRejection(w.staffX)).toBeUndefined();
		const changed = await proposalOf(w.kitaX);
		expect(JSON.parse(changed.request_ids)).not.toContain(w.requestX);
		expect(JSON.parse(changed.proposed_request_ids)).toEqual(proposed);
		expect(JSON.parse(changed.changes)).toEqual([
			expect.objectContaining({
				by: w.staffX.session.userId,
				dropRequestId: w.requestX,
				addRequestId: replacement,
				reason: 'Familie zieht nach Soest, Platz nicht mehr gebraucht'
			})
		]);
		expect(await auditOf('round.change')).toEqual([
			expect.objectContaining({ actor_id: w.staffX.session.userId, target_id: x.id })
		]);
		// Dropped twice: refused with the reason.
		await w.push(w.staffX, 'changeRoundProposal', {
			proposalId: x.id,
			dropRequestId: w.requestX,
			addRequestId: null,
			reason: 'Noch einmal herausnehmen'
		});
		expect(await w.lastRejection(w.staffX)).toMatchObject({ code: 'notInProposal' });
		// The staff device sees the reason.
		const pulled = (await w.pull(w.staffX)).patch.put.roundProposals ?? [];
		expect(pulled.find((p) => p.id === x.id)?.changes).toEqual([
			expect.objectContaining({ reason: 'Familie zieht nach Soest, Platz nicht mehr gebraucht' })
		]);
		await w.push(w.staffX, 'sendRoundProposal', { proposalId: x.id });
		expect((await proposalOf(w.kitaX)).status).toBe('changedAndSent');
	});

	it('takes a bounded number of changes per proposal', async () => {
		await office().startRound({ kitaYearId: '2027-28' });
		const x = await proposalOf(w.kitaX);
		const step = (drop: boolean) =>
			w.push(w.staffX, 'changeRoundProposal', {
				proposalId: x.id,
				dropRequestId: drop ? w.requestX : null,
				addRequestId: drop ? null : w.requestX,
				reason: 'Hin und her, immer wieder'
			});
		for (let i = 0; i < MAX_PROPOSAL_CHANGES; i++) await step(i % 2 === 0);
		expect(await w.lastRejection(w.staffX)).toBeUndefined();
		await step(true);
		expect(await w.lastRejection(w.staffX)).toMatchObject({ code: 'notAllowed' });
		expect(JSON.parse((await proposalOf(w.kitaX)).changes)).toHaveLength(MAX_PROPOSAL_CHANGES);
	});

	it('lets unsent proposals lapse after the deadline (idempotent); the next round proposes the places again', async () => {
		const first = await office().startRound({ kitaYearId: '2027-28', deadline: '2026-12-03' });
		const x = await proposalOf(w.kitaX);
		// On the deadline day nothing lapses.
		w.t.clock.set('2026-12-03T20:00:00Z');
		expect(await lapseRounds(w.t.app)).toEqual([]);
		// The next day (Europe/Berlin) every open proposal lapses and the round closes.
		w.t.clock.set('2026-12-03T23:30:00Z');
		const lapsed = await lapseRounds(w.t.app);
		expect(lapsed).toContain(x.id);
		expect(lapsed).toHaveLength(first.proposals);
		expect((await proposalOf(w.kitaX)).status).toBe('lapsed');
		expect(
			(
				await db()
					.selectFrom('offer_rounds')
					.select('status')
					.where('id', '=', first.roundId)
					.executeTakeFirstOrThrow()
			).status
		).toBe('closed');
		expect(await auditOf('round.lapse')).toHaveLength(first.proposals);
		// Run again: nothing more.
		expect(await lapseRounds(w.t.app)).toEqual([]);
		expect(await auditOf('round.lapse')).toHaveLength(first.proposals);
		// Sent too late (offline, pushed now): refused, and so is its offer.
		await w.push(w.staffX, 'sendRoundProposal', { proposalId: x.id });
		expect(await w.lastRejection(w.staffX)).toMatchObject({ code: 'roundLapsed' });
		await w.push(w.staffX, 'makeOffer', {
			requestId: w.requestX,
			expectedStatus: 'registered',
			...OFFER,
			proposalId: x.id
		});
		expect(await w.lastRejection(w.staffX)).toMatchObject({ code: 'roundLapsed' });
		expect(await w.status(w.requestX)).toBe('registered');
		// The youth office sees it lapsed, and the next round proposes X's place again.
		const { rounds } = await office().rounds({ kitaYearId: '2027-28' });
		expect(rounds[0]?.kitas).toContainEqual(
			expect.objectContaining({ facilityId: w.kitaX, status: 'lapsed' })
		);
		await office().startRound({ kitaYearId: '2027-28' });
		expect(JSON.parse((await proposalOf(w.kitaX)).request_ids)).toContain(w.requestX);
	});

	it('anonymising a family drops the reasons of the changes about its child, and keeps the others', async () => {
		const other = await walkin(w.kitaX, { firstName: 'Ben', lastName: 'Ohne', birthDate: '2023-05-01' });
		await w.push(w.staffX, 'createWalkin', other.args);
		await office().startRound({ kitaYearId: '2027-28' });
		const x = await proposalOf(w.kitaX);
		const change = (drop: string | null, add: string | null, reason: string) =>
			w.push(w.staffX, 'changeRoundProposal', {
				proposalId: x.id,
				dropRequestId: drop,
				addRequestId: add,
				reason
			});
		const otherProposed = (JSON.parse(x.request_ids) as string[]).includes(other.args.requestId);
		// About Mia (the world's family); then about Ben only.
		await change(w.requestX, otherProposed ? null : other.args.requestId, 'Mutter schwer erkrankt');
		expect(await w.lastRejection(w.staffX)).toBeUndefined();
		await change(other.args.requestId, null, 'Platz für ein Geschwisterkind');
		expect(await w.lastRejection(w.staffX)).toBeUndefined();
		const before = await proposalOf(w.kitaX);

		const family = await db()
			.selectFrom('requests')
			.innerJoin('children', 'children.id', 'requests.child_id')
			.select('children.family_id')
			.where('requests.id', '=', w.requestX)
			.executeTakeFirstOrThrow();
		const host = { database: w.t.app.database, now: w.t.clock.now, config: w.t.config };
		await runCommand(host, SYSTEM_ACTOR, (ctx) => anonymiseFamily(ctx, family.family_id));

		const after = await proposalOf(w.kitaX);
		const reasons = (JSON.parse(after.changes) as { reason: string; dropRequestId: string }[]).map((c) => [
			c.dropRequestId,
			c.reason
		]);
		expect(reasons).toEqual([
			[w.requestX, ''],
			[other.args.requestId, 'Platz für ein Geschwisterkind']
		]);
		// Stamped: the Kita's devices get the cleared reason at their next pull.
		expect(after.seq).toBeGreaterThan(before.seq);
		const pulled = (await w.pull(w.staffX)).patch.put.roundProposals ?? [];
		expect(JSON.stringify(pulled)).not.toContain('Mutter schwer erkrankt');
	});
});
