// Turns schema issues into per-field error codes and translated messages for forms.
import type { z } from 'zod';
import { m } from '$lib/i18n/messages';

export type FieldErrors = Record<string, string>;

const MESSAGES: Record<string, () => string> = {
	required: m.error_required,
	tooLong: m.error_too_long,
	invalidDate: m.error_invalid_date,
	invalidPostcode: m.error_invalid_postcode,
	invalidPhone: m.error_invalid_phone,
	invalidEmail: m.error_invalid_email,
	contactRequired: m.error_contact_required,
	notBorn: m.error_not_born,
	noKitaChosen: m.error_no_kita_chosen,
	// youth office forms
	invalidUrl: m.error_invalid_url,
	invalidNumber: m.error_invalid_number,
	hoursRequired: m.error_hours_required,
	duplicateHours: m.error_duplicate_hours,
	ageRangeOrder: m.error_age_range_order,
	duplicateRow: m.error_duplicate_row,
	invalidKitaYear: m.error_invalid_kita_year,
	rangeOrder: m.error_range_order
};

/** A translated message for an error code; unknown codes get a general message, never raw text. */
export function errorMessage(code: string): string {
	return (MESSAGES[code] ?? m.error_invalid)();
}

/** First issue per field, keyed by the dotted path (e.g. `items.0.startDate`). */
export function fieldErrors(error: z.ZodError, prefix = ''): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of error.issues) {
		const key = prefix + issue.path.map(String).join('.');
		out[key] ??= errorMessage(issue.message);
	}
	return out;
}
