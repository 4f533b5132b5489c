// Walk-in registrations ("Anmeldung vor Ort") for families without internet: created by staff,
// checked for the same child elsewhere in the district, linked into one record when the family
// holding the other record confirms it (or the youth office, for two walk-ins) — never by a Kita
// alone — and claimed later by the family's own online account with the code on their receipt.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { z } from 'zod';
import { isBorn } from '../../src/lib/domain/kita-year';
import {
	decideDuplicateStep,
	normaliseClaimCode,
	type answerLinkQuestionSchema,
	type CreateWalkinInput,
	type decideDuplicateSchema,
	type DuplicateCandidate,
	type DuplicateStatus,
	type DuplicateStep,
	type LinkConfirmer,
	type LinkQuestion,
	type OfficeDuplicate,
	type OfficeDuplicateRecord,
	type renewClaimCodeSchema
} from '../../src/lib/domain/staff';
import type { FamilySource } from '../../src/lib/domain/family';
import type { Executor } from '../db/database';
import type { DB, DuplicateCandidatesTable } from '../db/schema';
import { recordDeletions } from '../sync/deletions';
import { staffOf } from '../sync/mutators/audiences';
import { auditAs, worksAt } from '../sync/mutators/caller';
import type { UserCommandContext } from '../commands/context';
import { Refusal } from '../commands/refusal';
import { listKitaYears, toFacility } from './catalogue';
import { nextNumber, saveChild, saveGuardian } from './families';
import { insertRegisteredRequest, insertRegistration, kitaYearOfItem } from './new-requests';
import { notifyLinkQuestion, notifyRegistration } from './notifications';
import { applyContractSteps as applyContract } from '../commands/transition-request';
import { touchChildRequests, usersConcerned } from './placement';

/** Server-side hash of a claim code as the parent typed it (same result as the client's WebCrypto). */
export function hashClaimCode(code: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normaliseClaimCode(code))));
}

export async function createWalkin(ctx: UserCommandContext, args: CreateWalkinInput): Promise<void> {
	const { tx, now, today } = ctx;
	// Only children already born can be registered; the server's day decides.
	if (!isBorn(args.child.birthDate, today)) throw new Refusal('notBorn', 'child.notBorn');
	const clash = await Promise.all([
		tx.selectFrom('families').select('id').where('id', '=', args.familyId).executeTakeFirst(),
		tx.selectFrom('children').select('id').where('id', '=', args.child.id).executeTakeFirst(),
		tx.selectFrom('registrations').select('id').where('id', '=', args.registrationId).executeTakeFirst(),
		tx.selectFrom('requests').select('id').where('id', '=', args.requestId).executeTakeFirst(),
		tx
			.selectFrom('guardians')
			.select('id')
			.where(
				'id',
				'in',
				args.guardians.map((g) => g.id)
			)
			.executeTakeFirst()
	]);
	if (clash.some((row) => row !== undefined)) throw new Refusal('idTaken', 'walkin.idTaken');
	const facilityRow = await tx
		.selectFrom('facilities')
		.selectAll()
		.where('id', '=', args.facilityId)
		.executeTakeFirst();
	if (!facilityRow) throw new Refusal('facilityNotFound', 'registration.facilityNotFound');
	const facility = toFacility(facilityRow);
	const year = kitaYearOfItem(args, facility, args.child.birthDate, await listKitaYears(tx), today);

	const seq = await ctx.seq();
	const at = now.toISOString();
	await tx
		.insertInto('families')
		.values({
			id: args.familyId,
			owner_user_id: null,
			source: 'walkin',
			claim_code_hash: args.claimCodeHash,
			created_at: at,
			updated_at: at,
			seq
		})
		.execute();
	for (const g of args.guardians) await saveGuardian(tx, args.familyId, g, seq, now);
	await saveChild(tx, args.familyId, args.child, seq, now);
	const number = await nextNumber(tx, `KP-${today.slice(0, 4)}`);
	await insertRegistration(
		tx,
		{
			id: args.registrationId,
			number,
			familyId: args.familyId,
			childId: args.child.id,
			submittedBy: ctx.actor.userId,
			source: 'walkin'
		},
		seq,
		now
	);
	await insertRegisteredRequest(
		tx,
		{
			...args,
			id: args.requestId,
			childId: args.child.id,
			kitaYearId: year.id,
			rank: 1
		},
		{ actorId: ctx.actor.userId, actorRole: 'staff', reason: 'walkin' },
		seq,
		now
	);
	await detectDuplicates(tx, args.child.id, args.facilityId, seq, now);
	// Families with an address get the same confirmation as online ones (proof under KiBiz § 3b).
	await notifyRegistration(
		tx,
		{
			familyId: args.familyId,
			registrationId: args.registrationId,
			number,
			childFirstName: args.child.firstName,
			kitas: [`${facility.name}, ${facility.postcode} ${facility.town}`]
		},
		now,
		ctx.origin
	);
	for (const id of await staffOf(tx, [args.facilityId])) ctx.effects.poke.add(id);
	await auditAs(ctx, 'walkin.create', 'registration', args.registrationId);
}

