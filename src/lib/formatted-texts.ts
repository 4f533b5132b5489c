// Days and numbers of a page the server renders, as the server formatted them, for the browser to
// reuse while it hydrates that page. The first Intl object of a page costs ICU's start-up, 80–130 ms
// on a phone (Chromium at 4× CPU; whichever locale, time zone or kind), one long task at every
// first visit of the start page and each Kita page (docs/perf/i16-profile.md). The server has the
// texts anyway: its render made them. SvelteKit runs the page's load again in the browser with the
// answers its fetches got on the server (inlined in the page), so the texts come as such an answer
// (`/api/public/formatted`, formatted-texts.server.ts); a page the browser renders itself formats them
// as before. No schema here: zod is not in these pages' first load.
import type { Day } from '$lib/domain/calendar-day';
import { formatDay, formatNumber, today } from '$lib/format';
import { getLocale, type Locale } from '$lib/i18n/runtime';

export const FORMATTED_PATH = '/api/public/formatted';

export interface FormattedNumber {
	value: number;
	digits: number;
}

/** What the server answers: the texts in `locale`, and its day (the page's "today" as rendered). */
export interface FormattedTexts {
	locale: Locale;
	today: Day;
	texts: Record<string, string>;
}

/** The keys of `texts`. */
export const dayKey = (day: Day) => `d:${day}`;
export const numberKey = ({ value, digits }: FormattedNumber) => `n${digits}:${value}`;

/** The address that formats `days` and `numbers` in `locale` (each once). */
export function formattedPath(
	locale: Locale,
	days: readonly Day[],
	numbers: readonly FormattedNumber[]
): string {
	const query = new URLSearchParams({ locale });
	for (const day of new Set(days)) query.append('day', day);
	for (const item of new Set(numbers.map((n) => `${n.value}:${n.digits}`))) query.append('number', item);
	return `${FORMATTED_PATH}?${query}`;
}

/**
 * The page's side: the server's texts while the page shows their language (a reload changes it),
 * else — a text the server did not make, a page rendered in the browser — formatted here.
 */
export function formatting(formatted: FormattedTexts | undefined) {
	const known = formatted?.locale === getLocale() ? formatted : undefined;
	return {
		day: (day: Day): string => known?.texts[dayKey(day)] ?? formatDay(day),
		number: (value: number, digits = 0): string =>
			known?.texts[numberKey({ value, digits })] ?? formatNumber(value, digits),
		today: (): Day => known?.today ?? today()
	};
}
