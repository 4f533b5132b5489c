// Plain-language texts for refused mutations in the "needs attention" list: what was refused, named
// as the user knows it (which child, which Kita, which guardian and which of their details), why the
// server refused it, and what to do next. Every (mutation, reason) pair the server can give
// (src/lib/sync/refusals.ts) has its own text; the generic one is for reasons this version does not
// know (a newer server) and still names the change.
import type { Day } from '$lib/domain/calendar-day';
import type { MutationName } from '$lib/domain/mutations';
import {
	REQUEST_STATUSES,
	transitionFor,
	type PlacementEvent,
	type RequestStatus
} from '$lib/domain/placement';
import { formatDateTime, formatDay } from '$lib/format';
import { requestStatusLabel } from '$lib/labels-status';
import { rejectReasonLabel } from '$lib/labels-staff';
import { m } from '$lib/i18n/messages';
import type { ActedBy } from '$lib/sync/protocol';
import {
	TEMPORARY_REFUSALS,
	type AnyMutationRefusal,
	type RefusalCode,
	type RefusalOf
} from '$lib/sync/refusals';
import { NO_NAMES, type RejectionNames } from './change-names';
import { errorMessage } from './form-errors';

export { NO_NAMES, type RejectionNames } from './change-names';

export type NextStep =
	/** Drop the local change (its form's draft) and pull the server's data. */
	| { kind: 'reload' }
	/**
	 * Send the change again: the cause was temporary, or (with `args`) someone acted first but the
	 * same step is still possible from where the request stands now.
	 */
	| { kind: 'retry'; args?: unknown }
	/** Copy what the user typed (a comment, a note) to the clipboard, to use it again. */
	| { kind: 'copy'; text: string }
	| { kind: 'link'; href: string; label: string };

/** One value the user had entered, with its field's name. */
export interface TypedValue {
	label: string;
	value: string;
}

export interface RejectionText {
	what: string;
	why: string;
	/** What the user had entered with the change, readable (dates and hours formatted, codes named). */
	typed: TypedValue[];
	/** How things stand now and who made it so (a role), or '' when the refusal carried no state. */
	now: string;
	/** True when neither the device nor the refusal can say which child and Kita it was about. */
	namesMissing: boolean;
	/** The sentence saying so. */
	missingNote: string;
	next: NextStep[];
	/** True when the reason is one this version has no text for (the generic one is shown). */
	unknownReason: boolean;
}

export interface RejectionInput {
	name: string;
	args?: unknown;
	code: string;
	current?: unknown;
	actedBy?: ActedBy;
	actedAt?: string;
}

type Args = Record<string, unknown>;
type Text = (args: Args, names: RejectionNames) => string;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function childName(names: RejectionNames, childId: string): string {
	return names.children.get(childId) ?? m.rej_some_child();
}

function kitaName(names: RejectionNames, facilityId: string): string {
	return names.facilities.get(facilityId) ?? m.rej_some_kita();
}

/** A request the refusal carried as `current` (the server's state, as the user may see it). */
function currentRequest(current: unknown): { id: string; childId: string; facilityId: string } | null {
	if (!current || typeof current !== 'object') return null;
	const row = current as Args;
	return typeof row.id === 'string' && typeof row.childId === 'string' && typeof row.facilityId === 'string'
		? { id: row.id, childId: row.childId, facilityId: row.facilityId }
		: null;
}

/** Child and Kita of a request, from the device or from the refusal's `current` request. */
function ofRequest(args: Args, names: RejectionNames): { child: string; kita: string } {
	const request = names.requests.get(str(args.requestId));
	return {
		child: request ? childName(names, request.childId) : m.rej_some_child(),
		kita: request ? kitaName(names, request.facilityId) : m.rej_some_kita()
	};
}

function ofChildminding(args: Args, names: RejectionNames): { child: string } {
	const row = names.childminding.get(str(args.id));
	return { child: row ? childName(names, row.childId) : m.rej_some_child() };
}