async function matchKeyOf(db: Executor, childId: string): Promise<string> {
	const child = await db
		.selectFrom('children')
		.select('match_key')
		.where('id', '=', childId)
		.executeTakeFirstOrThrow();
	return child.match_key;
}

/** An open pair for the Kita to decide; a pair already recorded stays as it is. */
async function recordCandidate(
	db: Executor,
	pair: { facilityId: string; childId: string; matchChildId: string },
	seq: number,
	now: Date
): Promise<void> {
	await db
		.insertInto('duplicate_candidates')
		.values({
			id: crypto.randomUUID(),
			facility_id: pair.facilityId,
			child_id: pair.childId,
			match_child_id: pair.matchChildId,
			status: 'open',
			found_at: now.toISOString(),
			decided_at: null,
			decided_by: null,
			seq
		})
		.onConflict((oc) => oc.doNothing())
		.execute();
}

/** The record a child is linked into, following a link once more if the target was linked later. */
async function rootChild(db: Executor, childId: string): Promise<string> {
	let id = childId;
	for (let hops = 0; hops < 10; hops++) {
		const row = await db.selectFrom('children').select('merged_into').where('id', '=', id).executeTakeFirst();
		if (!row?.merged_into) return id;
		id = row.merged_into;
	}
	return id;
}

/**
 * A child that registered somewhere: a request at a Kita or a child-minding request. Only such
 * records count as possible duplicates — a child entered in an account and registered nowhere is
 * nobody's business, and matching it would let staff probe which children exist in the district
 * (names and trial birth dates) and make the portal ask a family no Kita ever heard of.
 */
function registeredSomewhere(eb: ExpressionBuilder<DB, 'children'>) {
	return eb.or([
		eb.exists(eb.selectFrom('requests as r').select('r.id').whereRef('r.child_id', '=', 'children.id')),
		eb.exists(
			eb.selectFrom('childminder_requests as cm').select('cm.id').whereRef('cm.child_id', '=', 'children.id')
		)
	]);
}

/**
 * Records every other record of the district with the same normalised name and birth date that
 * registered somewhere as a possible duplicate of the walk-in child, for the walk-in's Kita to
 * decide.
 */
export async function detectDuplicates(
	db: Executor,
	childId: string,
	facilityId: string,
	seq: number,
	now: Date
): Promise<number> {
	const matches = await db
		.selectFrom('children')
		.select('id')
		.where('match_key', '=', await matchKeyOf(db, childId))
		.where('id', '!=', childId)
		.where('merged_into', 'is', null)
		.where(registeredSomewhere)
		.execute();
	for (const m of matches) await recordCandidate(db, { facilityId, childId, matchChildId: m.id }, seq, now);
	return matches.length;
}

