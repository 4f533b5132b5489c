// The feedback form of the accessibility statement (BITV 2.0 § 7): report a barrier, ask for content
// in an accessible form, or anything else. Shared by the form and the server; errors are codes.
import { z } from './zod';
import { localeSchema } from './account';
import { FEEDBACK_KINDS, FEEDBACK_MESSAGE_MAX } from './feedback-kinds';

export { FEEDBACK_KINDS, FEEDBACK_MESSAGE_MAX, type FeedbackKind } from './feedback-kinds';

const optionalText = (max: number) => z.string().trim().max(max, 'tooLong').default('');

export const feedbackSchema = z
	.object({
		kind: z.enum(FEEDBACK_KINDS, 'required'),
		page: optionalText(300),
		message: z.string('required').trim().min(1, 'required').max(FEEDBACK_MESSAGE_MAX, 'tooLong'),
		name: optionalText(200),
		email: z
			.string()
			.trim()
			.toLowerCase()
			.max(254, 'emailInvalid')
			.refine((value) => value === '' || z.email().safeParse(value).success, 'emailInvalid')
			.default(''),
		wantsReply: z.boolean().default(false),
		/** The UI language, so that an answer can be written in it. */
		locale: localeSchema.default('de')
	})
	.refine((value) => !value.wantsReply || value.email !== '', { message: 'required', path: ['email'] });

export type FeedbackInput = z.input<typeof feedbackSchema>;
export type Feedback = z.output<typeof feedbackSchema>;

/** One entry as admins read it. */
export interface FeedbackEntry extends Omit<Feedback, 'locale'> {
	id: string;
	createdAt: string;
	locale: string;
	fromAccount: boolean;
	handledAt: string | null;
}