function ofDuplicate(args: Args, names: RejectionNames): { child: string; kita: string } {
	const row = names.duplicates.get(str(args.candidateId));
	return {
		child: row ? childName(names, row.childId) : m.rej_some_child(),
		kita: row?.facilityName ?? (row?.facilityId ? kitaName(names, row.facilityId) : m.rej_some_kita())
	};
}

const GUARDIAN_GROUPS = {
	name: ['firstName', 'lastName'],
	address: ['street', 'postcode', 'town'],
	contact: ['phone', 'email']
} as const;

/** Which of a guardian's details the change was about, compared with what the server holds. */
function guardianText(args: Args, names: RejectionNames): string {
	const position = Number(args.position) === 2 ? 2 : 1;
	const stored = names.guardians.get(str(args.id)) as Record<string, unknown> | undefined;
	const changed = stored
		? (Object.keys(GUARDIAN_GROUPS) as (keyof typeof GUARDIAN_GROUPS)[]).filter((group) =>
				GUARDIAN_GROUPS[group].some((field) => (args[field] ?? '') !== (stored[field] ?? ''))
			)
		: [];
	if (changed.length === 1) {
		if (changed[0] === 'name') return m.rej_guardian_name({ position });
		if (changed[0] === 'address') return m.rej_guardian_address({ position });
		return m.rej_guardian_contact({ position });
	}
	return m.rej_guardian_all({ position });
}

/** What was refused, per mutation. */
const WHAT: Record<MutationName, Text> = {
	saveGuardian: guardianText,
	saveChild: (args, names) => {
		const child = `${str(args.firstName)} ${str(args.lastName)}`.trim() || m.rej_some_child();
		return names.children.has(str(args.id)) ? m.rej_child_change({ child }) : m.rej_child_new({ child });
	},
	submitRegistration: (args, names) => {
		const items = Array.isArray(args.items) ? (args.items as Args[]) : [];
		const kita = items.map((item) => kitaName(names, str(item.facilityId))).join(', ') || m.rej_some_kita();
		return m.rej_registration({ child: childName(names, str(args.childId)), kita });
	},
	updateRequest: (args, names) => m.rej_update_request(ofRequest(args, names)),
	rankRequests: (args, names) => m.rej_rank({ child: childName(names, str(args.childId)) }),
	withdrawRequest: (args, names) => m.rej_withdraw_request(ofRequest(args, names)),
	answerOffer: (args, names) =>
		args.answer === 'decline'
			? m.rej_decline_offer(ofRequest(args, names))
			: m.rej_accept_offer(ofRequest(args, names)),
	submitChildminding: (args, names) => m.rej_childminding({ child: childName(names, str(args.childId)) }),
	withdrawChildminding: (args, names) => m.rej_withdraw_childminding(ofChildminding(args, names)),
	answerLinkQuestion: (args, names) => m.rej_link_answer(ofDuplicate(args, names)),
	makeOffer: (args, names) => m.rej_offer(ofRequest(args, names)),
	withdrawOffer: (args, names) => m.rej_withdraw_offer(ofRequest(args, names)),
	rejectRequest: (args, names) => m.rej_reject(ofRequest(args, names)),
	recordAnswer: (args, names) => m.rej_record_answer(ofRequest(args, names)),
	concludeContract: (args, names) => m.rej_contract(ofRequest(args, names)),
	createWalkin: (args, names) => {
		const child = (args.child ?? {}) as Args;
		return m.rej_walkin({
			child: `${str(child.firstName)} ${str(child.lastName)}`.trim() || m.rej_some_child(),
			kita: kitaName(names, str(args.facilityId))
		});
	},
	renewClaimCode: (args, names) =>
		m.rej_claim_code({ child: names.families.get(str(args.familyId)) ?? m.rej_some_child() }),
	decideDuplicate: (args, names) => m.rej_duplicate({ child: ofDuplicate(args, names).child }),
	auditRead: (args, names) =>
		args.kind === 'queueExport'
			? m.rej_audit_export({ kita: kitaName(names, str(args.id)) })
			: m.rej_audit_request({ child: ofRequest({ requestId: args.id }, names).child }),
	saveFacility: (args, names) =>
		m.rej_facility({ kita: names.facilities.get(str(args.id)) ?? str(args.name) }),
	setCapacities: (args, names) => m.rej_capacities({ kita: kitaName(names, str(args.facilityId)) }),
	saveFacilityInfo: (args, names) => m.rej_facility_info({ kita: kitaName(names, str(args.facilityId)) }),
	saveKitaYear: (args) => m.rej_kita_year({ year: str(args.id) }),
	childmindingTransition: (args, names) => m.rej_childminding_step(ofChildminding(args, names)),
	saveChildmindingNote: (args, names) => m.rej_childminding_note(ofChildminding(args, names))
};

