// A "same child" link: the walk-in's record joins the other one (its requests, history,
// registrations and child-minding requests move), once the family holding the other record or the
// youth office confirmed it (server/commands/duplicates.ts).
import type { Selectable } from 'kysely';
import type { CommandContext } from './context';
import type { DuplicateCandidatesTable } from '../db/schema';
import { usersConcerned } from '../services/placement';
import { touchChildRequests } from './request-records';
import { applyAcceptance, applyContract } from './transition-request';
import { rootChild } from '../services/duplicates';
import { Refusal } from './refusal';

type RankedRequest = { id: string; kita_year_id: string; rank: number; registered_at: string };

const byRank = (a: RankedRequest, b: RankedRequest) =>
	a.rank - b.rank || a.registered_at.localeCompare(b.registered_at) || a.id.localeCompare(b.id);

/**
 * New ranks after a link, so that the parents' ranking stays unique per child and Kita year: in
 * each year that receives requests, the surviving record's come first in their order, then the
 * linked record's in theirs, numbered from 1. Years without incoming requests stay as they are.
 */
export function ranksAfterLink(
	surviving: readonly RankedRequest[],
	incoming: readonly RankedRequest[]
): Map<string, number> {
	const ranks = new Map<string, number>();
	for (const year of new Set(incoming.map((r) => r.kita_year_id))) {
		const order = [
			...surviving.filter((r) => r.kita_year_id === year).sort(byRank),
			...incoming.filter((r) => r.kita_year_id === year).sort(byRank)
		];
		for (const [index, r] of order.entries()) if (r.rank !== index + 1) ranks.set(r.id, index + 1);
	}
	return ranks;
}

/**
 * Links `fromId` into `toId` ("same child"): requests (renumbered, see ranksAfterLink), their
 * history, registrations and child-minding requests move to the target, whose family holds them
 * from now on; the stub stays in its family so those contacts stay reachable, earlier links into
 * the stub follow, and a contract on either side closes the other side's open requests.
 */
async function mergeChild(ctx: CommandContext, fromId: string, toId: string): Promise<void> {
	const db = ctx.tx;
	const seq = await ctx.seq();
	const at = ctx.now.toISOString();
	const ranked = (childId: string) =>
		db
			.selectFrom('requests')
			.select(['id', 'kita_year_id', 'rank', 'registered_at'])
			.where('child_id', '=', childId)
			.execute();
	const surviving = await ranked(toId);
	const incoming = await ranked(fromId);
	await db
		.updateTable('requests')
		.set({ child_id: toId, seq, updated_at: at })
		.where('child_id', '=', fromId)
		.execute();
	for (const [id, rank] of ranksAfterLink(surviving, incoming))
		await db.updateTable('requests').set({ rank, seq, updated_at: at }).where('id', '=', id).execute();
	// The history comes along: the surviving family's devices have not seen it yet.
	if (incoming.length)
		await db
			.updateTable('request_events')
			.set({ seq })
			.where(
				'request_id',
				'in',
				incoming.map((r) => r.id)
			)
			.execute();
	await db.updateTable('registrations').set({ child_id: toId, seq }).where('child_id', '=', fromId).execute();
	await db
		.updateTable('childminder_requests')
		.set({ child_id: toId, seq, updated_at: at })
		.where('child_id', '=', fromId)
		.execute();
	await db
		.updateTable('children')
		.set({ merged_into: toId, seq, updated_at: at })
		.where('merged_into', '=', fromId)
		.execute();
	await db
		.updateTable('children')
		.set({ merged_into: toId, seq, updated_at: at })
		.where('id', '=', fromId)
		.execute();
	// Pairs that involved the stub are settled by this link.
	await db
		.updateTable('duplicate_candidates')
		.set({ status: 'obsolete', decided_at: at, seq })
		.where('status', 'in', ['open', 'askedFamily', 'awaitingOffice'])
		.where((eb) => eb.or([eb('child_id', '=', fromId), eb('match_child_id', '=', fromId)]))
		.execute();
	const contracts = await db
		.selectFrom('requests')
		.selectAll()
		.where('child_id', '=', toId)
		.where('status', '=', 'contracted')
		.orderBy('contracted_at', 'desc')
		.execute();
	// Only the latest contract counts; a Wechselwunsch never ends a contract just by being linked. The
	// other requests close through the transition command, with its effects (transition-effects.ts).
	const latest = contracts[0];
	if (latest) await applyContract(ctx, { ...latest, change_request: 0 });
	// An acceptance on either side ends the other side's open requests of its Kita year, as one made
	// after the link would (issue 17); two acceptances of one year stay for the family to settle.
	const accepted = await db
		.selectFrom('requests')
		.selectAll()
		.where('child_id', '=', toId)
		.where('status', '=', 'accepted')
		.execute();
	for (const row of accepted)
		if (accepted.filter((r) => r.kita_year_id === row.kita_year_id).length === 1)
			await applyAcceptance(ctx, row);
	await touchChildRequests(db, toId, seq);
}

/**
 * Links the pair's walk-in into the other record, once its family or the youth office confirmed:
 * the walk-in's requests move (mergeChild) and the Kita's scope then holds that family because it
 * agreed. Returns the users to poke.
 */
export async function linkPair(
	ctx: CommandContext,
	row: Pick<Selectable<DuplicateCandidatesTable>, 'child_id' | 'match_child_id'>,
	current: () => Promise<unknown>
): Promise<string[]> {
	const target = await rootChild(ctx.tx, row.match_child_id);
	const self = await rootChild(ctx.tx, row.child_id);
	if (target === self || self !== row.child_id)
		throw new Refusal('alreadyLinked', 'duplicate.alreadyLinked', await current());
	await mergeChild(ctx, row.child_id, target);
	return usersConcerned(ctx.tx, target);
}
