// Possible duplicates of a walk-in ("same child?"): found when a walk-in or an online child
// registers, proposed by the walk-in's Kita, confirmed by the family holding the other record — or by
// the youth office when no family can be asked — and never linked by a Kita alone.
import type { Selectable } from 'kysely';
import {
	decideDuplicateStep,
	type answerLinkQuestionSchema,
	type decideDuplicateSchema,
	type DuplicateStatus,
	type DuplicateStep,
	type officeDecideDuplicateSchema
} from '../../src/lib/domain/staff';
import type { z } from 'zod';
import type { DuplicateCandidatesTable } from '../db/schema';
import { staffOf } from '../services/audiences';
import { confirmerOfPair, matchKeyOf, registeredSomewhere } from '../services/duplicates';
import { notifyLinkQuestion } from '../services/notifications';
import { toDuplicateCandidate, toLinkQuestion } from '../services/walkins';
import { auditCommand, pokeAll } from './audit';
import type { CommandContext, UserCommandContext } from './context';
import { linkPair } from './link-children';
import { Refusal } from './refusal';

type CandidateRow = Selectable<DuplicateCandidatesTable>;

/** An open pair for the Kita to decide; a pair already recorded stays as it is. */
async function recordCandidate(
	ctx: CommandContext,
	pair: { facilityId: string; childId: string; matchChildId: string }
): Promise<void> {
	await ctx.tx
		.insertInto('duplicate_candidates')
		.values({
			id: crypto.randomUUID(),
			facility_id: pair.facilityId,
			child_id: pair.childId,
			match_child_id: pair.matchChildId,
			status: 'open',
			found_at: ctx.now.toISOString(),
			decided_at: null,
			decided_by: null,
			seq: await ctx.seq()
		})
		.onConflict((oc) => oc.doNothing())
		.execute();
}

/**
 * Records every other record of the district with the same normalised name and birth date that
 * registered somewhere as a possible duplicate of the walk-in child, for the walk-in's Kita to
 * decide.
 */
export async function detectDuplicates(
	ctx: CommandContext,
	childId: string,
	facilityId: string
): Promise<number> {
	const matches = await ctx.tx
		.selectFrom('children')
		.select('id')
		.where('match_key', '=', await matchKeyOf(ctx.tx, childId))
		.where('id', '!=', childId)
		.where('merged_into', 'is', null)
		.where(registeredSomewhere)
		.execute();
	for (const m of matches) await recordCandidate(ctx, { facilityId, childId, matchChildId: m.id });
	return matches.length;
}

/**
 * The other way round: a child of an account that matches earlier walk-ins (not yet claimed or
 * linked) becomes a possible duplicate for each walk-in's Kita to decide — once it registered
 * somewhere (called when the child is saved and when a registration or child-minding request is
 * submitted); before that it is no match. Those Kitas' staff are poked.
 */
export async function detectWalkinMatches(ctx: CommandContext, childId: string): Promise<void> {
	const { tx } = ctx;
	const registered = await tx
		.selectFrom('children')
		.select('id')
		.where('id', '=', childId)
		.where('merged_into', 'is', null)
		.where(registeredSomewhere)
		.executeTakeFirst();
	if (!registered) return;
	const walkins = await tx
		.selectFrom('children')
		.innerJoin('families', 'families.id', 'children.family_id')
		.innerJoin('requests', 'requests.child_id', 'children.id')
		.select(['children.id as child_id', 'requests.facility_id'])
		.where('children.match_key', '=', await matchKeyOf(tx, childId))
		.where('children.id', '!=', childId)
		.where('children.merged_into', 'is', null)
		.where('families.source', '=', 'walkin')
		.where('families.owner_user_id', 'is', null)
		.distinct()
		.execute();
	for (const w of walkins)
		await recordCandidate(ctx, { facilityId: w.facility_id, childId: w.child_id, matchChildId: childId });
	pokeAll(ctx, await staffOf(tx, [...new Set(walkins.map((w) => w.facility_id))]));
}

/** The next status of a pair for this step, or a refusal with the pair as the caller may see it. */
async function stepCandidate(
	row: CandidateRow,
	step: DuplicateStep,
	current: () => Promise<unknown>
): Promise<DuplicateStatus> {
	const to = decideDuplicateStep(row.status, step);
	if (!to) throw new Refusal('staleStatus', 'duplicate.staleStatus', await current());
	return to;
}

async function writeDecision(ctx: CommandContext, row: CandidateRow, status: DuplicateStatus): Promise<void> {
	await ctx.tx
		.updateTable('duplicate_candidates')
		.set({ status, decided_at: ctx.now.toISOString(), decided_by: ctx.actor.userId, seq: await ctx.seq() })
		.where('id', '=', row.id)
		.execute();
}