/** Texts for some reasons; the spreads below keep their keys, so WHY is checked whole. */
type Why = Partial<Record<RefusalCode, Text>>;

// Reasons that read the same whatever the change was (sync.push's own, and rule texts).
const ANY: Record<AnyMutationRefusal, Text> = {
	notPermitted: () => m.refusal_not_permitted(),
	invalidInput: () => m.refusal_invalid_input(),
	idTaken: () => m.refusal_id_taken(),
	serverError: () => m.rej_why_server_error()
};

const REQUEST_STEP = {
	notFound: () => m.rej_why_request_not_found(),
	staleStatus: () => m.rej_why_stale_request(),
	notAllowed: () => m.refusal_not_allowed(),
	wrongActor: () => m.rej_why_wrong_actor()
} satisfies Why;
const PARENT_REQUEST = {
	...REQUEST_STEP,
	linkedElsewhere: () => m.refusal_linked_elsewhere(),
	registeredElsewhere: () => m.refusal_registered_elsewhere()
} satisfies Why;
const OWN_CHILD = {
	notFound: () => m.rej_why_child_not_found(),
	linkedElsewhere: () => m.refusal_linked_elsewhere()
} satisfies Why;
const RULES = {
	invalidRegistration: () => m.refusal_invalid_registration(),
	noKitaYear: () => m.issue_no_kita_year()
} satisfies Why;
const DUPLICATE = {
	notFound: () => m.rej_why_question_not_found(),
	staleStatus: () => m.rej_why_stale_duplicate(),
	alreadyLinked: () => m.staff_refusal_already_linked()
} satisfies Why;
const FACILITY = { notFound: () => m.rej_why_facility_not_found() } satisfies Why;
const CHILDMINDING = {
	notFound: () => m.rej_why_childminding_not_found(),
	staleStatus: () => m.rej_why_stale_childminding(),
	notAllowed: () => m.refusal_not_allowed(),
	wrongActor: () => m.rej_why_wrong_actor()
} satisfies Why;

