// The one transition command of a Kita request: the domain's placement machine decides, the row,
// the place counters and the request's history are written at this command's seq, and the effects
// of the event come from one table (transition-effects.ts) — whoever gives the command: staff,
// the family, the offer-expiry job or a contract concluded elsewhere.
import type { Selectable } from 'kysely';
import type { Day } from '../../src/lib/domain/calendar-day';
import { ageBandAt } from '../../src/lib/domain/kita-year';
import {
	closedOnAcceptance,
	decide,
	oneHeldOffer,
	reinstatedOnWithdrawal,
	type Actor,
	type PlacementEvent,
	type RankedRequest,
	type RequestStatus
} from '../../src/lib/domain/placement';
import { contractConsequences } from '../../src/lib/domain/staff';
import type { Executor } from '../db/database';
import { greatestFn } from '../db/engine';
import type { RequestsTable } from '../db/schema';
import { audit } from '../services/audit';
import { contactFamilyIds, notifyChildStatus, notifyReleasedOffer } from '../services/placement';
import { insertEvent, touchChildRequests } from './request-records';
import { kitaYearOf, toRequest, type RequestView } from '../services/requests';
import type { CommandContext } from './context';
import { Refusal } from './refusal';
import { PLACEMENT_EFFECTS, type Audience } from './transition-effects';

// Offered and accepted requests hold a place ("open offers"); contracted ones fill it.
const HOLDS_OFFER: readonly RequestStatus[] = ['offered', 'accepted'];

async function adjustPlaces(
	db: Executor,
	row: Selectable<RequestsTable>,
	column: 'offered' | 'contracted',
	delta: 1 | -1,
	seq: number
): Promise<void> {
	const child = await db
		.selectFrom('children')
		.select('birth_date')
		.where('id', '=', row.child_id)
		.executeTakeFirst();
	if (!child) return;
	const start = (row.offer_start_date ?? row.start_date) as Day;
	const hours = row.offer_weekly_hours ?? row.weekly_hours;
	await db
		.updateTable('capacities')
		.set((eb) => ({ [column]: eb.fn(greatestFn(db), [eb(column, '+', delta), eb.val(0)]), seq }))
		.where('facility_id', '=', row.facility_id)
		.where('kita_year_id', '=', row.kita_year_id)
		.where('age_band', '=', ageBandAt(child.birth_date, start))
		.where('weekly_hours', '=', hours)
		.execute();
}

export interface StepInput {
	event: PlacementEvent;
	actor: Actor;
	actorId: string | null;
	actorRole: string;
	expectedStatus?: RequestStatus;
	now: Date;
	today: Day;
	seq: number;
	reason?: string | null;
	/** Extra columns the event sets (offer details, reject reason…). */
	set?: Partial<Omit<Selectable<RequestsTable>, 'id' | 'status' | 'seq'>>;
}

/**
 * The row part of a transition: runs the state machine for one request and writes the result, or
 * throws a Refusal carrying the request as the server holds it now. Private: every step goes
 * through `transitionRequest`, which adds the effects.
 */
async function stepRequest(
	db: Executor,
	row: Selectable<RequestsTable>,
	input: StepInput,
	view: RequestView
): Promise<Selectable<RequestsTable>> {
	const kitaYear = await kitaYearOf(db, row.kita_year_id);
	const from = row.status as RequestStatus;
	const decision = decide({
		status: from,
		event: input.event,
		actor: input.actor,
		expectedStatus: input.expectedStatus,
		ctx: {
			today: input.today,
			now: input.now,
			kitaYear,
			offerExpiresAt: row.offer_expires_at ? new Date(row.offer_expires_at) : null
		}
	});
	if (!decision.ok) throw new Refusal(decision.code, `request.${decision.code}`, toRequest(row, view));
	const to = decision.to;
	const next: Selectable<RequestsTable> = {
		...row,
		...input.set,
		status: to,
		updated_at: input.now.toISOString(),
		seq: input.seq
	};
	if (HOLDS_OFFER.includes(from) && !HOLDS_OFFER.includes(to))
		await adjustPlaces(db, row, 'offered', -1, input.seq);
	if (from === 'contracted' && to !== 'contracted') await adjustPlaces(db, row, 'contracted', -1, input.seq);
	await db
		.updateTable('requests')
		.set({ ...input.set, status: to, updated_at: next.updated_at, seq: input.seq })
		.where('id', '=', row.id)
		.execute();
	if (!HOLDS_OFFER.includes(from) && HOLDS_OFFER.includes(to))
		await adjustPlaces(db, next, 'offered', 1, input.seq);
	if (from !== 'contracted' && to === 'contracted') await adjustPlaces(db, next, 'contracted', 1, input.seq);
	await insertEvent(db, {
		requestId: row.id,
		at: input.now,
		actorId: input.actorId,
		actorRole: input.actorRole,
		event: input.event,
		from,
		to,
		reason: input.reason ?? null,
		seq: input.seq
	});
	return next;
}

