// Who may do what to which row, and when — one table for every sync mutation and every role-gated
// tRPC procedure. The server enforces it (push, tRPC); the pull sends each request and child-minding
// row with the actions its reader may take (`permittedActions`), and pages draw buttons from those.
import type { ChildmindingStatus } from './childminding';
import { CHILDMINDING_TRANSITIONS } from './childminding';
import type { KitaYear } from './kita-year';
import type { MutationName } from './mutations';
import {
	guardContextAt,
	transitionFor,
	type Actor,
	type GuardCode,
	type PlacementEvent,
	type RequestStatus
} from './placement';
import type { Role } from './roles';

// What reaches the first load of pages is kept apart with what it needs, so that a page gating its
// route or showing a child-minding button does not load the placement machine: the audiences are
// in audiences.ts, the child-minding re-check in childminding-actions.ts. This module names them all.
export { AUDIENCES, audienceOfRoute, mayEnter, type Audience } from './audiences';
export { childmindingActionsNow } from './childminding-actions';

/** Who asks: the session's role, user and (for Kita staff) the Kitas they work at. */
export interface ActorFacts {
	role: Role;
	userId: string;
	facilityIds: readonly string[];
}

/** What an action on a request may look at. */
export interface RequestFacts {
	status: RequestStatus;
	facilityId: string;
	/**
	 * Made by the actor's own family (parents): a link merges the view, not the control — a walk-in's
	 * request linked into the family's child is acted on by the Kita only.
	 */
	ownRegistration: boolean;
	offerExpiresAt: string | null;
}

/** What an action on a child-minding request may look at. */
export interface ChildmindingFacts {
	status: ChildmindingStatus;
	/** Sent by the actor's own family (parents); as with requests, only that family withdraws it. */
	ownFamily: boolean;
}

/** The clock time guards are checked at: the server's on a mutation, the device's for display. */
export interface Clock {
	now: Date;
	/** The Kita year of the request (offers window). */
	kitaYear: KitaYear;
}

/** What a user may do to a request: the placement events people (not the system) start. */
export const REQUEST_ACTIONS = [
	'offer',
	'withdrawOffer',
	'reject',
	'accept',
	'decline',
	'contract',
	'withdraw',
	'update'
] as const satisfies readonly PlacementEvent[];
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** What a user may do to a child-minding request: its events, and the Fachberatung's note. */
export const CHILDMINDING_ACTIONS = ['contact', 'place', 'close', 'withdraw', 'note'] as const;
export type ChildmindingAction = (typeof CHILDMINDING_ACTIONS)[number];

/** One rule: the roles that may send the action at all, and the row actions it carries out. */
export interface Rule {
	readonly roles: readonly Role[];
	/** The request actions this mutation carries (relation and status: `requestRefusal`). */
	readonly request?: readonly RequestAction[];
	/** The child-minding actions this mutation carries (`childmindingActionAllowed`). */
	readonly childminding?: readonly ChildmindingAction[];
	/**
	 * The finer rule, in words, where it is not on a row above: checked by the command against the
	 * database (own family, own Kita), which a pure function cannot see.
	 */
	readonly relation?: string;
}

const OWN_FAMILY = 'the actor’s own family and the children it holds';
const OWN_KITA = 'a Kita the staff member works at';