/**
 * The other way round: a child of an account that matches earlier walk-ins (not yet claimed or
 * linked) becomes a possible duplicate for each walk-in's Kita to decide — once it registered
 * somewhere (called when the child is saved and when a registration or child-minding request is
 * submitted); before that it is no match. Returns the staff to poke.
 */
export async function detectWalkinMatches(
	db: Executor,
	childId: string,
	seq: number,
	now: Date
): Promise<string[]> {
	const registered = await db
		.selectFrom('children')
		.select('id')
		.where('id', '=', childId)
		.where('merged_into', 'is', null)
		.where(registeredSomewhere)
		.executeTakeFirst();
	if (!registered) return [];
	const matchKey = await matchKeyOf(db, childId);
	const walkins = await db
		.selectFrom('children')
		.innerJoin('families', 'families.id', 'children.family_id')
		.innerJoin('requests', 'requests.child_id', 'children.id')
		.select(['children.id as child_id', 'requests.facility_id'])
		.where('children.match_key', '=', matchKey)
		.where('children.id', '!=', childId)
		.where('children.merged_into', 'is', null)
		.where('families.source', '=', 'walkin')
		.where('families.owner_user_id', 'is', null)
		.distinct()
		.execute();
	for (const w of walkins)
		await recordCandidate(
			db,
			{ facilityId: w.facility_id, childId: w.child_id, matchChildId: childId },
			seq,
			now
		);
	return staffOf(db, [...new Set(walkins.map((w) => w.facility_id))]);
}

/** The family that would confirm a link into `childId`'s record: its holder, if it has an account. */
async function confirmerOf(
	db: Executor,
	childId: string
): Promise<{ by: LinkConfirmer; userId: string | null }> {
	const row = await db
		.selectFrom('children')
		.innerJoin('families', 'families.id', 'children.family_id')
		.select('families.owner_user_id')
		.where('children.id', '=', await rootChild(db, childId))
		.executeTakeFirst();
	const userId = row?.owner_user_id ?? null;
	return { by: userId ? 'family' : 'office', userId };
}

/**
 * Who confirms a link of this pair. When the walk-in family has taken an account meanwhile (a
 * claim), both records belong to accounts: neither family may move the other's requests by
 * itself, so the youth office decides.
 */
async function confirmerOfPair(
	db: Executor,
	row: Pick<Selectable<DuplicateCandidatesTable>, 'child_id' | 'match_child_id'>
): Promise<{ by: LinkConfirmer; userId: string | null }> {
	const walkin = await db
		.selectFrom('children')
		.innerJoin('families', 'families.id', 'children.family_id')
		.select('families.owner_user_id')
		.where('children.id', '=', row.child_id)
		.executeTakeFirst();
	if (walkin?.owner_user_id) return { by: 'office', userId: null };
	return confirmerOf(db, row.match_child_id);
}

/**
 * A possible duplicate as the walk-in's Kita sees it: that the same child is registered elsewhere,
 * and who would confirm a link. Nothing of the other family (not even its child's id), so that a
 * suggestion cannot be used to reach a family that never registered at this Kita.
 */
export async function toDuplicateCandidate(
	db: Executor,
	row: Selectable<DuplicateCandidatesTable>
): Promise<DuplicateCandidate> {
	return {
		id: row.id,
		facilityId: row.facility_id,
		childId: row.child_id,
		status: row.status,
		foundAt: row.found_at,
		askedAt: row.asked_at,
		decidedAt: row.decided_at,
		match: { confirmedBy: (await confirmerOfPair(db, row)).by }
	};
}

/** The question on the family's devices: the Kita's name and the child as entered at the desk. */
export async function toLinkQuestion(
	db: Executor,
	row: Selectable<DuplicateCandidatesTable>
): Promise<LinkQuestion> {
	const walkin = await db
		.selectFrom('children')
		.select(['first_name', 'last_name', 'birth_date'])
		.where('id', '=', row.child_id)
		.executeTakeFirstOrThrow();
	const facility = await db
		.selectFrom('facilities')
		.select('name')
		.where('id', '=', row.facility_id)
		.executeTakeFirstOrThrow();
	return {
		id: row.id,
		childId: row.match_child_id,
		facilityName: facility.name,
		childFirstName: walkin.first_name,
		childLastName: walkin.last_name,
		birthDate: walkin.birth_date,
		askedAt: row.asked_at ?? row.found_at,
		status: row.status,
		decidedAt: row.decided_at
	};
}