/** Why it was refused, per mutation and reason. */
const WHY: { [N in MutationName]: Record<RefusalOf<N>, Text> & Why } = {
	saveGuardian: {
		notFound: () => m.rej_why_guardian_not_found(),
		positionTaken: (args) => m.rej_why_position_taken({ position: Number(args.position) === 2 ? 2 : 1 })
	},
	saveChild: { notBorn: () => m.error_not_born(), notFound: () => m.rej_why_child_not_found() },
	submitRegistration: {
		...OWN_CHILD,
		...RULES,
		duplicateKita: () => m.rej_why_duplicate_kita(),
		facilityNotFound: () => m.rej_why_kita_gone(),
		alreadyRegistered: () => m.refusal_already_registered()
	},
	updateRequest: { ...PARENT_REQUEST, ...RULES },
	rankRequests: OWN_CHILD,
	withdrawRequest: PARENT_REQUEST,
	answerOffer: { ...PARENT_REQUEST, offerLapsed: () => m.refusal_offer_lapsed() },
	submitChildminding: {
		...OWN_CHILD,
		startBeforeBirth: () => m.issue_start_before_birth(),
		startInPast: () => m.issue_start_in_past()
	},
	withdrawChildminding: {
		...CHILDMINDING,
		linkedElsewhere: () => m.refusal_linked_elsewhere(),
		registeredElsewhere: () => m.rej_why_childminding_elsewhere()
	},
	answerLinkQuestion: DUPLICATE,
	makeOffer: {
		...REQUEST_STEP,
		invalidOffer: () => m.staff_refusal_invalid_offer(),
		offersNotYetOpen: () => m.refusal_offers_not_yet_open(),
		kitaYearEnded: () => m.issue_year_ended()
	},
	withdrawOffer: REQUEST_STEP,
	rejectRequest: REQUEST_STEP,
	recordAnswer: { ...REQUEST_STEP, offerLapsed: () => m.refusal_offer_lapsed() },
	concludeContract: REQUEST_STEP,
	createWalkin: {
		...RULES,
		notBorn: () => m.error_not_born(),
		facilityNotFound: () => m.rej_why_kita_gone(),
		idTaken: () => m.staff_refusal_id_taken()
	},
	renewClaimCode: {
		notFound: () => m.rej_why_family_not_found(),
		alreadyClaimed: () => m.staff_refusal_already_claimed()
	},
	decideDuplicate: DUPLICATE,
	auditRead: { notFound: () => m.rej_why_request_not_found() },
	saveFacility: {
		...FACILITY,
		unknownMunicipality: () => m.office_refusal_unknown_municipality(),
		openRequests: () => m.office_refusal_open_requests()
	},
	setCapacities: FACILITY,
	saveFacilityInfo: FACILITY,
	saveKitaYear: {
		notFound: () => m.rej_why_year_not_found(),
		invalidKitaYear: () => m.office_refusal_invalid_kita_year(),
		requestsOutsideYear: () => m.office_refusal_requests_outside_year()
	},
	childmindingTransition: CHILDMINDING,
	saveChildmindingNote: { notFound: () => m.rej_why_childminding_not_found() }
};

/** Where the thing can be looked at now, per mutation (none for the read log). */
function linkOf(name: MutationName, args: Args, names: RejectionNames): NextStep | null {
	const link = (href: string, label: string): NextStep => ({ kind: 'link', href, label });
	switch (name) {
		case 'saveGuardian':
		case 'saveChild':
		case 'answerLinkQuestion':
			return link('/familie', m.rej_action_family());
		case 'submitRegistration':
		case 'updateRequest':
		case 'rankRequests':
		case 'withdrawRequest':
		case 'answerOffer':
		case 'withdrawChildminding':
			return link('/meine-anmeldungen', m.rej_action_requests());
		case 'submitChildminding':
			return link('/kindertagespflege', m.rej_action_childminding());
		case 'makeOffer':
		case 'withdrawOffer':
		case 'rejectRequest':
		case 'recordAnswer':
		case 'concludeContract':
			return link(`/kita/anfrage/${encodeURIComponent(str(args.requestId))}`, m.rej_action_request());
		case 'createWalkin':
			return link('/kita/vor-ort', m.rej_action_walkin());
		case 'renewClaimCode':
			return link('/kita', m.rej_action_kita());
		case 'decideDuplicate':
			return link('/kita/dubletten', m.rej_action_duplicates());
		case 'auditRead':
			return null;
		case 'saveFacility':
			return link(`/verwaltung/kitas/${encodeURIComponent(str(args.id))}`, m.rej_action_kita());
		case 'setCapacities':
		case 'saveFacilityInfo':
			return names.staff
				? link(name === 'setCapacities' ? '/kita/plaetze' : '/kita/angaben', m.rej_action_kita())
				: link(`/verwaltung/kitas/${encodeURIComponent(str(args.facilityId))}`, m.rej_action_kita());
		case 'saveKitaYear':
			return link('/verwaltung/kindergartenjahre', m.rej_action_years());
		case 'childmindingTransition':
		case 'saveChildmindingNote':
			return link(`/fachberatung/${encodeURIComponent(str(args.id))}`, m.rej_action_request());
	}
}

function isKnownMutation(name: string): name is MutationName {
	return Object.hasOwn(WHAT, name);
}

