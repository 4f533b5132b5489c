// Offer rounds (issue 17, point 3): the youth office starts one for a Kita year, the server computes
// and stores every Kita's proposal with the recorded seed; staff send their Kita's proposal (the
// offers themselves are ordinary makeOffer mutations queued behind the send, kita-requests.ts) or
// change it with a written reason; the lapse job closes what was not sent by the deadline.
import type { Selectable } from 'kysely';
import {
	applyProposalChange,
	deadlineIssue,
	deadlinePassed,
	defaultRoundDeadline,
	MAX_PROPOSAL_CHANGES,
	sentStatus,
	type DeadlineIssue
} from '../../src/lib/domain/allocation/offer-round';
import { runRound } from '../../src/lib/domain/allocation/round';
import { offersOpen } from '../../src/lib/domain/kita-year';
import type { MutationArgs } from '../../src/lib/domain/mutations';
import type { OfferRoundsTable, RequestsTable, RoundProposalsTable } from '../db/schema';
import { staffOf } from '../services/audiences';
import { parseChanges, parseIds, toRoundProposal, type StoredChange } from '../services/offer-rounds';
import { toKitaYear } from '../services/catalogue';
import { toRequest } from '../services/requests';
import { roundInput } from '../services/round-input';
import { auditCommand, pokeAll } from './audit';
import type { CommandContext, UserCommandContext } from './context';
import { Refusal } from './refusal';

export type StartRoundResult =
	| { ok: true; roundId: string; seed: number; deadline: string; proposals: number }
	| { ok: false; code: 'notFound' | 'offersNotOpen' | 'roundOpen' }
	| { ok: false; code: 'invalidDeadline'; issue: DeadlineIssue };

/**
 * Starts a round for a Kita year: computes the proposal over the year's free places with `seed`
 * (drawn by the caller, recorded here) and stores one proposal per Kita that has children to offer.
 * A round with nothing to propose is stored closed (the run is on record). One open round per year.
 */
export async function startRound(
	ctx: UserCommandContext,
	input: { kitaYearId: string; deadline?: string | undefined },
	seed: number
): Promise<StartRoundResult> {
	const yearRow = await ctx.tx
		.selectFrom('kita_years')
		.selectAll()
		.where('id', '=', input.kitaYearId)
		.executeTakeFirst();
	if (!yearRow) return { ok: false, code: 'notFound' };
	if (!offersOpen(toKitaYear(yearRow), ctx.today)) return { ok: false, code: 'offersNotOpen' };
	const deadline = input.deadline ?? defaultRoundDeadline(ctx.today);
	const issue = deadlineIssue(deadline, ctx.today);
	if (issue) return { ok: false, code: 'invalidDeadline', issue };
	const open = await ctx.tx
		.selectFrom('offer_rounds')
		.select('id')
		.where('kita_year_id', '=', input.kitaYearId)
		.where('status', '=', 'open')
		.executeTakeFirst();
	if (open) return { ok: false, code: 'roundOpen' };

	const loaded = await roundInput(ctx.tx, input.kitaYearId, seed);
	if (!loaded) return { ok: false, code: 'notFound' };
	const result = runRound(loaded.input);
	const requestOf = new Map(loaded.requests.map((r) => [`${r.childId}|${r.facilityId}`, r.requestId]));
	const proposals = result.proposals
		.map((p) => ({
			facilityId: p.kitaId,
			// Every id names a request of the child at that very Kita (the round's own input).
			requestIds: p.offers.flatMap((o) => requestOf.get(`${o.childId}|${p.kitaId}`) ?? [])
		}))
		.filter((p) => p.requestIds.length > 0);

	const roundId = crypto.randomUUID();
	const seq = await ctx.seq();
	await ctx.tx
		.insertInto('offer_rounds')
		.values({
			id: roundId,
			kita_year_id: input.kitaYearId,
			seed: result.seed,
			started_by: ctx.actor.userId,
			started_at: ctx.now.toISOString(),
			deadline,
			status: proposals.length ? 'open' : 'closed',
			closed_at: proposals.length ? null : ctx.now.toISOString()
		})
		.execute();
	for (const p of proposals)
		await ctx.tx
			.insertInto('round_proposals')
			.values({
				id: crypto.randomUUID(),
				round_id: roundId,
				facility_id: p.facilityId,
				proposed_request_ids: JSON.stringify(p.requestIds),
				request_ids: JSON.stringify(p.requestIds),
				changes: '[]',
				status: 'open',
				sent_at: null,
				sent_by: null,
				seq
			})
			.execute();
	await auditCommand(ctx, 'round.start', 'offerRound', roundId);
	pokeAll(
		ctx,
		await staffOf(
			ctx.tx,
			proposals.map((p) => p.facilityId)
		)
	);
	return { ok: true, roundId, seed: result.seed, deadline, proposals: proposals.length };
}

