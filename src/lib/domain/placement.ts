// The placement state machine of one Request (DESIGN.md) as a single table. The client runs it
// to show buttons and apply actions optimistically; the server re-runs it and alone decides.
import { compareDays, dayOfInstant, type Day } from './calendar-day';
import { offersOpen, type KitaYear } from './kita-year';

export const REQUEST_STATUSES = [
	'registered',
	'offered',
	'accepted',
	'contracted',
	'rejected',
	'declined',
	'expired',
	'withdrawn',
	'placedElsewhere',
	// Let go for an offer the parents ranked higher ("zugunsten eines höher gewünschten Angebots
	// freigegeben"): a child holds one offer per Kita year (issue 17).
	'released'
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Statuses in which a request still competes for a place; a contract elsewhere closes them. */
export const OPEN_STATUSES = [
	'registered',
	'offered',
	'accepted'
] as const satisfies readonly RequestStatus[];
export type OpenStatus = (typeof OPEN_STATUSES)[number];

export const PLACEMENT_EVENTS = [
	'offer',
	'withdrawOffer',
	'accept',
	'decline',
	'expire',
	'contract',
	'reject',
	'withdraw',
	'placeElsewhere',
	'endForChange',
	'update',
	'carryOver',
	'release',
	'acceptElsewhere',
	'reinstate'
] as const;
export type PlacementEvent = (typeof PLACEMENT_EVENTS)[number];

/** `staff` means staff of the request's Kita (or the youth office); checking that is permissions' job. */
export const ACTORS = ['parent', 'staff', 'system'] as const;
export type Actor = (typeof ACTORS)[number];

export const GUARD_CODES = ['offersNotYetOpen', 'kitaYearEnded', 'offerLapsed', 'offerNotDue'] as const;
export type GuardCode = (typeof GUARD_CODES)[number];

export const REFUSAL_CODES = ['staleStatus', 'notAllowed', 'wrongActor', ...GUARD_CODES] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/**
 * Why an offer must wait although the machine allows it: the child holds an offer the parents
 * ranked higher, or has accepted a place in that Kita year (oneHeldOffer).
 */
export const OFFER_CONFLICT_CODES = ['holdsHigherChoice', 'acceptedElsewhere'] as const;
export type OfferConflictCode = (typeof OFFER_CONFLICT_CODES)[number];

/** What guards may look at. The server passes its own clock; a client's answer is only a preview. */
export interface GuardContext {
	/** The day in Europe/Berlin. */
	today: Day;
	now: Date;
	/** The Kita year the request is for. */
	kitaYear: KitaYear;
	/** Set while the request is `offered`. */
	offerExpiresAt: Date | null;
}

/** Returns why the transition may not happen now, or `null` if it may. */
export type Guard = (ctx: GuardContext) => GuardCode | null;

export interface Transition {
	readonly from: RequestStatus;
	readonly event: PlacementEvent;
	readonly to: RequestStatus;
	readonly actors: readonly Actor[];
	readonly guard?: Guard;
}

const offersAllowed: Guard = (ctx) => {
	if (offersOpen(ctx.kitaYear, ctx.today)) return null;
	return compareDays(ctx.today, ctx.kitaYear.endsOn) > 0 ? 'kitaYearEnded' : 'offersNotYetOpen';
};

// An offer without a recorded expiry cannot have lapsed, and is never expired by the job.
const offerStillOpen: Guard = (ctx) =>
	ctx.offerExpiresAt === null || ctx.now.getTime() < ctx.offerExpiresAt.getTime() ? null : 'offerLapsed';

const offerDue: Guard = (ctx) =>
	ctx.offerExpiresAt !== null && ctx.now.getTime() >= ctx.offerExpiresAt.getTime() ? null : 'offerNotDue';

/** Every transition there is; anything not listed is refused. One row per (from, event). */
export const TRANSITIONS: readonly Transition[] = [
	{ from: 'registered', event: 'offer', to: 'offered', actors: ['staff'], guard: offersAllowed },
	{ from: 'offered', event: 'withdrawOffer', to: 'registered', actors: ['staff'] },
	// Staff record an answer the parents gave in person or by phone.
	{ from: 'offered', event: 'accept', to: 'accepted', actors: ['parent', 'staff'], guard: offerStillOpen },
	{ from: 'offered', event: 'decline', to: 'declined', actors: ['parent', 'staff'] },
	{ from: 'accepted', event: 'decline', to: 'declined', actors: ['parent', 'staff'] },
	{ from: 'offered', event: 'expire', to: 'expired', actors: ['system'], guard: offerDue },
	{ from: 'accepted', event: 'contract', to: 'contracted', actors: ['staff'] },
	{ from: 'registered', event: 'reject', to: 'rejected', actors: ['staff'] },
	{ from: 'registered', event: 'withdraw', to: 'withdrawn', actors: ['parent'] },
	// A contract at another Kita closes the child's open requests in the same transaction.
	{ from: 'registered', event: 'placeElsewhere', to: 'placedElsewhere', actors: ['system'] },
	{ from: 'offered', event: 'placeElsewhere', to: 'placedElsewhere', actors: ['system'] },
	{ from: 'accepted', event: 'placeElsewhere', to: 'placedElsewhere', actors: ['system'] },
	// A Wechselwunsch request reached `contracted` elsewhere and replaces this contract.
	{ from: 'contracted', event: 'endForChange', to: 'placedElsewhere', actors: ['system'] },
	// Parents edit start date, hours, comment or rank while nothing has been offered yet.
	{ from: 'registered', event: 'update', to: 'registered', actors: ['parent'] },
	// A request without a place moves on to the next Kita year.
	{ from: 'registered', event: 'carryOver', to: 'registered', actors: ['system'] },
	// One held offer per child and Kita year (oneHeldOffer): a Kita offers a place the parents
	// ranked higher, and the lower offer is let go at once. An acceptance is never released: the
	// family has chosen, and its other requests of the year closed with it.
	{ from: 'offered', event: 'release', to: 'released', actors: ['system'] },
	// Accepting an offer ends the child's other requests of that Kita year at once, not only at the
	// contract (closedOnAcceptance). It is the family's choice, so they end as `withdrawn` — what
	// the family would have done itself, and what the other Kitas may see without learning where
	// the child goes; the history keeps the event (`acceptElsewhere`) that did it.
	{ from: 'registered', event: 'acceptElsewhere', to: 'withdrawn', actors: ['system'] },
	{ from: 'offered', event: 'acceptElsewhere', to: 'withdrawn', actors: ['system'] },
	// The offer that released it is taken back by its own Kita (withdrawOffer): the request waits
	// again, so that no Kita's offer-and-withdraw leaves a family without the offer it held.
	{ from: 'released', event: 'reinstate', to: 'registered', actors: ['system'] }
];

export function transitionFor(status: RequestStatus, event: PlacementEvent): Transition | undefined {
	return TRANSITIONS.find((row) => row.from === status && row.event === event);
}

export type Decision =
	{ ok: true; to: RequestStatus } | { ok: false; code: RefusalCode; current: RequestStatus };

export interface DecideInput {
	status: RequestStatus;
	event: PlacementEvent;
	actor: Actor;
	/** The status the actor saw; a mismatch means someone else acted first (as eVaka checks). */
	expectedStatus?: RequestStatus;
	ctx: GuardContext;
}

/**
 * Whether `actor` may apply `event` to a request in `status`, and the status it leads to.
 * Checks in order: stale status, a row for (status, event), the actor, the row's guard.
 */
export function decide(input: DecideInput): Decision {
	const { status, event, actor, expectedStatus, ctx } = input;
	const refuse = (code: RefusalCode): Decision => ({ ok: false, code, current: status });
	if (expectedStatus !== undefined && expectedStatus !== status) return refuse('staleStatus');
	const row = transitionFor(status, event);
	if (!row) return refuse('notAllowed');
	if (!row.actors.includes(actor)) return refuse('wrongActor');
	const blocked = row.guard?.(ctx) ?? null;
	if (blocked) return refuse(blocked);
	return { ok: true, to: row.to };
}

/**
 * The guards' view of a request at `now`: the server passes its clock and decides; a device passes
 * its own to choose which buttons to show (a lapsed offer shows no accept button before the
 * expiry job has run).
 */
export function guardContextAt(
	request: { offerExpiresAt: string | null },
	kitaYear: KitaYear,
	now: Date
): GuardContext {
	return {
		today: dayOfInstant(now),
		now,
		kitaYear,
		offerExpiresAt: request.offerExpiresAt ? new Date(request.offerExpiresAt) : null
	};
}

/** The events `actor` may apply to a request in `status` now, in table order (for buttons). */
export function permittedEvents(status: RequestStatus, actor: Actor, ctx: GuardContext): PlacementEvent[] {
	return TRANSITIONS.filter(
		(row) => row.from === status && row.actors.includes(actor) && (row.guard?.(ctx) ?? null) === null
	).map((row) => row.event);
}

export function isOpen(status: RequestStatus): status is OpenStatus {
	return (OPEN_STATUSES as readonly RequestStatus[]).includes(status);
}

function instant(value: string, what: string): number {
	const ms = Date.parse(value);
	if (Number.isNaN(ms)) throw new RangeError(`${what} is not a timestamp: ${value}`);
	return ms;
}

/**
 * Whether a contract concluded at another Kita at `contractAt` closes this request as
 * `placedElsewhere`: every open request does, except a change request (Wechselwunsch) registered
 * after the contract — the family wants to move on from exactly that contract. Timestamps are
 * ISO 8601 instants.
 */
export function closesOnContractElsewhere(
	request: { status: RequestStatus; changeRequest: boolean; registeredAt: string },
	contractAt: string
): boolean {
	if (!isOpen(request.status)) return false;
	if (!request.changeRequest) return true;
	return instant(request.registeredAt, 'registeredAt') <= instant(contractAt, 'contractAt');
}

/** A request of the child as the one-held-offer rule sees it. */
export interface RankedRequest {
	id: string;
	kitaYearId: string;
	/** The parents' ranking within the child's Kita year, 1 = first choice. */
	rank: number;
	/**
	 * The rank is the parents' own (an online registration). A walk-in's rank only says in which
	 * order staff entered it; there, staff record the family's choice at the desk, as before.
	 */
	rankedByParents: boolean;
}

export type OfferConflict =
	{ kind: 'free' } | { kind: 'release'; ids: string[] } | { kind: 'refuse'; code: OfferConflictCode };

/**
 * What a new offer for `offered` means for the child's other requests (issue 17: a child never holds
 * more than one open offer or acceptance in a Kita year). An acceptance in that year refuses the
 * offer; a held offer the parents ranked higher refuses it too (the request keeps waiting: that
 * offer may still be declined or lapse); held offers ranked lower are released. Where either side
 * has no ranking by the parents (walk-ins), both offers stand and the family chooses, as before.
 */
export function oneHeldOffer(
	offered: RankedRequest,
	others: readonly (RankedRequest & { status: RequestStatus })[]
): OfferConflict {
	const held = others.filter(
		(r) =>
			r.id !== offered.id &&
			r.kitaYearId === offered.kitaYearId &&
			(r.status === 'offered' || r.status === 'accepted')
	);
	if (held.some((r) => r.status === 'accepted')) return { kind: 'refuse', code: 'acceptedElsewhere' };
	if (!offered.rankedByParents) return { kind: 'free' };
	const comparable = held.filter((r) => r.rankedByParents);
	if (comparable.some((r) => r.rank < offered.rank)) return { kind: 'refuse', code: 'holdsHigherChoice' };
	const ids = comparable.map((r) => r.id);
	return ids.length ? { kind: 'release', ids } : { kind: 'free' };
}

/**
 * The child's requests an acceptance of `accepted` ends at once (`acceptElsewhere`): every other
 * open one of the same Kita year that has not been accepted (none can be: an acceptance refuses
 * further offers).
 */
export function closedOnAcceptance(
	accepted: { id: string; kitaYearId: string },
	others: readonly { id: string; kitaYearId: string; status: RequestStatus }[]
): string[] {
	return others
		.filter(
			(r) =>
				r.id !== accepted.id &&
				r.kitaYearId === accepted.kitaYearId &&
				transitionFor(r.status, 'acceptElsewhere') !== undefined
		)
		.map((r) => r.id);
}

/**
 * The child's requests an offer released and that wait again once its own Kita takes the offer back
 * (`withdrawOffer`): those released while it was held — from its offer on, only it released any (a
 * higher offer would have released it instead) — unless the family has registered at that Kita
 * again for the year meanwhile (one open request per Kita and year).
 */
export function reinstatedOnWithdrawal(
	withdrawn: { id: string; kitaYearId: string; offeredAt: string },
	others: readonly {
		id: string;
		kitaYearId: string;
		facilityId: string;
		status: RequestStatus;
		/** When its status last changed: for a released request, its release. */
		changedAt: string;
	}[]
): string[] {
	const sameYear = others.filter((r) => r.id !== withdrawn.id && r.kitaYearId === withdrawn.kitaYearId);
	const open = new Set(
		sameYear.filter((r) => (OPEN_STATUSES as readonly string[]).includes(r.status)).map((r) => r.facilityId)
	);
	return sameYear
		.filter((r) => r.status === 'released' && r.changedAt >= withdrawn.offeredAt && !open.has(r.facilityId))
		.map((r) => r.id);
}
