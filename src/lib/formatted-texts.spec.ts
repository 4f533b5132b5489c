import { describe, expect, it } from 'vitest';
import type { Day } from './domain/calendar-day';
import { formatDay, formatNumber, today } from './format';
import { formattedPath, formatting, type FormattedTexts } from './formatted-texts';
import { formatAll, formattedQuerySchema } from './formatted-texts.server';
import { withLocale } from './i18n/texts.server';

/** The query of a path as the endpoint reads it. */
function queryOf(path: string) {
	const url = new URL(path, 'http://localhost');
	return {
		locale: url.searchParams.get('locale'),
		days: url.searchParams.getAll('day'),
		numbers: url.searchParams.getAll('number')
	};
}

const DAYS: Day[] = ['2026-08-01', '2027-07-31', '2026-08-01'];
const AGES = [
	{ value: 4 / 12, digits: 1 },
	{ value: 1.5, digits: 1 },
	{ value: 6, digits: 1 }
];

describe('formattedPath and the endpoint’s schema', () => {
	it('reads back what the page asked for, each once', () => {
		const path = formattedPath('uk', DAYS, [...AGES, AGES[1]!]);
		expect(path.startsWith('/api/public/formatted?')).toBe(true);
		const parsed = formattedQuerySchema.parse(queryOf(path));
		expect(parsed).toEqual({ locale: 'uk', days: ['2026-08-01', '2027-07-31'], numbers: AGES });
	});

	it.each([
		['a language the portal does not have', { locale: 'fr', days: [], numbers: [] }],
		['no language', { locale: null, days: [], numbers: [] }],
		['a day that does not exist', { locale: 'de', days: ['2026-02-30'], numbers: [] }],
		['a number without its digits', { locale: 'de', days: [], numbers: ['1.5'] }],
		['more fraction digits than a text shows', { locale: 'de', days: [], numbers: ['1.5:4'] }],
		['a number that is not one', { locale: 'de', days: [], numbers: ['NaN:1'] }],
		['more than 40 days', { locale: 'de', days: Array(41).fill('2026-08-01'), numbers: [] }]
	])('refuses %s', (_what, query) => {
		expect(formattedQuerySchema.safeParse(query).success).toBe(false);
	});
});

describe('formatAll', () => {
	it('formats in the language it runs in, as the page would', () => {
		for (const locale of ['de', 'en', 'ar', 'uk'] as const) {
			const answer = withLocale(locale, () => formatAll(locale, DAYS, AGES));
			const expected = withLocale(locale, () => ({
				day: formatDay('2026-08-01'),
				age: formatNumber(1.5, 1),
				today: today()
			}));
			expect(answer.locale).toBe(locale);
			expect(answer.today).toBe(expected.today);
			expect(answer.texts['d:2026-08-01']).toBe(expected.day);
			expect(answer.texts['n1:1.5']).toBe(expected.age);
		}
		expect(withLocale('de', () => formatAll('de', DAYS, AGES)).texts).toEqual({
			'd:2026-08-01': '01.08.2026',
			'd:2027-07-31': '31.07.2027',
			'n1:0.3333333333333333': '0,3',
			'n1:1.5': '1,5',
			'n1:6': '6'
		});
	});
});

describe('formatting', () => {
	// Texts no formatter would make: whatever the page shows of them came from the server.
	const fromServer: FormattedTexts = {
		locale: 'de',
		today: '2026-03-01',
		texts: { 'd:2026-08-01': 'SERVER-DAY', 'n1:1.5': 'SERVER-AGE' }
	};

	it('takes the server’s texts and day while the page shows their language', () => {
		const format = withLocale('de', () => formatting(fromServer));
		withLocale('de', () => {
			expect(format.day('2026-08-01')).toBe('SERVER-DAY');
			expect(format.number(1.5, 1)).toBe('SERVER-AGE');
			expect(format.today()).toBe('2026-03-01');
			// What the server did not format is formatted here.
			expect(format.day('2027-07-31')).toBe('31.07.2027');
			expect(format.number(1.5, 0)).toBe(formatNumber(1.5, 0));
		});
	});

	it('formats everything itself in another language, or without the server’s texts', () => {
		for (const format of [withLocale('en', () => formatting(fromServer)), formatting(undefined)])
			withLocale('en', () => {
				expect(format.day('2026-08-01')).toBe('Aug 1, 2026');
				expect(format.number(1.5, 1)).toBe('1.5');
				expect(format.today()).toBe(today());
			});
	});
});
