// The state machine of a child-minding request (Kindertagespflege), handled by the Fachberatung
// rather than a Kita. Same shape as the placement machine, without dates and guards.

export const CHILDMINDING_STATUSES = ['submitted', 'inContact', 'placed', 'closed', 'withdrawn'] as const;
export type ChildmindingStatus = (typeof CHILDMINDING_STATUSES)[number];

/** Statuses in which the Fachberatung is still working on the request. */
export const OPEN_CHILDMINDING_STATUSES = [
	'submitted',
	'inContact'
] as const satisfies readonly ChildmindingStatus[];
export type OpenChildmindingStatus = (typeof OPEN_CHILDMINDING_STATUSES)[number];

export const CHILDMINDING_EVENTS = ['contact', 'place', 'close', 'withdraw'] as const;
export type ChildmindingEvent = (typeof CHILDMINDING_EVENTS)[number];

/** `childminding` is the Fachberatung role. */
export const CHILDMINDING_ACTORS = ['parent', 'childminding', 'system'] as const;
export type ChildmindingActor = (typeof CHILDMINDING_ACTORS)[number];

export const CHILDMINDING_REFUSAL_CODES = ['staleStatus', 'notAllowed', 'wrongActor'] as const;
export type ChildmindingRefusalCode = (typeof CHILDMINDING_REFUSAL_CODES)[number];

export interface ChildmindingTransition {
	readonly from: ChildmindingStatus;
	readonly event: ChildmindingEvent;
	readonly to: ChildmindingStatus;
	readonly actors: readonly ChildmindingActor[];
}

/** Every transition there is; anything not listed is refused. One row per (from, event). */
export const CHILDMINDING_TRANSITIONS: readonly ChildmindingTransition[] = [
	{ from: 'submitted', event: 'contact', to: 'inContact', actors: ['childminding'] },
	// Placed means a child-minder was found; the funding application and contract happen elsewhere.
	{ from: 'inContact', event: 'place', to: 'placed', actors: ['childminding'] },
	{ from: 'submitted', event: 'close', to: 'closed', actors: ['childminding'] },
	{ from: 'inContact', event: 'close', to: 'closed', actors: ['childminding'] },
	{ from: 'submitted', event: 'withdraw', to: 'withdrawn', actors: ['parent'] },
	{ from: 'inContact', event: 'withdraw', to: 'withdrawn', actors: ['parent'] }
];

export function childmindingTransitionFor(
	status: ChildmindingStatus,
	event: ChildmindingEvent
): ChildmindingTransition | undefined {
	return CHILDMINDING_TRANSITIONS.find((row) => row.from === status && row.event === event);
}

export type ChildmindingDecision =
	| { ok: true; to: ChildmindingStatus }
	| { ok: false; code: ChildmindingRefusalCode; current: ChildmindingStatus };

export interface DecideChildmindingInput {
	status: ChildmindingStatus;
	event: ChildmindingEvent;
	actor: ChildmindingActor;
	/** The status the actor saw; a mismatch means someone else acted first. */
	expectedStatus?: ChildmindingStatus;
}

/** Checks in order: stale status, a row for (status, event), the actor. */
export function decideChildminding(input: DecideChildmindingInput): ChildmindingDecision {
	const { status, event, actor, expectedStatus } = input;
	const refuse = (code: ChildmindingRefusalCode): ChildmindingDecision => ({
		ok: false,
		code,
		current: status
	});
	if (expectedStatus !== undefined && expectedStatus !== status) return refuse('staleStatus');
	const row = childmindingTransitionFor(status, event);
	if (!row) return refuse('notAllowed');
	if (!row.actors.includes(actor)) return refuse('wrongActor');
	return { ok: true, to: row.to };
}

/** The events `actor` may apply to a request in `status`, in table order (for buttons). */
export function permittedChildmindingEvents(
	status: ChildmindingStatus,
	actor: ChildmindingActor
): ChildmindingEvent[] {
	return CHILDMINDING_TRANSITIONS.filter((row) => row.from === status && row.actors.includes(actor)).map(
		(row) => row.event
	);
}

export function isChildmindingOpen(status: ChildmindingStatus): status is OpenChildmindingStatus {
	return (OPEN_CHILDMINDING_STATUSES as readonly ChildmindingStatus[]).includes(status);
}