interface OwnProposal {
	proposal: Selectable<RoundProposalsTable>;
	round: Selectable<OfferRoundsTable>;
}

/** A proposal of one of the caller's Kitas; anything else looks as if it did not exist. */
async function ownProposal(ctx: UserCommandContext, proposalId: string): Promise<OwnProposal> {
	const proposal = await ctx.tx
		.selectFrom('round_proposals')
		.selectAll()
		.where('id', '=', proposalId)
		.executeTakeFirst();
	if (!proposal || !(ctx.actor.facilityIds as readonly string[]).includes(proposal.facility_id))
		throw new Refusal('notFound', 'roundProposal.notFound');
	const round = await ctx.tx
		.selectFrom('offer_rounds')
		.selectAll()
		.where('id', '=', proposal.round_id)
		.executeTakeFirstOrThrow();
	return { proposal, round };
}

/** An open proposal whose deadline has not passed (by the server's day). */
async function openProposal(ctx: UserCommandContext, proposalId: string): Promise<OwnProposal> {
	// Read under the change counter the command runner holds (holdChangeCounter): two devices changing
	// the proposal at once, or a send racing a change, never build on the same state.
	const own = await ownProposal(ctx, proposalId);
	const current = toRoundProposal(own.proposal, own.round);
	if (own.proposal.status === 'lapsed' || deadlinePassed(own.round.deadline, ctx.today))
		throw new Refusal('roundLapsed', 'roundProposal.lapsed', current);
	if (own.proposal.status !== 'open') throw new Refusal('staleStatus', 'roundProposal.stale', current);
	return own;
}

/** A proposal that stopped being open since it was read (lapsed at midnight, say) is not written. */
function assertUpdated(result: { numUpdatedRows: bigint }): void {
	if (result.numUpdatedRows === 0n) throw new Refusal('staleStatus', 'roundProposal.stale');
}

/** Closes a round once no Kita's proposal is open any more. */
async function closeIfDone(ctx: CommandContext, roundId: string): Promise<void> {
	const open = await ctx.tx
		.selectFrom('round_proposals')
		.select('id')
		.where('round_id', '=', roundId)
		.where('status', '=', 'open')
		.executeTakeFirst();
	if (!open)
		await ctx.tx
			.updateTable('offer_rounds')
			.set({ status: 'closed', closed_at: ctx.now.toISOString() })
			.where('id', '=', roundId)
			.where('status', '=', 'open')
			.execute();
}

/**
 * Marks the Kita's proposal sent. The device queues it in front of one makeOffer per proposed
 * child (naming the proposal), so each offer goes the single offer's way — one held offer, mails,
 * conflicts — and one that the server refuses shows in "needs attention" with its reason.
 */
export async function sendRoundProposal(
	ctx: UserCommandContext,
	args: MutationArgs<'sendRoundProposal'>
): Promise<void> {
	const { proposal, round } = await openProposal(ctx, args.proposalId);
	await ctx.tx
		.updateTable('round_proposals')
		.set({
			status: sentStatus(parseChanges(proposal.changes)),
			sent_at: ctx.now.toISOString(),
			sent_by: ctx.actor.userId,
			seq: await ctx.seq()
		})
		.where('id', '=', proposal.id)
		.where('status', '=', 'open')
		.executeTakeFirst()
		.then(assertUpdated);
	await closeIfDone(ctx, round.id);
	await auditCommand(ctx, 'round.send', 'roundProposal', proposal.id);
	pokeAll(ctx, await staffOf(ctx.tx, [proposal.facility_id]));
}

/**
 * Drops a child from the proposal, adds one, or replaces one by another — with a written reason,
 * stored with the proposal and audited. A child added must be waiting at the same Kita in the
 * round's Kita year.
 */
