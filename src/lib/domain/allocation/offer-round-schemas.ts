// The inputs of the offer rounds' actions (offer-round.ts): the youth office's start and list, the
// staff's send and change. Apart so that pages reading proposals do not load zod.
import { z } from '../zod';
import { daySchema } from '../schema-parts';
import { CHANGE_REASON_MAX, CHANGE_REASON_MIN } from './offer-round';

export const startRoundSchema = z.object({
	kitaYearId: z.string().regex(/^\d{4}-\d{2}$/, { message: 'invalid' }),
	/** Without one: DEFAULT_DEADLINE_WORKING_DAYS working days from today. */
	deadline: daySchema.optional()
});

export const roundsQuerySchema = z.object({
	kitaYearId: z.string().regex(/^\d{4}-\d{2}$/, { message: 'invalid' })
});

export const sendRoundProposalSchema = z.object({ proposalId: z.uuid() });

export const changeRoundProposalSchema = z
	.object({
		proposalId: z.uuid(),
		dropRequestId: z.uuid().nullable(),
		addRequestId: z.uuid().nullable(),
		reason: z
			.string()
			.trim()
			.min(CHANGE_REASON_MIN, { message: 'reasonRequired' })
			.max(CHANGE_REASON_MAX, { message: 'tooLong' })
	})
	.refine((c) => c.dropRequestId !== null || c.addRequestId !== null, {
		message: 'nothingChanged',
		path: ['dropRequestId']
	})
	.refine((c) => c.dropRequestId !== c.addRequestId, {
		message: 'nothingChanged',
		path: ['addRequestId']
	});