/** Links the pair and pokes everyone who sees the surviving record. */
async function link(ctx: CommandContext, row: CandidateRow, current: () => Promise<unknown>): Promise<void> {
	pokeAll(ctx, await linkPair(ctx, row, current));
}

/**
 * Staff of the walk-in's Kita propose a link ("same child? ask the family") or keep the records
 * apart. A proposal moves nothing: the family holding the other record is asked in its account
 * (with a generic mail), or — when that record is another walk-in — the youth office decides.
 */
export async function decideDuplicate(
	ctx: UserCommandContext,
	args: z.infer<typeof decideDuplicateSchema>
): Promise<void> {
	const { tx, now } = ctx;
	const row = await tx
		.selectFrom('duplicate_candidates')
		.selectAll()
		.where('id', '=', args.candidateId)
		.executeTakeFirst();
	if (!row || !ctx.actor.facilityIds.some((id) => id === row.facility_id))
		throw new Refusal('notFound', 'duplicate.notFound');
	const confirmer = await confirmerOfPair(tx, row);
	const decision = args.decision === 'separate' ? 'separate' : 'ask';
	const to = await stepCandidate(row, { actor: 'staff', decision, confirmer: confirmer.by }, () =>
		toDuplicateCandidate(tx, row)
	);
	if (to === 'separate') await writeDecision(ctx, row, to);
	else {
		await tx
			.updateTable('duplicate_candidates')
			.set({ status: to, asked_at: now.toISOString(), asked_by: ctx.actor.userId, seq: await ctx.seq() })
			.where('id', '=', row.id)
			.execute();
		if (confirmer.userId) {
			const family = await tx
				.selectFrom('families')
				.select('id')
				.where('owner_user_id', '=', confirmer.userId)
				.executeTakeFirstOrThrow();
			await notifyLinkQuestion(tx, family.id, now, ctx.origin);
			ctx.effects.poke.add(confirmer.userId);
		}
	}
	pokeAll(ctx, await staffOf(tx, [row.facility_id]));
	await auditCommand(
		ctx,
		decision === 'ask' ? 'walkin.linkProposed' : 'walkin.separate',
		'duplicateCandidate',
		row.id
	);
}

/**
 * The family's answer to a Kita's question. Only the account holding the other record may answer;
 * "mine" links (the walk-in's request moves to the family's child), "not mine" keeps them apart.
 */
export async function answerLinkQuestion(
	ctx: UserCommandContext,
	args: z.infer<typeof answerLinkQuestionSchema>
): Promise<void> {
	const { tx } = ctx;
	const row = await tx
		.selectFrom('duplicate_candidates')
		.selectAll()
		.where('id', '=', args.candidateId)
		.executeTakeFirst();
	// A question asked of another family looks as if it did not exist.
	const asked = row && row.asked_at !== null ? await confirmerOfPair(tx, row) : undefined;
	if (!row || asked?.userId !== ctx.actor.userId) throw new Refusal('notFound', 'duplicate.notFound');
	const current = () => toLinkQuestion(tx, row);
	const to = await stepCandidate(row, { actor: 'parent', answer: args.answer }, current);
	if (to === 'linked') await link(ctx, row, current);
	await writeDecision(ctx, row, to);
	pokeAll(ctx, await staffOf(tx, [row.facility_id]));
	await auditCommand(ctx, to === 'linked' ? 'walkin.link' : 'walkin.separate', 'duplicateCandidate', row.id);
}

/**
 * The youth office decides a pair of two walk-ins (no account to ask). A pair that does not exist
 * is refused as `notFound`, one no longer awaiting the office as `staleStatus` (or `alreadyLinked`
 * when one side was linked elsewhere meanwhile).
 */
export async function officeDecideDuplicate(
	ctx: UserCommandContext,
	input: z.infer<typeof officeDecideDuplicateSchema>
): Promise<void> {
	const row = await ctx.tx
		.selectFrom('duplicate_candidates')
		.selectAll()
		.where('id', '=', input.candidateId)
		.executeTakeFirst();
	if (!row) throw new Refusal('notFound', 'duplicate.notFound');
	const to = await stepCandidate(row, { actor: 'admin', decision: input.decision }, () =>
		Promise.resolve(undefined)
	);
	if (to === 'linked') await link(ctx, row, () => Promise.resolve(undefined));
	await writeDecision(ctx, row, to);
	pokeAll(ctx, await staffOf(ctx.tx, [row.facility_id]));
	await auditCommand(
		ctx,
		input.decision === 'link' ? 'walkin.link' : 'walkin.separate',
		'duplicateCandidate',
		input.candidateId
	);
}