/** Issue codes of the server's schemas that the general form messages do not know. */
const ISSUE_TEXT: Record<string, () => string> = {
	phoneRequired: m.staff_walkin_phone_required,
	privacyNotSigned: m.staff_walkin_privacy_missing
};

/**
 * What the server found invalid (e.g. a walk-in without a phone number, from an older device whose
 * form let it through), in the device's language: appended to the reason of an `invalidInput`.
 */
function invalidDetails(code: string, current: unknown): string[] {
	const issues = (current as { issues?: unknown } | undefined)?.issues;
	if (code !== 'invalidInput' || !Array.isArray(issues)) return [];
	return [
		...new Set(
			issues
				.map((i) => (i as { message?: unknown }).message)
				.filter((c): c is string => typeof c === 'string')
				.map((c) => ISSUE_TEXT[c]?.() ?? errorMessage(c))
		)
	];
}

/** A day as the user's language writes it, or the raw text when it is not a day. */
function day(value: unknown): string {
	const text = str(value);
	return /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatDay(text as Day) : text;
}

function hours(value: unknown): string {
	return typeof value === 'number' ? m.hours_per_week({ hours: value }) : '';
}

/** A request's terms as typed: start, hours, change request, comment (empty ones left out). */
function termsOf(args: Args, startLabel = m.rej_label_start()): TypedValue[] {
	return [
		{ label: startLabel, value: day(args.startDate) },
		{ label: m.rej_label_hours(), value: hours(args.weeklyHours) },
		{ label: m.rej_label_change(), value: args.changeRequest === true ? m.rej_yes() : '' },
		{ label: m.rej_label_comment(), value: str(args.comment) }
	];
}

function answerOf(args: Args): TypedValue[] {
	return [
		{
			label: m.rej_label_answer(),
			value: args.answer === 'decline' ? m.rej_answer_decline() : m.rej_answer_accept()
		}
	];
}

/** What the user typed with the change, per mutation; mutations without typed values have none. */
function typedOf(name: MutationName, args: Args, names: RejectionNames): TypedValue[] {
	switch (name) {
		case 'updateRequest':
		case 'submitChildminding':
			return termsOf(args);
		case 'submitRegistration':
			return (Array.isArray(args.items) ? (args.items as Args[]) : []).map((item) => ({
				label: kitaName(names, str(item.facilityId)),
				value: termsOf(item)
					.filter((t) => t.value)
					.map((t) => `${t.label}: ${t.value}`)
					.join('; ')
			}));
		case 'createWalkin':
			return [
				{ label: m.rej_label_birth(), value: day((args.child as Args | undefined)?.birthDate) },
				...termsOf(args)
			];
		case 'makeOffer':
			return [
				{ label: m.rej_label_start(), value: day(args.startDate) },
				{ label: m.rej_label_hours(), value: hours(args.weeklyHours) },
				{ label: m.rej_label_note(), value: str(args.note) }
			];
		case 'rejectRequest':
			return [
				{ label: m.rej_label_reason(), value: rejectReasonLabel(str(args.reason)) },
				{ label: m.rej_label_note(), value: str(args.note) }
			];
		case 'answerOffer':
		case 'recordAnswer':
			return answerOf(args);
		case 'saveGuardian':
			return [
				{ label: m.rej_label_name(), value: `${str(args.firstName)} ${str(args.lastName)}`.trim() },
				{
					label: m.rej_label_address(),
					value: [str(args.street), `${str(args.postcode)} ${str(args.town)}`.trim()]
						.filter(Boolean)
						.join(', ')
				},
				{ label: m.rej_label_phone(), value: str(args.phone) },
				{ label: m.rej_label_email(), value: str(args.email) }
			];
		case 'saveChild':
			return [{ label: m.rej_label_birth(), value: day(args.birthDate) }];
		case 'saveChildmindingNote':
			return [{ label: m.rej_label_note(), value: str(args.note) }];
		default:
			return [];
	}
}

/** The free texts the user typed (comments, notes): what "copy the text" copies. */
function freeTextOf(args: Args): string {
	const items = Array.isArray(args.items) ? (args.items as Args[]) : [];
	return [args.comment, args.note, ...items.map((item) => item.comment)]
		.map(str)
		.filter((text) => text.trim() !== '')
		.join('\n\n');
}

