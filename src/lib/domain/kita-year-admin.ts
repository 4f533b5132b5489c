// The youth office sets the dates of each Kita year. The rules here keep them in the order the
// registration cycle needs (DESIGN.md): registration opens, the preferred deadline, the Kitas'
// review, offers, the end of allocation — and a year that does not overlap another.
import { z } from './zod';
import { addMonths, compareDays, dayParts } from './calendar-day';
import type { KitaYearId } from './ids';
import { kitaYearLabel, kitaYearStartYear, type KitaYear } from './kita-year';
import { daySchema } from './schema-parts';

export const MAX_OFFER_RESPONSE_DAYS = 90;

export const kitaYearInputSchema = z.object({
	id: z.string().refine((id) => kitaYearStartYear(id) !== null, { message: 'invalidKitaYear' }),
	startsOn: daySchema,
	endsOn: daySchema,
	registrationOpensOn: daySchema,
	preferredDeadline: daySchema,
	reviewEndsOn: daySchema,
	offersFrom: daySchema,
	allocationEndsOn: daySchema,
	offerResponseDays: z
		.int({ message: 'invalidNumber' })
		.min(1, { message: 'invalidNumber' })
		.max(MAX_OFFER_RESPONSE_DAYS, { message: 'invalidNumber' })
});
export type KitaYearInput = z.infer<typeof kitaYearInputSchema>;

/** The date fields in the order a year runs through them (for forms and messages). */
export const KITA_YEAR_DATE_FIELDS = [
	'registrationOpensOn',
	'preferredDeadline',
	'reviewEndsOn',
	'offersFrom',
	'allocationEndsOn',
	'startsOn',
	'endsOn'
] as const satisfies readonly (keyof KitaYearInput)[];
export type KitaYearDateField = (typeof KITA_YEAR_DATE_FIELDS)[number];

export type KitaYearIssueCode =
	'startYearMismatch' | 'endBeforeStart' | 'tooLong' | 'notAfter' | 'afterEnd' | 'afterStart' | 'overlaps';

export interface KitaYearIssue {
	field: KitaYearDateField | 'id';
	code: KitaYearIssueCode;
	/** The field it must come after (notAfter), or the other year's id (overlaps). */
	other?: string;
}

/**
 * Problems with a year's dates, each on the field to correct:
 * - the year starts in the calendar year its id names (`2026-27` starts in 2026) and ends after it
 *   starts, at most 13 months later;
 * - registrationOpensOn ≤ preferredDeadline ≤ reviewEndsOn ≤ offersFrom ≤ allocationEndsOn ≤ endsOn;
 * - registration opens and offers start no later than the year itself;
 * - it overlaps no other configured year.
 */
export function checkKitaYear(
	input: KitaYearInput,
	others: readonly Pick<KitaYear, 'id' | 'startsOn' | 'endsOn'>[]
): KitaYearIssue[] {
	const issues: KitaYearIssue[] = [];
	const startYear = kitaYearStartYear(input.id);
	if (startYear !== null && dayParts(input.startsOn).year !== startYear)
		issues.push({ field: 'startsOn', code: 'startYearMismatch' });
	if (compareDays(input.endsOn, input.startsOn) <= 0)
		issues.push({ field: 'endsOn', code: 'endBeforeStart' });
	else if (compareDays(input.endsOn, addMonths(input.startsOn, 13)) > 0)
		issues.push({ field: 'endsOn', code: 'tooLong' });
	const chain: KitaYearDateField[] = [
		'registrationOpensOn',
		'preferredDeadline',
		'reviewEndsOn',
		'offersFrom',
		'allocationEndsOn'
	];
	for (let i = 1; i < chain.length; i++) {
		const before = chain[i - 1] as KitaYearDateField;
		const field = chain[i] as KitaYearDateField;
		if (compareDays(input[field], input[before]) < 0) issues.push({ field, code: 'notAfter', other: before });
	}
	if (compareDays(input.allocationEndsOn, input.endsOn) > 0)
		issues.push({ field: 'allocationEndsOn', code: 'afterEnd' });
	for (const field of ['registrationOpensOn', 'offersFrom'] as const)
		if (compareDays(input[field], input.startsOn) > 0) issues.push({ field, code: 'afterStart' });
	for (const other of others) {
		if (other.id === input.id) continue;
		if (compareDays(input.startsOn, other.endsOn) <= 0 && compareDays(other.startsOn, input.endsOn) <= 0)
			issues.push({ field: 'startsOn', code: 'overlaps', other: other.id });
	}
	return issues;
}

/** The stored year for valid input: the label follows from the id. */
export function kitaYearFromInput(input: KitaYearInput): KitaYear {
	const startYear = kitaYearStartYear(input.id);
	if (startYear === null) throw new RangeError(`Not a Kita year id: ${input.id}`);
	return { ...input, id: input.id as KitaYearId, label: kitaYearLabel(startYear) };
}
