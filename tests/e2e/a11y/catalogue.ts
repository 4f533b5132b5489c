// The message catalogue as the tests see it: tests in English or Arabic find buttons and texts by
// the same words the page shows, read from src/lib/messages/<locale>.json.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const TEST_LOCALES = ['de', 'en', 'ar'] as const;
export type TestLocale = (typeof TEST_LOCALES)[number];

type Message = string | { match: Record<string, string> }[];
const cache = new Map<string, Record<string, Message>>();

function catalogue(locale: string): Record<string, Message> {
	let messages = cache.get(locale);
	if (!messages) {
		const file = resolve(import.meta.dirname, `../../../src/lib/messages/${locale}.json`);
		messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Message>;
		cache.set(locale, messages);
	}
	return messages;
}

/** A message with its placeholders filled (plural messages take their "other" form). */
export function t(locale: string, key: string, params: Record<string, string | number> = {}): string {
	const message = catalogue(locale)[key] ?? catalogue('de')[key];
	if (message === undefined) throw new Error(`no message ${key}`);
	const text =
		typeof message === 'string'
			? message
			: (Object.entries(message[0]?.match ?? {}).find(([k]) => k.endsWith('=*'))?.[1] ?? '');
	return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