const ACTED_BY_TEXT: Record<ActedBy, () => string> = {
	kita: m.rej_by_kita,
	colleague: m.rej_by_colleague,
	youthOffice: m.rej_by_youth_office,
	family: m.rej_by_family,
	system: m.rej_by_system,
	you: m.rej_by_you
};

/** How it stands now and who made it so: "Vertragsangebot – von der Kita, am 2. Dez. 2026, 10:00". */
function nowOf(rejection: RejectionInput): string {
	const status = describeCurrent(rejection.current);
	const by = rejection.actedBy ? ACTED_BY_TEXT[rejection.actedBy]?.() : undefined;
	if (!status || !by) return status;
	const at = rejection.actedAt ? new Date(rejection.actedAt) : null;
	return at && !Number.isNaN(at.getTime())
		? m.rej_now_by_at({ status, by, time: formatDateTime(at) })
		: m.rej_now_by({ status, by });
}

/** Someone acted first on the request, and the server said who: "… inzwischen von der Kita geändert". */
function staleBy(name: MutationName, rejection: RejectionInput): string | null {
	const by = rejection.actedBy ? ACTED_BY_TEXT[rejection.actedBy]?.() : undefined;
	return rejection.code === 'staleStatus' && by && stepOf(name, {}) ? m.rej_why_stale_by({ by }) : null;
}

/** The placement step a request mutation asked for, and who asks for it. */
function stepOf(name: MutationName, args: Args): { event: PlacementEvent; actor: 'parent' | 'staff' } | null {
	const answer: PlacementEvent = args.answer === 'decline' ? 'decline' : 'accept';
	switch (name) {
		case 'withdrawRequest':
			return { event: 'withdraw', actor: 'parent' };
		case 'updateRequest':
			return { event: 'update', actor: 'parent' };
		case 'answerOffer':
			return { event: answer, actor: 'parent' };
		case 'recordAnswer':
			return { event: answer, actor: 'staff' };
		case 'makeOffer':
			return { event: 'offer', actor: 'staff' };
		case 'withdrawOffer':
			return { event: 'withdrawOffer', actor: 'staff' };
		case 'rejectRequest':
			return { event: 'reject', actor: 'staff' };
		case 'concludeContract':
			return { event: 'contract', actor: 'staff' };
		default:
			return null;
	}
}

function statusOf(current: unknown): RequestStatus | null {
	const status = (current as { status?: unknown } | undefined)?.status;
	return (REQUEST_STATUSES as readonly unknown[]).includes(status) ? (status as RequestStatus) : null;
}

/**
 * Someone acted first, but the same step is still one the user may take from where the request
 * stands now (e.g. declining an offer that was accepted on another device): sent again with the
 * status the user now sees.
 */
function retryFromHere(name: MutationName, args: Args, rejection: RejectionInput): NextStep | null {
	const status = statusOf(rejection.current);
	const step = stepOf(name, args);
	if (rejection.code !== 'staleStatus' || !status || !step) return null;
	const row = transitionFor(status, step.event);
	return row?.actors.includes(step.actor)
		? { kind: 'retry', args: { ...args, expectedStatus: status } }
		: null;
}

/** Steps that follow from how the request stands now (a parent's withdrawal met by an offer). */
function stepsFromHere(name: MutationName, rejection: RejectionInput, names: RejectionNames): NextStep[] {
	const status = statusOf(rejection.current);
	const request = currentRequest(rejection.current);
	if (
		name === 'withdrawRequest' &&
		!names.staff &&
		request &&
		(status === 'offered' || status === 'accepted')
	)
		return [
			{
				kind: 'link',
				href: `/meine-anmeldungen#r-${encodeURIComponent(request.id)}`,
				label: m.rej_action_decline_offer()
			}
		];
	return [];
}

