// The server's side of formatted-texts.ts: the query `/api/public/formatted` takes, and its answer.
import { z } from '$lib/domain/zod';
import type { Day } from '$lib/domain/calendar-day';
import { daySchema } from '$lib/domain/schema-parts';
import { formatDay, formatNumber, today } from '$lib/format';
import { dayKey, numberKey, type FormattedNumber, type FormattedTexts } from '$lib/formatted-texts';
import { locales, type Locale } from '$lib/i18n/runtime';

/** As many as a Kita page with every Kita year needs, and a bound on what one request makes. */
const MAX_ITEMS = 40;

/** A number and its fraction digits as the query carries it: `1.5:1`. */
const numberItem = z
	.string()
	.regex(/^-?\d{1,6}(\.\d{1,17})?(e-\d{1,3})?:[0-3]$/, { message: 'invalidNumber' })
	.transform((item) => {
		const at = item.lastIndexOf(':');
		return { value: Number(item.slice(0, at)), digits: Number(item.slice(at + 1)) };
	});

/** The query of `/api/public/formatted`, as `formattedPath` writes it. */
export const formattedQuerySchema = z.object({
	locale: z.enum(locales),
	days: z.array(daySchema).max(MAX_ITEMS),
	numbers: z.array(numberItem).max(MAX_ITEMS)
});

/** The server's side: formats each in the language the caller runs in (`withLocale`). */
export function formatAll(
	locale: Locale,
	days: readonly Day[],
	numbers: readonly FormattedNumber[]
): FormattedTexts {
	const texts: Record<string, string> = {};
	for (const day of days) texts[dayKey(day)] = formatDay(day);
	for (const number of numbers) texts[numberKey(number)] = formatNumber(number.value, number.digits);
	return { locale, today: today(), texts };
}
