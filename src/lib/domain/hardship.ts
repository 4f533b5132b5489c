// A hardship case ("Härtefall") as the youth office decides it for a child (issue 17, point 2): the
// admission criterion `hardship` reads that it was decided, nothing else. What is kept is the day of
// the decision and a short file reference — never the reasons, which stay in the office's files.
import { z } from './zod';
import { daySchema } from './schema-parts';
import type { Day } from './calendar-day';

export const HARDSHIP_REFERENCE_MAX = 30;

/** A file reference such as "51.2-2026/0143": letters, digits and . / - _ and spaces only. */
const referenceSchema = z
	.string()
	.trim()
	.min(1, { message: 'required' })
	.max(HARDSHIP_REFERENCE_MAX, { message: 'tooLong' })
	.regex(/^[\p{L}\p{N}][\p{L}\p{N} ./_-]*$/u, { message: 'invalidReference' });

/** Records a decided hardship case for a child, or takes a recorded one back (a mistake). */
export const recordHardshipSchema = z.discriminatedUnion('decided', [
	z.object({ childId: z.uuid(), decided: z.literal(true), decidedOn: daySchema, reference: referenceSchema }),
	z.object({ childId: z.uuid(), decided: z.literal(false) })
]);
export type RecordHardshipInput = z.infer<typeof recordHardshipSchema>;

/** What the youth office looks a child up by: the name and birth date on the application. */
export const findChildSchema = z.object({
	lastName: z.string().trim().min(1, { message: 'required' }).max(100, { message: 'tooLong' }),
	firstName: z.string().trim().max(100, { message: 'tooLong' }).default(''),
	birthDate: daySchema
});
export type FindChildInput = z.infer<typeof findChildSchema>;

/** A decided hardship case as the youth office sees it. */
export interface HardshipDecision {
	decidedOn: Day;
	reference: string;
}

/** A child the youth office found, with where it is registered and its hardship decision. */
export interface HardshipChild {
	childId: string;
	firstName: string;
	lastName: string;
	birthDate: Day;
	/** The Kitas it has a request at (names). */
	kitas: string[];
	hardship: HardshipDecision | null;
}

/** A decision cannot be dated after today (the youth office records what it decided). */
export function hardshipIssue(input: RecordHardshipInput, today: Day): 'decidedInFuture' | null {
	return input.decided && input.decidedOn > today ? 'decidedInFuture' : null;
}
