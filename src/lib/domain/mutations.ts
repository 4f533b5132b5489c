// Every sync mutation by name, with the zod schema of its arguments. The client validates with the
// same schema before writing to its outbox; the server parses again before running the mutator.
import { z } from './zod';
import { moveInQueueSchema } from './allocation/moves';
import { childInputSchema, guardianInputSchema } from './family';
import { CHILDMINDING_STATUSES } from './childminding';
import { REQUEST_STATUSES } from './placement';
import { commentSchema, daySchema, weeklyHoursSchema } from './schema-parts';
import { facilityInfoSchema, facilityInputSchema, setCapacitiesSchema } from './facility-admin';
import { kitaYearInputSchema } from './kita-year-admin';
import { childmindingNoteSchema, childmindingTransitionSchema } from './youth-office';
import { changeRoundProposalSchema, sendRoundProposalSchema } from './allocation/offer-round-schemas';
import {
	answerLinkQuestionSchema,
	auditReadSchema,
	createWalkinSchema,
	decideDuplicateSchema,
	makeOfferSchema,
	recordAnswerSchema,
	rejectSchema,
	renewClaimCodeSchema,
	transitionOnlySchema
} from './staff';

const requestStatusSchema = z.enum(REQUEST_STATUSES);

export const requestItemSchema = z.object({
	requestId: z.uuid(),
	facilityId: z.uuid(),
	startDate: daySchema,
	weeklyHours: weeklyHoursSchema,
	changeRequest: z.boolean(),
	comment: commentSchema
});
export type RequestItemInput = z.infer<typeof requestItemSchema>;

export const MUTATION_ARGS = {
	saveGuardian: guardianInputSchema,
	saveChild: childInputSchema,
	submitRegistration: z.object({
		registrationId: z.uuid(),
		childId: z.uuid(),
		// No limit on the number of Kitas (DESIGN.md); 100 only bounds a malicious payload.
		items: z.array(requestItemSchema).min(1, { message: 'noKitaChosen' }).max(100)
	}),
	updateRequest: z.object({
		requestId: z.uuid(),
		expectedStatus: requestStatusSchema,
		startDate: daySchema,
		weeklyHours: weeklyHoursSchema,
		changeRequest: z.boolean(),
		comment: commentSchema
	}),
	rankRequests: z.object({
		childId: z.uuid(),
		kitaYearId: z.string().max(20),
		order: z.array(z.uuid()).max(100)
	}),
	withdrawRequest: z.object({ requestId: z.uuid(), expectedStatus: requestStatusSchema }),
	answerOffer: z.object({
		requestId: z.uuid(),
		expectedStatus: requestStatusSchema,
		answer: z.enum(['accept', 'decline'])
	}),
	submitChildminding: z.object({
		id: z.uuid(),
		childId: z.uuid(),
		startDate: daySchema,
		weeklyHours: weeklyHoursSchema,
		comment: commentSchema
	}),
	withdrawChildminding: z.object({ id: z.uuid(), expectedStatus: z.enum(CHILDMINDING_STATUSES) }),
	/** The family's answer to a Kita's "is this your child?" (src/lib/domain/staff.ts). */
	answerLinkQuestion: answerLinkQuestionSchema,
	// Kita staff (src/lib/domain/staff.ts)
	makeOffer: makeOfferSchema,
	withdrawOffer: transitionOnlySchema,
	rejectRequest: rejectSchema,
	recordAnswer: recordAnswerSchema,
	concludeContract: transitionOnlySchema,
	createWalkin: createWalkinSchema,
	renewClaimCode: renewClaimCodeSchema,
	decideDuplicate: decideDuplicateSchema,
	auditRead: auditReadSchema,
	/** A child moved in the Kita's ranking by criteria, with a written reason (allocation/moves.ts). */
	moveInQueue: moveInQueueSchema,
	// Offer rounds (src/lib/domain/allocation/offer-round.ts)
	sendRoundProposal: sendRoundProposalSchema,
	changeRoundProposal: changeRoundProposalSchema,
	// Youth office (src/lib/domain/facility-admin.ts, kita-year-admin.ts, youth-office.ts)
	saveFacility: facilityInputSchema,
	setCapacities: setCapacitiesSchema,
	saveFacilityInfo: facilityInfoSchema,
	saveKitaYear: kitaYearInputSchema,
	childmindingTransition: childmindingTransitionSchema,
	saveChildmindingNote: childmindingNoteSchema
} as const;

export type MutationName = keyof typeof MUTATION_ARGS;
export type MutationArgs<N extends MutationName> = z.infer<(typeof MUTATION_ARGS)[N]>;

export function isMutationName(name: string): name is MutationName {
	return Object.hasOwn(MUTATION_ARGS, name);
}