async function officeRecord(db: Executor, childId: string): Promise<OfficeDuplicateRecord> {
	const child = await db
		.selectFrom('children')
		.innerJoin('families', 'families.id', 'children.family_id')
		.select([
			'children.first_name',
			'children.last_name',
			'children.birth_date',
			'children.family_id',
			'families.source'
		])
		.where('children.id', '=', childId)
		.executeTakeFirstOrThrow();
	const guardians = await db
		.selectFrom('guardians')
		.select(['first_name', 'last_name', 'street', 'postcode', 'town', 'phone'])
		.where('family_id', '=', child.family_id)
		.orderBy('position')
		.execute();
	const kitas = await db
		.selectFrom('requests')
		.innerJoin('facilities', 'facilities.id', 'requests.facility_id')
		.select('facilities.name')
		.distinct()
		.where('requests.child_id', '=', childId)
		.orderBy('facilities.name')
		.execute();
	return {
		childId,
		firstName: child.first_name,
		lastName: child.last_name,
		birthDate: child.birth_date,
		source: child.source as FamilySource,
		guardians: guardians.map((g) => ({
			firstName: g.first_name,
			lastName: g.last_name,
			street: g.street,
			postcode: g.postcode,
			town: g.town,
			phone: g.phone
		})),
		kitas: kitas.map((k) => k.name)
	};
}

/**
 * The youth office's list: pairs of two walk-ins a Kita proposed to link (both records side by
 * side; admins may see both), and the ones it decided lately.
 */
export async function listOfficeDuplicates(db: Executor): Promise<OfficeDuplicate[]> {
	const rows = await db
		.selectFrom('duplicate_candidates')
		.innerJoin('facilities', 'facilities.id', 'duplicate_candidates.facility_id')
		.selectAll('duplicate_candidates')
		.select('facilities.name as kita')
		.where((eb) =>
			eb.or([
				eb('duplicate_candidates.status', '=', 'awaitingOffice'),
				eb.and([
					eb('duplicate_candidates.status', 'in', ['linked', 'separate']),
					eb(
						'duplicate_candidates.decided_by',
						'in',
						eb.selectFrom('users').select('id').where('role', '=', 'admin')
					)
				])
			])
		)
		.orderBy('duplicate_candidates.asked_at', 'desc')
		.limit(200)
		.execute();
	const out: OfficeDuplicate[] = [];
	for (const row of rows)
		out.push({
			id: row.id,
			status: row.status,
			kita: row.kita,
			foundAt: row.found_at,
			askedAt: row.asked_at,
			decidedAt: row.decided_at,
			walkin: await officeRecord(db, row.child_id),
			match: await officeRecord(db, row.match_child_id)
		});
	return out;
}

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
export async function mergeChild(
	db: Executor,
	fromId: string,
	toId: string,
	step: { now: Date; today: string; seq: number }
): Promise<void> {
	const { seq, now } = step;
	const at = now.toISOString();
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
	// Only the latest contract counts; a Wechselwunsch never ends a contract just by being linked.
	const latest = contracts[0];
	if (latest) await applyContract(db, { ...latest, change_request: 0 }, step);
	await touchChildRequests(db, toId, seq);
}

type CandidateRow = Selectable<DuplicateCandidatesTable>;

/** The next status of a pair for this step, or a refusal with the pair as the caller may see it. */
async function stepCandidate(
	db: Executor,
	row: CandidateRow,
	step: DuplicateStep,
	current: () => Promise<unknown>
): Promise<DuplicateStatus> {
	const to = decideDuplicateStep(row.status, step);
	if (!to) throw new Refusal('staleStatus', 'duplicate.staleStatus', await current());
	return to;
}