/** What the giver of the command asks of a request; when and at which seq come from the context. */
export interface RequestMove {
	event: PlacementEvent;
	/** The machine's actor: `parent`, `staff`, or `system` for a job or a consequence. */
	actor: Actor;
	expectedStatus?: RequestStatus;
	reason?: string | null;
	set?: StepInput['set'];
}

/**
 * Who made the step: in the request's history the machine's actor (`parent`, `staff`) with the
 * user, in the audit the user with their role; a job's step or a consequence is the system's.
 */
function actedBy(
	ctx: CommandContext,
	actor: Actor
): { history: { userId: string | null; role: string }; audit: { userId: string | null; role: string } } {
	if (actor === 'system' || ctx.actor.kind !== 'user') {
		const system = { userId: null, role: 'system' };
		return { history: system, audit: system };
	}
	return {
		history: { userId: ctx.actor.userId, role: actor },
		audit: { userId: ctx.actor.userId, role: ctx.actor.role }
	};
}

/** The users an audience names for a request of `childId` at `facilityId`. */
async function requestAudience(
	db: Executor,
	row: Pick<Selectable<RequestsTable>, 'child_id' | 'facility_id'>,
	who: Audience
): Promise<string[]> {
	if (who === 'family') {
		const families = await contactFamilyIds(db, row.child_id);
		if (!families.length) return [];
		const owners = await db
			.selectFrom('families')
			.select('owner_user_id')
			.where('id', 'in', families)
			.where('owner_user_id', 'is not', null)
			.execute();
		return owners.flatMap((o) => (o.owner_user_id ? [o.owner_user_id] : []));
	}
	const staff = db.selectFrom('user_facilities').select('user_facilities.user_id').distinct();
	if (who === 'kita')
		return (await staff.where('facility_id', '=', row.facility_id).execute()).map((r) => r.user_id);
	if (who === 'childsKitas')
		return (
			await staff
				.innerJoin('requests', 'requests.facility_id', 'user_facilities.facility_id')
				.where('requests.child_id', '=', row.child_id)
				.execute()
		).map((r) => r.user_id);
	// Advisers never hold Kita requests.
	return [];
}

/**
 * THE transition of a request: the machine decides (a Refusal carries the request as `view` sees
 * it), the row is written, and the event's effects follow from PLACEMENT_EFFECTS. An offer and an
 * acceptance draw their consequences for the child's other requests of that Kita year in the same
 * transaction (issue 17: one child, one held offer), whoever makes them.
 */