/** Every sync mutation. A mutation without a rule is a compile error here and a test failure. */
export const MUTATION_RULES = {
	saveGuardian: { roles: ['parent'], relation: OWN_FAMILY },
	saveChild: { roles: ['parent'], relation: OWN_FAMILY },
	submitRegistration: { roles: ['parent'], relation: OWN_FAMILY },
	updateRequest: { roles: ['parent'], request: ['update'] },
	rankRequests: { roles: ['parent'], relation: OWN_FAMILY },
	withdrawRequest: { roles: ['parent'], request: ['withdraw'] },
	answerOffer: { roles: ['parent'], request: ['accept', 'decline'] },
	submitChildminding: { roles: ['parent'], relation: OWN_FAMILY },
	withdrawChildminding: { roles: ['parent'], childminding: ['withdraw'] },
	answerLinkQuestion: { roles: ['parent'], relation: 'a question asked of the family holding the child' },
	makeOffer: { roles: ['staff'], request: ['offer'] },
	withdrawOffer: { roles: ['staff'], request: ['withdrawOffer'] },
	rejectRequest: { roles: ['staff'], request: ['reject'] },
	recordAnswer: { roles: ['staff'], request: ['accept', 'decline'] },
	concludeContract: { roles: ['staff'], request: ['contract'] },
	createWalkin: { roles: ['staff'], relation: OWN_KITA },
	renewClaimCode: { roles: ['staff'], relation: `a walk-in family with a request at ${OWN_KITA}` },
	decideDuplicate: { roles: ['staff'], relation: `a duplicate suggestion of ${OWN_KITA}` },
	auditRead: { roles: ['staff'], relation: `a request or export of ${OWN_KITA}` },
	moveInQueue: { roles: ['staff'], relation: `two requests of ${OWN_KITA} and the same Kita year` },
	sendRoundProposal: { roles: ['staff'], relation: `an offer round's proposal for ${OWN_KITA}` },
	changeRoundProposal: {
		roles: ['staff'],
		relation: `an offer round's proposal for ${OWN_KITA}; a child added waits there`
	},
	saveFacility: { roles: ['admin'] },
	setCapacities: { roles: ['admin'] },
	saveFacilityInfo: { roles: ['admin', 'staff'], relation: `staff: ${OWN_KITA}` },
	saveKitaYear: { roles: ['admin'] },
	childmindingTransition: { roles: ['childminding'], childminding: ['contact', 'place', 'close'] },
	saveChildmindingNote: { roles: ['childminding'], childminding: ['note'] }
} as const satisfies Record<MutationName, Rule>;

/** Every role-gated tRPC procedure, by its path. */
export const PROCEDURE_RULES = {
	'adminAccounts.list': { roles: ['admin'] },
	'adminAccounts.invite': { roles: ['admin'] },
	'adminAccounts.resendInvite': { roles: ['admin'] },
	'adminAccounts.deactivate': { roles: ['admin'] },
	'adminAccounts.reactivate': { roles: ['admin'] },
	'adminAccounts.endSessions': { roles: ['admin'] },
	'adminAccounts.assignFacilities': { roles: ['admin'] },
	'family.claim': { roles: ['parent'] },
	'feedback.list': { roles: ['admin'] },
	'feedback.markHandled': { roles: ['admin'] },
	'youthOffice.openRequests': { roles: ['admin'] },
	'youthOffice.kitaYearStatus': { roles: ['admin'] },
	'youthOffice.closeAllocation': { roles: ['admin'] },
	'youthOffice.report': { roles: ['admin'] },
	'youthOffice.roundProposal': { roles: ['admin'] },
	'youthOffice.startRound': { roles: ['admin'] },
	'youthOffice.rounds': { roles: ['admin'] },
	'youthOffice.audit': { roles: ['admin'] },
	'youthOffice.duplicates': { roles: ['admin'] },
	'youthOffice.decideDuplicate': { roles: ['admin'] },
	'youthOffice.findChildren': { roles: ['admin'] },
	'youthOffice.hardshipCases': { roles: ['admin'] },
	'youthOffice.recordHardship': { roles: ['admin'] },
	'privacy.export': { roles: ['parent'], relation: OWN_FAMILY },
	'privacy.deletionBlockers': { roles: ['parent'], relation: OWN_FAMILY },
	'privacy.deleteAccount': { roles: ['parent'], relation: 'the actor’s own account' }
} as const satisfies Record<string, Rule>;
export type ProcedurePath = keyof typeof PROCEDURE_RULES;

/**
 * The procedures open to every caller (`public`), to a password-checked session still before its
 * second factor (`session`), or to any logged-in user whatever the role (`user`). Listed so that a
 * new procedure is either here or in PROCEDURE_RULES (the permission walk checks both).
 */
export const OPEN_PROCEDURES = {
	'sync.pull': 'public',
	'sync.push': 'user',
	'sync.poke': 'public',
	'auth.me': 'public',
	'auth.sessionInfo': 'user',
	'auth.extendSession': 'user',
	'auth.captchaChallenge': 'public',
	'auth.signUp': 'public',
	'auth.tokenStatus': 'public',
	'auth.confirmEmail': 'public',
	'auth.resendConfirmation': 'public',
	'auth.login': 'public',
	'auth.verifyMfa': 'session',
	'auth.mfaSetupStart': 'session',
	'auth.mfaSetupFinish': 'session',
	'auth.requestPasswordReset': 'public',
	'auth.resetPassword': 'public',
	'auth.acceptInvite': 'public',
	'auth.logout': 'public',
	'account.profile': 'user',
	'account.setLocale': 'user',
	'account.changePassword': 'user',
	'account.requestEmailChange': 'user',
	'account.disableMfa': 'user',
	'dev.mailbox': 'public',
	'feedback.submit': 'public'
} as const satisfies Record<string, 'public' | 'session' | 'user'>;