/**
 * Links the pair's walk-in into the other record, once its family or the youth office confirmed:
 * the walk-in's requests move (mergeChild) and the Kita's scope then holds that family because it
 * agreed. Returns the users to poke.
 */
async function linkPair(
	db: Executor,
	row: CandidateRow,
	step: { now: Date; today: string; seq: number },
	current: () => Promise<unknown>
): Promise<string[]> {
	const target = await rootChild(db, row.match_child_id);
	const self = await rootChild(db, row.child_id);
	if (target === self || self !== row.child_id)
		throw new Refusal('alreadyLinked', 'duplicate.alreadyLinked', await current());
	await mergeChild(db, row.child_id, target, step);
	return usersConcerned(db, target);
}

async function writeDecision(
	db: Executor,
	row: CandidateRow,
	status: DuplicateStatus,
	by: string,
	at: Date,
	seq: number
): Promise<void> {
	await db
		.updateTable('duplicate_candidates')
		.set({ status, decided_at: at.toISOString(), decided_by: by, seq })
		.where('id', '=', row.id)
		.execute();
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
	if (!row || !worksAt(ctx.actor, row.facility_id)) throw new Refusal('notFound', 'duplicate.notFound');
	const confirmer = await confirmerOfPair(tx, row);
	const decision = args.decision === 'separate' ? 'separate' : 'ask';
	const to = await stepCandidate(tx, row, { actor: 'staff', decision, confirmer: confirmer.by }, () =>
		toDuplicateCandidate(tx, row)
	);
	const seq = await ctx.seq();
	if (to === 'separate') await writeDecision(tx, row, to, ctx.actor.userId, now, seq);
	else {
		await tx
			.updateTable('duplicate_candidates')
			.set({ status: to, asked_at: now.toISOString(), asked_by: ctx.actor.userId, seq })
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
	for (const id of await staffOf(tx, [row.facility_id])) ctx.effects.poke.add(id);
	await auditAs(
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
	const { tx, now } = ctx;
	const row = await tx
		.selectFrom('duplicate_candidates')
		.selectAll()
		.where('id', '=', args.candidateId)
		.executeTakeFirst();
	// A question asked of another family looks as if it did not exist.
	const asked = row && row.asked_at !== null ? await confirmerOfPair(tx, row) : undefined;
	if (!row || asked?.userId !== ctx.actor.userId) throw new Refusal('notFound', 'duplicate.notFound');
	const current = () => toLinkQuestion(tx, row);
	const to = await stepCandidate(tx, row, { actor: 'parent', answer: args.answer }, current);
	const seq = await ctx.seq();
	if (to === 'linked')
		for (const id of await linkPair(tx, row, { now, today: ctx.today, seq }, current))
			ctx.effects.poke.add(id);
	await writeDecision(tx, row, to, ctx.actor.userId, now, seq);
	for (const id of await staffOf(tx, [row.facility_id])) ctx.effects.poke.add(id);
	await auditAs(ctx, to === 'linked' ? 'walkin.link' : 'walkin.separate', 'duplicateCandidate', row.id);
}

export class StaleDuplicateError extends Error {}

/**
 * The youth office decides a pair of two walk-ins (no account to ask). Returns the users to poke;
 * a pair no longer awaiting the office throws StaleDuplicateError.
 */
export async function officeDecideDuplicate(
	db: Executor,
	input: { candidateId: string; decision: 'link' | 'separate'; actorId: string },
	step: { now: Date; today: string; seq: number }
): Promise<string[]> {
	const row = await db
		.selectFrom('duplicate_candidates')
		.selectAll()
		.where('id', '=', input.candidateId)
		.executeTakeFirst();
	if (!row) throw new StaleDuplicateError('notFound');
	const to = decideDuplicateStep(row.status, { actor: 'admin', decision: input.decision });
	if (!to) throw new StaleDuplicateError('staleStatus');
	const poke = new Set<string>();
	if (to === 'linked')
		for (const id of await linkPair(db, row, step, () => Promise.resolve(undefined))) poke.add(id);
	await writeDecision(db, row, to, input.actorId, step.now, step.seq);
	for (const id of await staffOf(db, [row.facility_id])) poke.add(id);
	return [...poke];
}

/** A lost receipt: staff print a new one, and only the new code works from then on. */
export async function renewClaimCode(
	ctx: UserCommandContext,
	args: z.infer<typeof renewClaimCodeSchema>
): Promise<void> {
	const { tx, now } = ctx;
	const family = await tx
		.selectFrom('families')
		.selectAll()
		.where('id', '=', args.familyId)
		.executeTakeFirst();
	// Only a Kita that holds one of the family's requests may do this, and only until it is claimed.
	const atOwnKita = family
		? await tx
				.selectFrom('requests')
				.innerJoin('registrations', 'registrations.id', 'requests.registration_id')
				.select('requests.id')
				.where('registrations.family_id', '=', family.id)
				.where('requests.facility_id', 'in', ctx.actor.facilityIds.length ? ctx.actor.facilityIds : [''])
				.executeTakeFirst()
		: undefined;
	if (!family || !atOwnKita || family.source !== 'walkin') throw new Refusal('notFound', 'family.notFound');
	if (family.owner_user_id !== null) throw new Refusal('alreadyClaimed', 'family.alreadyClaimed');
	await tx
		.updateTable('families')
		.set({ claim_code_hash: args.claimCodeHash, updated_at: now.toISOString(), seq: await ctx.seq() })
		.where('id', '=', family.id)
		.execute();
	await auditAs(ctx, 'family.write', 'family', family.id);
}

export type ClaimOutcome = { ok: true; familyId: string; childIds: string[]; poke: string[] } | { ok: false };

/**
 * Takes a walk-in family into a parent's online account: the code on the receipt and the child's
 * birth date must both fit. Only the family the code belongs to: a "same child" link says nothing
 * about who may act for, or read the contacts of, another household, so walk-in families linked
 * to it stay where they are and the surviving record's family keeps holding the requests
 * (childrenHeldBy). Guardians move only to free positions of an existing family; the rest stay
 * with their walk-in family.
 */
export async function claimWalkinFamily(
	db: Executor,
	input: { userId: string; code: string; birthDate: string },
	seq: number,
	now: Date
): Promise<ClaimOutcome> {
	const at = now.toISOString();
	const family = await db
		.selectFrom('families')
		.selectAll()
		.where('claim_code_hash', '=', hashClaimCode(input.code))
		.where('source', '=', 'walkin')
		.where('owner_user_id', 'is', null)
		.executeTakeFirst();
	if (!family) return { ok: false };
	const children = await db.selectFrom('children').selectAll().where('family_id', '=', family.id).execute();
	if (!children.some((c) => c.birth_date === input.birthDate)) return { ok: false };

	const own = await db
		.selectFrom('families')
		.select('id')
		.where('owner_user_id', '=', input.userId)
		.executeTakeFirst();
	let home: string;
	const joining: string[] = [];
	if (own) {
		home = own.id;
		joining.push(family.id);
	} else {
		home = family.id;
		await db
			.updateTable('families')
			.set({ owner_user_id: input.userId, claim_code_hash: null, updated_at: at, seq })
			.where('id', '=', family.id)
			.execute();
	}
	for (const from of joining) {
		await db
			.updateTable('children')
			.set({ family_id: home, updated_at: at, seq })
			.where('family_id', '=', from)
			.execute();
		await db
			.updateTable('registrations')
			.set({ family_id: home, seq })
			.where('family_id', '=', from)
			.execute();
		await db
			.updateTable('childminder_requests')
			.set({ family_id: home, seq, updated_at: at })
			.where('family_id', '=', from)
			.execute();
		const taken = new Set(
			(await db.selectFrom('guardians').select('position').where('family_id', '=', home).execute()).map(
				(g) => g.position
			)
		);
		for (const g of await db.selectFrom('guardians').selectAll().where('family_id', '=', from).execute()) {
			if (taken.has(g.position)) continue;
			taken.add(g.position);
			await db
				.updateTable('guardians')
				.set({ family_id: home, updated_at: at, seq })
				.where('id', '=', g.id)
				.execute();
		}
		await db
			.updateTable('families')
			.set({ claim_code_hash: null, updated_at: at, seq })
			.where('id', '=', from)
			.execute();
	}

	// A family asked about one of these walk-ins may no longer decide alone: both records now belong
	// to accounts, and the youth office decides (decideDuplicateStep: walkinClaimed).
	const pending = await db
		.selectFrom('duplicate_candidates')
		.select(['id', 'status'])
		.where('status', '=', 'askedFamily')
		.where('child_id', 'in', (eb) => eb.selectFrom('children').select('id').where('family_id', '=', home))
		.execute();
	for (const pair of pending) {
		const to = decideDuplicateStep(pair.status, { actor: 'system', event: 'walkinClaimed' });
		if (to)
			await db
				.updateTable('duplicate_candidates')
				.set({ status: to, seq })
				.where('id', '=', pair.id)
				.execute();
	}

	// A link within one family is moot now: the stub only kept the other family's contacts reachable.
	// The family's devices and the Kitas of the child may hold the stub from before (a parent who
	// claimed the other receipt earlier): they get a deletion.
	const moot = await db
		.selectFrom('children')
		.select(['id', 'merged_into'])
		.where('family_id', '=', home)
		.where('merged_into', 'in', (eb) =>
			eb.selectFrom('children as t').select('t.id').where('t.family_id', '=', home)
		)
		.execute();
	if (moot.length) {
		const kitas = await db
			.selectFrom('requests')
			.select(['child_id', 'facility_id'])
			.distinct()
			.where(
				'child_id',
				'in',
				moot.map((c) => c.merged_into ?? '')
			)
			.execute();
		await recordDeletions(
			db,
			moot.flatMap((c) => [
				{ entity: 'children' as const, rowId: c.id, familyId: home },
				...kitas
					.filter((k) => k.child_id === c.merged_into)
					.map((k) => ({ entity: 'children' as const, rowId: c.id, facilityId: k.facility_id }))
			]),
			seq,
			now
		);
		await db
			.deleteFrom('children')
			.where(
				'id',
				'in',
				moot.map((c) => c.id)
			)
			.execute();
	}

	// The parent's client holds a cookie from before: everything of the family must count as new.
	const childIds = (await db.selectFrom('children').select('id').where('family_id', '=', home).execute()).map(
		(c) => c.id
	);
	const targets = (
		await db
			.selectFrom('children')
			.select('merged_into')
			.where('family_id', '=', home)
			.where('merged_into', 'is not', null)
			.execute()
	).flatMap((c) => (c.merged_into ? [c.merged_into] : []));
	const allChildren = [...new Set([...childIds, ...targets])];
	await db.updateTable('families').set({ seq }).where('id', '=', home).execute();
	await db.updateTable('guardians').set({ seq }).where('family_id', '=', home).execute();
	await db.updateTable('children').set({ seq }).where('family_id', '=', home).execute();
	await db.updateTable('registrations').set({ seq }).where('family_id', '=', home).execute();
	const poke = new Set<string>([input.userId]);
	for (const childId of allChildren) {
		await touchChildRequests(db, childId, seq);
		await db
			.updateTable('request_events')
			.set({ seq })
			.where('request_id', 'in', (eb) =>
				eb.selectFrom('requests').select('id').where('child_id', '=', childId)
			)
			.execute();
		for (const id of await usersConcerned(db, childId)) poke.add(id);
	}
	return { ok: true, familyId: home, childIds: allChildren, poke: [...poke] };
}
