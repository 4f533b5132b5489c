// The building blocks of the portal's input schemas, each defined once (issue 15): a day, weekly
// hours, a free-text comment, a German postcode. Error messages are codes; the client translates
// them (form-errors.ts, account-errors.ts).
import { z } from './zod';
import { isDay } from './calendar-day';
import { WEEKLY_HOURS } from './facility';

/** A calendar day as 'YYYY-MM-DD' (see calendar-day.ts). */
export const daySchema = z.string().refine(isDay, { message: 'invalidDate' });

/** 25, 35 or 45 hours a week: the care times of NRW's KiBiz. */
export const weeklyHoursSchema = z.literal(WEEKLY_HOURS);

/** What a parent or staff member writes to a request. */
export const commentSchema = z.string().trim().max(2000, { message: 'tooLong' });

/** Five digits; an empty field is the caller's decision (required or optional). */
export const postcodeSchema = z
	.string()
	.trim()
	.regex(/^\d{5}$/, { message: 'invalidPostcode' });
