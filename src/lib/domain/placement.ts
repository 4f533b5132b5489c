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
	'placedElsewhere'
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
	'carryOver'
] as const;
export type PlacementEvent = (typeof PLACEMENT_EVENTS)[number];

/** `staff` means staff of the request's Kita (or the youth office); checking that is permissions' job. */
export const ACTORS = ['parent', 'staff', 'system'] as const;
export type Actor = (typeof ACTORS)[number];

export const GUARD_CODES = ['offersNotYetOpen', 'kitaYearEnded', 'offerLapsed', 'offerNotDue'] as const;
export type GuardCode = (typeof GUARD_CODES)[number];

export const REFUSAL_CODES = ['staleStatus', 'notAllowed', 'wrongActor', ...GUARD_CODES] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

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
	{ from: 'registered', event: 'carryOver', to: 'registered', actors: ['system'] }
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
