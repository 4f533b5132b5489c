// The message catalogue is complete in every language of the portal: every key of de.json exists
// in each locale, with the same placeholders, and plural messages use the plural forms of that
// language. The catalogue and the accounts know the same seven languages (the mails: mail/locales.spec.ts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_LOCALES } from '../domain/account';

type Variant = { declarations?: string[]; selectors?: string[]; match: Record<string, string> };
type Message = string | Variant[];

const root = resolve(import.meta.dirname, '../../..');
const settings = JSON.parse(readFileSync(resolve(root, 'project.inlang/settings.json'), 'utf8')) as {
	baseLocale: string;
	locales: string[];
};
function catalogue(locale: string): Record<string, Message> {
	const all = JSON.parse(readFileSync(resolve(root, `src/lib/messages/${locale}.json`), 'utf8')) as Record<
		string,
		Message
	>;
	delete all.$schema;
	return all;
}

function texts(message: Message): string[] {
	return typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match));
}

/** The placeholders a message uses (in any of its variants), and the inputs a plural declares. */
function placeholders(message: Message): string[] {
	const names = new Set(
		texts(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))
	);
	if (typeof message !== 'string')
		for (const v of message)
			for (const d of v.declarations ?? []) if (d.startsWith('input ')) names.add(d.slice(6).trim());
	return [...names].sort();
}

const base = catalogue(settings.baseLocale);
const others = settings.locales.filter((l) => l !== settings.baseLocale);

describe('message catalogue', () => {
	it('covers the seven languages of the portal and the accounts', () => {
		expect(settings.locales).toEqual(['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl']);
		expect([...ACCOUNT_LOCALES]).toEqual(settings.locales);
	});

	describe.each(others)('%s', (locale) => {
		const messages = catalogue(locale);

		it('has every message of de.json and no other', () => {
			expect(Object.keys(base).filter((k) => !(k in messages))).toEqual([]);
			expect(Object.keys(messages).filter((k) => !(k in base))).toEqual([]);
		});

		it('keeps the placeholders of each message', () => {
			const different = Object.keys(base)
				.filter((k) => k in messages)
				.filter((k) => placeholders(base[k] ?? '').join() !== placeholders(messages[k] ?? '').join());
			expect(different).toEqual([]);
		});

		it('uses the plural forms of the language, with a catch-all', () => {
			const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
			const wrong: string[] = [];
			for (const [key, message] of Object.entries(messages)) {
				if (typeof message === 'string') continue;
				for (const variant of message) {
					const forms = Object.keys(variant.match).map((m) => m.split('=')[1] ?? '');
					if (!forms.includes('*') || forms.some((f) => f !== '*' && !categories.includes(f)))
						wrong.push(key);
				}
			}
			expect(wrong).toEqual([]);
		});

		it('has no empty texts', () => {
			expect(
				Object.keys(messages).filter((k) => texts(messages[k] ?? '').some((t) => t.trim() === ''))
			).toEqual([]);
		});
	});
});