// Merged once: every push and every role-checked call asks (a CPU profile of the push showed the
// merge per call).
const ALL_RULES: Record<string, Rule> = { ...MUTATION_RULES, ...PROCEDURE_RULES };

/** May `role` send this mutation or call this procedure at all? Unknown names are refused. */
export function roleMay(action: MutationName | string, role: Role): boolean {
	const rule = Object.hasOwn(ALL_RULES, action) ? ALL_RULES[action] : undefined;
	return !!rule && rule.roles.includes(role);
}

/** The placement machine's actor a role acts as on a request it is related to. */
function requestActor(actor: ActorFacts, row: RequestFacts): Actor | null {
	if (actor.role === 'staff') return actor.facilityIds.includes(row.facilityId) ? 'staff' : null;
	if (actor.role === 'parent') return row.ownRegistration ? 'parent' : null;
	return null;
}

/** Why a request action is refused (null: it may happen). */
export type RequestRefusal = 'notPermitted' | 'notAllowed' | GuardCode;

/**
 * May `actor` take `action` on this request now? By role (a rule grants it), relation (own Kita,
 * own registration), the placement machine (a row for the status) and, given a clock, its guards.
 * Without a clock the guards are left to whoever has one.
 */
export function requestRefusal(
	actor: ActorFacts,
	action: RequestAction,
	row: RequestFacts,
	clock: Clock | null
): RequestRefusal | null {
	const granted = Object.values(MUTATION_RULES).some(
		(rule: Rule) => rule.roles.includes(actor.role) && (rule.request ?? []).includes(action)
	);
	const as = requestActor(actor, row);
	if (!granted || !as) return 'notPermitted';
	const transition = transitionFor(row.status, action);
	if (!transition || !transition.actors.includes(as)) return 'notAllowed';
	return clock ? (transition.guard?.(guardContextAt(row, clock.kitaYear, clock.now)) ?? null) : null;
}

/** The actions `actor` may take on this request (at `clock`, or leaving time guards open), in order. */
export function permittedRequestActions(
	actor: ActorFacts,
	row: RequestFacts,
	clock: Clock | null
): RequestAction[] {
	return REQUEST_ACTIONS.filter((action) => requestRefusal(actor, action, row, clock) === null);
}

/**
 * The time guards of the server's answer, re-checked at the device's clock for display: an offer
 * whose answer time passed loses "accept" before the expiry job runs, and a status the device
 * changed itself (a change still in its outbox) keeps only what the machine allows from there.
 */
export function actionsNow<A extends RequestAction>(
	permitted: readonly A[],
	row: { status: RequestStatus; offerExpiresAt: string | null },
	clock: Clock
): A[] {
	const ctx = guardContextAt(row, clock.kitaYear, clock.now);
	return permitted.filter((action) => {
		const transition = transitionFor(row.status, action);
		return !!transition && (transition.guard?.(ctx) ?? null) === null;
	});
}

/** The time guard that holds back an action the server permitted (e.g. `offerLapsed`), if any. */
export function blockedNow(
	action: RequestAction,
	row: { status: RequestStatus; offerExpiresAt: string | null },
	clock: Clock
): GuardCode | null {
	return transitionFor(row.status, action)?.guard?.(guardContextAt(row, clock.kitaYear, clock.now)) ?? null;
}

/** May `actor` take `action` on this child-minding request? */
export function childmindingActionAllowed(
	actor: ActorFacts,
	action: ChildmindingAction,
	row: ChildmindingFacts
): boolean {
	const granted = Object.values(MUTATION_RULES).some(
		(rule: Rule) => rule.roles.includes(actor.role) && (rule.childminding ?? []).includes(action)
	);
	if (!granted) return false;
	// Every adviser of the Fachberatung holds every child-minding request; a parent only its own.
	if (actor.role === 'parent' && !row.ownFamily) return false;
	if (action === 'note') return true;
	const as = actor.role === 'childminding' ? 'childminding' : 'parent';
	return CHILDMINDING_TRANSITIONS.some(
		(t) => t.from === row.status && t.event === action && t.actors.includes(as)
	);
}

/** The actions `actor` may take on this child-minding request, in order. */
export function permittedChildmindingActions(
	actor: ActorFacts,
	row: ChildmindingFacts
): ChildmindingAction[] {
	return CHILDMINDING_ACTIONS.filter((action) => childmindingActionAllowed(actor, action, row));
}