export async function transitionRequest(
	ctx: CommandContext,
	row: Selectable<RequestsTable>,
	move: RequestMove,
	view: RequestView
): Promise<Selectable<RequestsTable>> {
	const toRelease = move.event === 'offer' ? await offerConsequences(ctx, row, view) : [];
	const by = actedBy(ctx, move.actor);
	const next = await stepRequest(
		ctx.tx,
		row,
		{
			...move,
			actorId: by.history.userId,
			actorRole: by.history.role,
			now: ctx.now,
			today: ctx.today,
			seq: await ctx.seq()
		},
		view
	);
	const effects = PLACEMENT_EFFECTS[move.event];
	// A run (the carry-over) mails and audits once for all it moved.
	if (!effects.perRun) {
		// The family is not mailed about a step it made itself (FAMILY_STEP_UNMAILED).
		if (effects.mail === 'statusChange' && move.actor !== 'parent')
			await notifyChildStatus(ctx.tx, row.child_id, ctx.now, ctx.origin);
		// After the offer that released it is written: the mail names the offer the child holds now.
		if (effects.mail === 'offerReleased') await notifyReleasedOffer(ctx.tx, row, ctx.now, ctx.origin);
		await audit(
			ctx.tx,
			{ action: effects.audit, actor: by.audit, targetType: 'request', targetId: row.id },
			ctx.now
		);
	}
	for (const who of effects.poke)
		for (const id of await requestAudience(ctx.tx, row, who)) ctx.effects.poke.add(id);
	// The reasons never name the other Kita: its staff learn only that the family holds or chose
	// another offer.
	for (const held of toRelease)
		await transitionRequest(
			ctx,
			held,
			{ event: 'release', actor: 'system', reason: 'higherChoiceOffered' },
			'office'
		);
	if (move.event === 'accept' && next.status === 'accepted') await applyAcceptance(ctx, next);
	if (move.event === 'withdrawOffer' && row.offered_at !== null)
		await applyOfferWithdrawal(ctx, { ...next, offered_at: row.offered_at });
	return next;
}

/**
 * What taking back an offer means for the child's other requests of its Kita year, in the same
 * transaction: the ones it released wait again (`reinstate`, reinstatedOnWithdrawal).
 */
async function applyOfferWithdrawal(
	ctx: CommandContext,
	withdrawn: Selectable<RequestsTable> & { offered_at: string }
): Promise<void> {
	const year = await childYearRequests(ctx.tx, withdrawn);
	const ids = reinstatedOnWithdrawal(
		{ id: withdrawn.id, kitaYearId: withdrawn.kita_year_id, offeredAt: withdrawn.offered_at },
		year.map(({ row }) => ({
			id: row.id,
			kitaYearId: row.kita_year_id,
			facilityId: row.facility_id,
			status: row.status as RequestStatus,
			changedAt: row.updated_at
		}))
	);
	for (const { row } of year)
		if (ids.includes(row.id))
			await transitionRequest(
				ctx,
				row,
				{ event: 'reinstate', actor: 'system', reason: 'releasingOfferWithdrawn' },
				'office'
			);
}

/**
 * What an acceptance means for the child's other requests of its Kita year, in the same
 * transaction: the open ones end (`acceptElsewhere`, closedOnAcceptance) — after the acceptance
 * itself, and after a link that brings an acceptance and other requests of one child together.
 */
export async function applyAcceptance(
	ctx: CommandContext,
	accepted: Selectable<RequestsTable>
): Promise<void> {
	for (const other of await childYearRequests(ctx.tx, accepted))
		if (closedOnAcceptance(ranked(accepted), [ranked(other)]).length)
			await transitionRequest(
				ctx,
				other.row,
				{ event: 'acceptElsewhere', actor: 'system', reason: 'acceptedElsewhere' },
				'office'
			);
}

/** A request of the child as the one-held-offer rule sees it (domain: oneHeldOffer). */
interface YearRequest {
	row: Selectable<RequestsTable>;
	/** The rank is the parents' own: registered online, not entered for a walk-in at the desk. */
	online: boolean;
}

function ranked(r: YearRequest | Selectable<RequestsTable>): RankedRequest & { status: RequestStatus } {
	const row = 'row' in r ? r.row : r;
	return {
		id: row.id,
		kitaYearId: row.kita_year_id,
		rank: row.rank,
		rankedByParents: 'online' in r ? r.online : true,
		status: row.status as RequestStatus
	};
}

