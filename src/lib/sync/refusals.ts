// Which refusal reasons the server can give for each sync mutation (server/sync/refusal.ts and the
// state machines' codes). The "needs attention" list has a text for every pair; a server test checks
// that every code the server throws is listed here.
import type { MutationName } from '$lib/domain/mutations';

/** Reasons any mutation can get from sync.push itself (server/sync/push.ts). */
export const ANY_MUTATION_REFUSALS = ['notPermitted', 'invalidInput', 'idTaken', 'serverError'] as const;

/** Reasons where the same change may pass when sent again (the cause was on the server's side). */
export const TEMPORARY_REFUSALS: readonly string[] = ['serverError'];

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
	updateRequest: [...PARENT_REQUEST, 'invalidRegistration', 'noKitaYear'],
	rankRequests: ['notFound', 'linkedElsewhere'],
	withdrawRequest: PARENT_REQUEST,
	answerOffer: [...PARENT_REQUEST, 'offerLapsed'],
	submitChildminding: ['notFound', 'linkedElsewhere', 'startBeforeBirth', 'startInPast'],
	withdrawChildminding: [...PARENT_REQUEST],
	answerLinkQuestion: ['notFound', 'staleStatus', 'alreadyLinked'],
	makeOffer: [...REQUEST_STEP, 'invalidOffer', 'offersNotYetOpen', 'kitaYearEnded'],
	withdrawOffer: REQUEST_STEP,
	rejectRequest: REQUEST_STEP,
	recordAnswer: [...REQUEST_STEP, 'offerLapsed'],
	concludeContract: REQUEST_STEP,
	createWalkin: ['notBorn', 'facilityNotFound', 'invalidRegistration', 'noKitaYear'],
	renewClaimCode: ['notFound', 'alreadyClaimed'],
	decideDuplicate: ['notFound', 'staleStatus', 'alreadyLinked'],
	auditRead: ['notFound'],
	saveFacility: ['notFound', 'unknownMunicipality', 'openRequests'],
	setCapacities: ['notFound'],
	saveFacilityInfo: ['notFound'],
	saveKitaYear: ['notFound', 'invalidKitaYear', 'requestsOutsideYear'],
	childmindingTransition: ['notFound', 'staleStatus', 'notAllowed', 'wrongActor'],
	saveChildmindingNote: ['notFound']
} as const satisfies Record<MutationName, readonly string[]>;

/** Every reason the server can give for `name`, its own and those of sync.push. */
export function refusalsOf(name: MutationName): readonly string[] {
	return [...REFUSALS_BY_MUTATION[name], ...ANY_MUTATION_REFUSALS];
}