export async function changeRoundProposal(
	ctx: UserCommandContext,
	args: MutationArgs<'changeRoundProposal'>
): Promise<void> {
	const { proposal, round } = await openProposal(ctx, args.proposalId);
	const current = toRoundProposal(proposal, round);
	if (args.addRequestId !== null) {
		const added = await ctx.tx
			.selectFrom('requests')
			.select(['facility_id', 'kita_year_id', 'status'])
			.where('id', '=', args.addRequestId)
			.executeTakeFirst();
		if (!added || added.facility_id !== proposal.facility_id || added.kita_year_id !== round.kita_year_id)
			throw new Refusal('notFound', 'request.notFound', current);
		if (added.status !== 'registered') throw new Refusal('notWaiting', 'roundProposal.notWaiting', current);
	}
	if (current.changes.length >= MAX_PROPOSAL_CHANGES)
		throw new Refusal('notAllowed', 'roundProposal.tooManyChanges', current);
	const changed = applyProposalChange(current.requestIds, args);
	if (!changed.ok) throw new Refusal(changed.issue, `roundProposal.${changed.issue}`, current);
	const change: StoredChange = {
		at: ctx.now.toISOString(),
		by: ctx.actor.userId,
		dropRequestId: args.dropRequestId,
		addRequestId: args.addRequestId,
		reason: args.reason
	};
	await ctx.tx
		.updateTable('round_proposals')
		.set({
			request_ids: JSON.stringify(changed.requestIds),
			changes: JSON.stringify([...parseChanges(proposal.changes), change]),
			seq: await ctx.seq()
		})
		.where('id', '=', proposal.id)
		.where('status', '=', 'open')
		.executeTakeFirst()
		.then(assertUpdated);
	await auditCommand(ctx, 'round.change', 'roundProposal', proposal.id);
	pokeAll(ctx, await staffOf(ctx.tx, [proposal.facility_id]));
}

/**
 * An offer named as part of a proposal is made only while that proposal stands sent: one queued
 * offline behind a send that came too late is refused with the send (the places went back to the
 * next round), not made as a stray single offer.
 */
export async function assertProposalSent(
	ctx: UserCommandContext,
	proposalId: string,
	request: Selectable<RequestsTable>
): Promise<void> {
	const current = toRequest(request, 'staff');
	const row = await ctx.tx
		.selectFrom('round_proposals')
		.select(['facility_id', 'status', 'request_ids'])
		.where('id', '=', proposalId)
		.executeTakeFirst();
	if (!row || row.facility_id !== request.facility_id || !parseIds(row.request_ids).includes(request.id))
		throw new Refusal('notFound', 'roundProposal.notFound', current);
	if (row.status !== 'sent' && row.status !== 'changedAndSent')
		throw new Refusal('roundLapsed', 'roundProposal.notSent', current);
}

/**
 * The lapse job's step for one round past its deadline: its open proposals lapse (their places
 * are free for the next round), the round closes. Idempotent: a closed round is left alone.
 */
export async function lapseRound(ctx: CommandContext, roundId: string): Promise<string[]> {
	const round = await ctx.tx
		.selectFrom('offer_rounds')
		.selectAll()
		.where('id', '=', roundId)
		.executeTakeFirst();
	if (!round || round.status !== 'open' || !deadlinePassed(round.deadline, ctx.today)) return [];
	const open = await ctx.tx
		.selectFrom('round_proposals')
		.select(['id', 'facility_id'])
		.where('round_id', '=', roundId)
		.where('status', '=', 'open')
		.execute();
	if (open.length)
		await ctx.tx
			.updateTable('round_proposals')
			.set({ status: 'lapsed', seq: await ctx.seq() })
			.where('round_id', '=', roundId)
			.where('status', '=', 'open')
			.execute();
	await ctx.tx
		.updateTable('offer_rounds')
		.set({ status: 'closed', closed_at: ctx.now.toISOString() })
		.where('id', '=', roundId)
		.execute();
	for (const p of open) await auditCommand(ctx, 'round.lapse', 'roundProposal', p.id);
	pokeAll(
		ctx,
		await staffOf(
			ctx.tx,
			open.map((p) => p.facility_id)
		)
	);
	return open.map((p) => p.id);
}
