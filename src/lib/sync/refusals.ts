// Which refusal reasons the server can give for each sync mutation (server/sync/refusal.ts and the
// state machines' codes). The "needs attention" list has a text for every pair; a server test checks
// that every code the server throws is listed here.
import type { MutationName } from '$lib/domain/mutations';

/** Reasons any mutation can get from sync.push itself (server/sync/push.ts). */
export const ANY_MUTATION_REFUSALS = ['notPermitted', 'invalidInput', 'idTaken', 'serverError'] as const;

/** Reasons where the same change may pass when sent again (the cause was on the server's side). */
export const TEMPORARY_REFUSALS: readonly RefusalCode[] = ['serverError'];

const REQUEST_STEP = ['notFound', 'staleStatus', 'notAllowed', 'wrongActor'] as const;
const PARENT_REQUEST = [...REQUEST_STEP, 'linkedElsewhere', 'registeredElsewhere'] as const;

export const REFUSALS_BY_MUTATION = {
	saveGuardian: ['notFound', 'positionTaken'],
	saveChild: ['notBorn', 'notFound'],
	submitRegistration: [
		'notFound',
		'linkedElsewhere',
		'duplicateKita',
		'facilityNotFound',
		'invalidRegistration',
		'noKitaYear',
		'alreadyRegistered'
	],
	updateRequest: [...PARENT_REQUEST, 'invalidRegistration', 'noKitaYear', 'alreadyRegistered'],
	rankRequests: ['notFound', 'linkedElsewhere'],
	withdrawRequest: PARENT_REQUEST,
	answerOffer: [...PARENT_REQUEST, 'offerLapsed'],
	submitChildminding: ['notFound', 'linkedElsewhere', 'startBeforeBirth', 'startInPast'],
	withdrawChildminding: [...PARENT_REQUEST],
	answerLinkQuestion: ['notFound', 'staleStatus', 'alreadyLinked'],
	// Issue 17: one held offer per child and Kita year (oneHeldOffer in the placement domain).
	makeOffer: [
		...REQUEST_STEP,
		'invalidOffer',
		'offersNotYetOpen',
		'kitaYearEnded',
		'holdsHigherChoice',
		'acceptedElsewhere',
		// An offer of a round's proposal whose send came after the deadline.
		'roundLapsed'
	],
	withdrawOffer: REQUEST_STEP,
	rejectRequest: REQUEST_STEP,
	recordAnswer: [...REQUEST_STEP, 'offerLapsed'],
	concludeContract: REQUEST_STEP,
	createWalkin: ['notBorn', 'facilityNotFound', 'invalidRegistration', 'noKitaYear'],
	renewClaimCode: ['notFound', 'alreadyClaimed'],
	decideDuplicate: ['notFound', 'staleStatus', 'alreadyLinked'],
	auditRead: ['notFound'],
	// notAllowed: MAX_MOVES_PER_REQUEST reached.
	moveInQueue: ['notFound', 'notAllowed'],
	sendRoundProposal: ['notFound', 'staleStatus', 'roundLapsed'],
	changeRoundProposal: [
		'notFound',
		'staleStatus',
		'roundLapsed',
		'notInProposal',
		'alreadyInProposal',
		'notWaiting',
		// MAX_PROPOSAL_CHANGES reached.
		'notAllowed'
	],
	saveFacility: ['notFound', 'unknownMunicipality', 'openRequests'],
	setCapacities: ['notFound'],
	saveFacilityInfo: ['notFound'],
	saveKitaYear: ['notFound', 'invalidKitaYear', 'requestsOutsideYear'],
	childmindingTransition: ['notFound', 'staleStatus', 'notAllowed', 'wrongActor'],
	saveChildmindingNote: ['notFound']
} as const satisfies Record<MutationName, readonly string[]>;

/** A reason sync.push itself can give, whatever the mutation. */
export type AnyMutationRefusal = (typeof ANY_MUTATION_REFUSALS)[number];

/** The reasons of one mutation's own (besides sync.push's). */
export type RefusalOf<N extends MutationName> = (typeof REFUSALS_BY_MUTATION)[N][number];

/**
 * Reasons of steps the server's jobs take (the offer-expiry job's "expire" before the offer is due):
 * never a device's mutation, so never sent to a client.
 */
export const JOB_REFUSALS = ['offerNotDue'] as const;

/** Every reason the server can give: the one vocabulary of refusal codes (issue 15). */
export type RefusalCode = AnyMutationRefusal | RefusalOf<MutationName> | (typeof JOB_REFUSALS)[number];

/** Every reason the server can give for `name`, its own and those of sync.push. */
export function refusalsOf(name: MutationName): readonly RefusalCode[] {
	return [...REFUSALS_BY_MUTATION[name], ...ANY_MUTATION_REFUSALS];
}