/** The child's requests in the Kita year of `row` (itself included). */
async function childYearRequests(
	db: Executor,
	row: Pick<Selectable<RequestsTable>, 'child_id' | 'kita_year_id'>
): Promise<YearRequest[]> {
	const rows = await db
		.selectFrom('requests')
		.selectAll()
		.where('child_id', '=', row.child_id)
		.where('kita_year_id', '=', row.kita_year_id)
		.execute();
	const ids = [...new Set(rows.map((r) => r.registration_id))];
	const online = new Set(
		ids.length
			? (
					await db
						.selectFrom('registrations')
						.select('id')
						.where('id', 'in', ids)
						.where('source', '=', 'online')
						.execute()
				).map((r) => r.id)
			: []
	);
	return rows.map((r) => ({ row: r, online: online.has(r.registration_id) }));
}

/**
 * Before an offer: refuses it when the child holds an acceptance or an offer the parents ranked
 * higher in that Kita year (the request keeps waiting), and returns the held offers it releases.
 * A request an acceptance elsewhere ended is refused with that reason rather than "changed
 * meanwhile", so that staff who made the offer offline learn why.
 */
async function offerConsequences(
	ctx: CommandContext,
	row: Selectable<RequestsTable>,
	view: RequestView
): Promise<Selectable<RequestsTable>[]> {
	if (row.status === 'withdrawn') {
		const last = await ctx.tx
			.selectFrom('request_events')
			.select('event')
			.where('request_id', '=', row.id)
			.orderBy('seq', 'desc')
			.executeTakeFirst();
		if (last?.event === 'acceptElsewhere')
			throw new Refusal('acceptedElsewhere', 'offer.acceptedElsewhere', toRequest(row, view));
	}
	// Any other status: the machine refuses the offer.
	if (row.status !== 'registered') return [];
	const year = await childYearRequests(ctx.tx, row);
	const self = year.find((r) => r.row.id === row.id) ?? { row, online: true };
	const conflict = oneHeldOffer(ranked(self), year.map(ranked));
	if (conflict.kind === 'refuse')
		throw new Refusal(conflict.code, `offer.${conflict.code}`, toRequest(row, view));
	if (conflict.kind === 'free') return [];
	return year.filter((r) => conflict.ids.includes(r.row.id)).map((r) => r.row);
}

/**
 * What a concluded contract means for the child's other requests, in the same transaction (no Kita
 * can act on them in between): open ones close as `placedElsewhere` (closesOnContractElsewhere),
 * and a Wechselwunsch contract ends the earlier contract — each a system step with its effects.
 * Returns the requests it changed.
 */
export async function applyContract(
	ctx: CommandContext,
	contract: Pick<Selectable<RequestsTable>, 'id' | 'child_id' | 'change_request' | 'contracted_at'>
): Promise<string[]> {
	const { end, close } = await contractSteps(ctx.tx, contract, ctx.now);
	for (const r of end)
		await transitionRequest(
			ctx,
			r.row,
			{ event: 'endForChange', actor: 'system', reason: 'changeContract' },
			'office'
		);
	// The reason never names the other Kita: staff of this Kita only learn that a contract exists.
	for (const r of close)
		await transitionRequest(
			ctx,
			r.row,
			{ event: 'placeElsewhere', actor: 'system', reason: 'contractElsewhere' },
			'office'
		);
	await touchChildRequests(ctx.tx, contract.child_id, await ctx.seq());
	return [...end, ...close].map((r) => r.id);
}

async function contractSteps(
	db: Executor,
	contract: Pick<Selectable<RequestsTable>, 'id' | 'child_id' | 'change_request' | 'contracted_at'>,
	now: Date
) {
	const others = await db
		.selectFrom('requests')
		.selectAll()
		.where('child_id', '=', contract.child_id)
		.execute();
	const shaped = others.map((row) => ({
		row,
		id: row.id,
		status: row.status as RequestStatus,
		changeRequest: row.change_request === 1,
		registeredAt: row.registered_at
	}));
	return contractConsequences(
		{ id: contract.id, changeRequest: contract.change_request === 1 },
		shaped,
		contract.contracted_at ?? now.toISOString()
	);
}