/** Whether the device can name the child and Kita (or child-minding request) the change was about. */
function namesMissing(args: Args, names: RejectionNames): boolean {
	const knows = (childId: string | undefined, facilityId?: string) =>
		childId !== undefined &&
		names.children.has(childId) &&
		(facilityId === undefined || names.facilities.has(facilityId));
	if (typeof args.requestId === 'string') {
		const request = names.requests.get(args.requestId);
		return !knows(request?.childId, request?.facilityId);
	}
	if (typeof args.candidateId === 'string') return !knows(names.duplicates.get(args.candidateId)?.childId);
	if (typeof args.childId === 'string') return !knows(args.childId);
	return false;
}

/** The device's names, with the refusal's `current` request added when the device does not hold it. */
function withCurrent(names: RejectionNames, current: unknown): RejectionNames {
	const request = currentRequest(current);
	if (!request || names.requests.has(request.id)) return names;
	return { ...names, requests: new Map([...names.requests, [request.id, request]]) };
}

/** The whole text of one refused mutation, with its next steps. */
/** What a change was, in the same words (the lost-changes notice names changes the server never got). */
export function describeChange(name: string, args: unknown, names: RejectionNames = NO_NAMES): string {
	const a = (args && typeof args === 'object' ? args : {}) as Args;
	return isKnownMutation(name) ? WHAT[name](a, names) : m.rej_unknown_mutation({ name });
}

/** The text for a code as the server sent it: a newer server may name a reason this version lacks. */
function textFor(table: Why, code: string): Text | undefined {
	return (table as Partial<Record<string, Text>>)[code];
}

export function describeRejection(
	rejection: RejectionInput,
	names: RejectionNames = NO_NAMES
): RejectionText {
	const args = (rejection.args && typeof rejection.args === 'object' ? rejection.args : {}) as Args;
	const code = rejection.code;
	if (!isKnownMutation(rejection.name)) {
		const why = textFor(ANY, code);
		return {
			what: m.rej_unknown_mutation({ name: rejection.name }),
			why: why ? why(args, names) : m.rej_why_unknown({ code }),
			typed: [],
			now: nowOf(rejection),
			namesMissing: false,
			missingNote: m.rej_names_missing(),
			next: [{ kind: 'reload' }],
			unknownReason: !why
		};
	}
	const name = rejection.name;
	names = withCurrent(names, rejection.current);
	const why = textFor(WHY[name], code) ?? textFor(ANY, code);
	const next: NextStep[] = [];
	if ((TEMPORARY_REFUSALS as readonly string[]).includes(code)) next.push({ kind: 'retry' });
	const again = retryFromHere(name, args, rejection);
	if (again) next.push(again);
	next.push(...stepsFromHere(name, rejection, names));
	const text = freeTextOf(args);
	if (text) next.push({ kind: 'copy', text });
	if (name !== 'auditRead') next.push({ kind: 'reload' });
	const link = linkOf(name, args, names);
	if (link) next.push(link);
	return {
		what: WHAT[name](args, names),
		why:
			staleBy(name, rejection) ??
			(why
				? [why(args, names), ...invalidDetails(code, rejection.current)].join(' ')
				: m.rej_why_unknown({ code })),
		typed: typedOf(name, args, names).filter((t) => t.value.trim() !== ''),
		now: nowOf(rejection),
		namesMissing: namesMissing(args, names),
		missingNote: m.rej_names_missing(),
		next,
		unknownReason: !why
	};
}

/** The server's current state, when the refusal carried a request or child-minding request. */
export function describeCurrent(current: unknown): string {
	const status = (current as { status?: string } | undefined)?.status;
	if (status && status in requestStatusLabel) return requestStatusLabel[status as RequestStatus]();
	return '';
}

/** The drafts a refused change leaves in its form: dropped with "reload the server's data". */
export function draftsOf(rejection: RejectionInput): string[] {
	const args = (rejection.args ?? {}) as Args;
	if (rejection.name === 'saveGuardian') return [`guardian-${Number(args.position) === 2 ? 2 : 1}`];
	if (rejection.name === 'saveChild') return [`child-${str(args.id)}`];
	return [];
}
