// Why it was refused, per mutation and reason: every (mutation, reason) pair the server can give
// (src/lib/sync/refusals.ts) has its own text.
import { type MutationName } from '$lib/domain/mutations';
import { m } from '$lib/i18n/messages';
import { type AnyMutationRefusal, type RefusalCode, type RefusalOf } from '$lib/sync/refusals';
import { type Text } from './types';

/** Texts for some reasons; the spreads below keep their keys, so WHY is checked whole. */
export type Why = Partial<Record<RefusalCode, Text>>;

// Reasons that read the same whatever the change was (sync.push's own, and rule texts).
export const ANY: Record<AnyMutationRefusal, Text> = {
	notPermitted: () => m.refusal_not_permitted(),
	invalidInput: () => m.refusal_invalid_input(),
	idTaken: () => m.refusal_id_taken(),
	serverError: () => m.rej_why_server_error()
};

export const REQUEST_STEP = {
	notFound: () => m.rej_why_request_not_found(),
	staleStatus: () => m.rej_why_stale_request(),
	notAllowed: () => m.refusal_not_allowed(),
	wrongActor: () => m.rej_why_wrong_actor()
} satisfies Why;
export const PARENT_REQUEST = {
	...REQUEST_STEP,
	linkedElsewhere: () => m.refusal_linked_elsewhere(),
	registeredElsewhere: () => m.refusal_registered_elsewhere()
} satisfies Why;
export const OWN_CHILD = {
	notFound: () => m.rej_why_child_not_found(),
	linkedElsewhere: () => m.refusal_linked_elsewhere()
} satisfies Why;
export const RULES = {
	invalidRegistration: () => m.refusal_invalid_registration(),
	noKitaYear: () => m.issue_no_kita_year()
} satisfies Why;
export const DUPLICATE = {
	notFound: () => m.rej_why_question_not_found(),
	staleStatus: () => m.rej_why_stale_duplicate(),
	alreadyLinked: () => m.staff_refusal_already_linked()
} satisfies Why;
export const FACILITY = { notFound: () => m.rej_why_facility_not_found() } satisfies Why;
export const CHILDMINDING = {
	notFound: () => m.rej_why_childminding_not_found(),
	staleStatus: () => m.rej_why_stale_childminding(),
	notAllowed: () => m.refusal_not_allowed(),
	wrongActor: () => m.rej_why_wrong_actor()
} satisfies Why;

export const ROUND = {
	notFound: () => m.rej_why_round_not_found(),
	staleStatus: () => m.rej_why_round_stale(),
	roundLapsed: () => m.rej_why_round_lapsed()
} satisfies Why;

/** Why it was refused, per mutation and reason. */
export const WHY: { [N in MutationName]: Record<RefusalOf<N>, Text> & Why } = {
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
	updateRequest: { ...PARENT_REQUEST, ...RULES, alreadyRegistered: () => m.refusal_already_registered() },
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
		kitaYearEnded: () => m.issue_year_ended(),
		holdsHigherChoice: () => m.rej_why_holds_higher_choice(),
		acceptedElsewhere: () => m.rej_why_accepted_elsewhere(),
		roundLapsed: () => m.rej_why_round_lapsed()
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
	moveInQueue: {
		notFound: () => m.rej_why_queue_move_not_found(),
		notAllowed: () => m.rej_why_queue_move_too_many()
	},
	sendRoundProposal: ROUND,
	changeRoundProposal: {
		...ROUND,
		notFound: () => m.rej_why_round_child_not_found(),
		notInProposal: () => m.rej_why_round_not_in_proposal(),
		alreadyInProposal: () => m.rej_why_round_already_in_proposal(),
		notWaiting: () => m.rej_why_round_not_waiting(),
		notAllowed: () => m.rej_why_round_too_many_changes()
	},
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

/** The text for a code as the server sent it: a newer server may name a reason this version lacks. */
export function textFor(table: Why, code: string): Text | undefined {
	return (table as Partial<Record<string, Text>>)[code];
}
