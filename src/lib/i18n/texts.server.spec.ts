import { describe, expect, it } from 'vitest';
import { m } from './messages';
import { getLocale } from './runtime';
import { requestLocale, withLocale } from './texts.server';

describe('requestLocale', () => {
	it.each([
		['the switcher’s cookie wins over the browser', 'tr', 'en-US,en;q=0.9', 'tr'],
		['an unknown cookie counts as none', 'xx', 'uk', 'uk'],
		['the browser’s first language we have, by weight', undefined, 'fr;q=0.9,ar;q=0.8,en;q=0.85', 'en'],
		['a regional tag by its base language', undefined, 'pl-PL', 'pl'],
		['German without either', undefined, null, 'de'],
		['German when the browser has none of ours', undefined, 'fr, es;q=0.5', 'de'],
		['a language the browser refuses (q=0) is not taken', undefined, 'ru;q=0, de-AT', 'de']
	])('%s', (_what, cookie, acceptLanguage, expected) => {
		expect(requestLocale(cookie, acceptLanguage)).toBe(expected);
	});
});

describe('withLocale', () => {
	it('renders texts in the request’s language, each request in its own', async () => {
		const [english, arabic] = await Promise.all([
			withLocale('en', async () => {
				await new Promise((resolve) => setTimeout(resolve, 5));
				return [getLocale(), m.imprint_title()];
			}),
			withLocale('ar', async () => [getLocale(), m.imprint_title()])
		]);
		expect(english).toEqual(['en', 'Legal notice']);
		expect(arabic?.[0]).toBe('ar');
		expect(arabic?.[1]).not.toBe('Legal notice');
	});
});
