// Issue 13, points 15 and 16: a number in a text agrees with the words around it in every language
// ("1 Änderung", "2 Änderungen"; "4 أشهر", "11 شهرًا"; "72 години"). So every message that shows a
// counted number is a plural message, selected by that number, in each of the seven languages.
import { describe, expect, it } from 'vitest';
import { catalogue, LOCALES, type Message, type Variant } from '../../../tests/i18n/catalogues';

/** Placeholder names that carry a count or an amount. */
const NUMERIC =
	/^(count|n|number_of\w*|minutes|hours|days|weeks|months|years|rest|free|places|total|shown|children|km|mean|median)$/;

/**
 * Numbers that no word agrees with, in any language: a counter in brackets or after a colon
 * ("Achtung (3)", "Ausgewählt: 3"), the first number of "3 von 10" (the noun follows the second),
 * the capacity in "2 von 10 frei" and the statistics after a colon.
 */
const STANDS_ALONE: Record<string, string[]> = {
	nav_attention: ['count'],
	nav_link_questions: ['count'],
	registration_take_bookmarks: ['count'],
	account_mfa_on: ['count'],
	admin_invite_kitas_chosen: ['count'],
	staff_dup_decided: ['count'],
	staff_dup_waiting: ['count'],
	office_carry_waiting: ['count'],
	staff_pager_status: ['total'],
	// "… senden (3)": the offers of a round's proposal, a counter on the button
	staff_round_send: ['count'],
	// "Wunsch 2 von 3": a position out of a total, no counted noun in any language
	check_rank_value: ['rank', 'count'],
	// "Platz 3 von 12 in dieser Liste": the same, in the Kita's ranking (issue 17)
	staff_move_now: ['total'],
	// "Gefundene Kinder: 2"
	office_hardship_found: ['count'],
	// shown formatted ("10.012"); the plural follows `count`, the same number as a value
	staff_queue_count: ['shown', 'total'],
	staff_queue_incomplete: ['shown', 'total'],
	// "1.200 von 4.800 Anmeldungen": the same, while a first sync runs (issue 14, point 8)
	first_sync_requests: ['total'],
	first_sync_rows: ['total'],
	facility_places_free: ['places'],
	// "Angezeigt: 20 von 66": the finder's hits shown of those found, after a colon, no counted noun
	finder_shown: ['shown', 'total'],
	report_kitas_explain: ['mean', 'median']
};

function texts(message: Message): string[] {
	return typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match));
}

function numericPlaceholders(key: string, message: Message): string[] {
	const names = new Set(
		texts(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))
	);
	if (typeof message !== 'string')
		for (const v of message)
			for (const d of v.declarations ?? []) if (d.startsWith('input ')) names.add(d.slice(6).trim());
	const alone = STANDS_ALONE[key] ?? [];
	return [...names].filter((n) => NUMERIC.test(n) && !alone.includes(n)).sort();
}

/** The input a plural message selects on (its selector's `local x = input: plural`). */
function pluralInput(message: Message): string | undefined {
	if (typeof message === 'string' || message.length !== 1) return undefined;
	const [variant] = message as [Variant];
	const selector = variant.selectors?.[0];
	const declaration = variant.declarations?.find((d) => d.startsWith(`local ${selector} =`));
	return /^local \w+ = (\w+): plural$/.exec(declaration ?? '')?.[1];
}

describe('numbers in the message catalogue', () => {
	const base = catalogue('de');

	it('finds the counted numbers (the test looks at the real catalogue)', () => {
		const counted = Object.keys(base).filter((k) => numericPlaceholders(k, base[k] ?? '').length > 0);
		expect(counted).toEqual(expect.arrayContaining(['finder_count', 'age_months', 'logout_unsynced_text']));
		expect(counted.length).toBeGreaterThan(30);
	});

	describe.each(LOCALES)('%s', (locale) => {
		const messages = catalogue(locale);

		it('selects every message with a counted number by that number (a plural message)', () => {
			const wrong: string[] = [];
			for (const [key, message] of Object.entries(messages)) {
				const numbers = numericPlaceholders(key, base[key] ?? message);
				if (numbers.length === 0) continue;
				// one counted number per message: a second one needs its own message
				if (numbers.length > 1) wrong.push(`${key}: more than one counted number (${numbers.join(', ')})`);
				else if (pluralInput(message) !== numbers[0]) wrong.push(`${key}: not a plural of ${numbers[0]}`);
			}
			expect(wrong).toEqual([]);
		});
	});

	it('writes out the forms a language distinguishes, where the word changes (spot checks)', () => {
		const render = (locale: string, key: string, n: number): string => {
			const message = catalogue(locale)[key];
			if (!message || typeof message === 'string') return String(message);
			const [variant] = message as [Variant];
			const category = new Intl.PluralRules(locale).select(n);
			const selector = variant.selectors?.[0] ?? '';
			const text = variant.match[`${selector}=${category}`] ?? variant.match[`${selector}=*`] ?? '';
			return text.replaceAll(/\{(\w+)\}/g, String(n));
		};
		expect(render('de', 'age_years', 1)).toBe('1 Jahr');
		expect(render('de', 'age_years', 3)).toBe('3 Jahren');
		expect(render('de', 'staff_age_years', 1)).toBe('1 Jahr');
		expect(render('de', 'staff_age_months', 9)).toBe('9 Monate');
		expect(render('de', 'sync_pending', 1)).toBe('1 Änderung noch nicht übertragen');
		expect(render('de', 'auth_err_rate_limited', 1)).toContain('in 1 Minute erneut');
		expect(render('en', 'logout_unsynced_text', 1)).toContain('1 change that has');
		expect(render('ar', 'age_months', 4)).toBe('4 أشهر');
		expect(render('ar', 'age_months', 11)).toBe('11 شهرًا');
		expect(render('ar', 'staff_age_cell', 4)).toContain('4 أشهر');
		expect(render('ru', 'staff_age_years', 5)).toBe('5 лет');
		expect(render('uk', 'staff_age_months', 3)).toBe('3 місяці');
		expect(render('pl', 'staff_age_years', 22)).toBe('22 lata');
		expect(render('pl', 'staff_age_years', 25)).toBe('25 lat');
	});
});
