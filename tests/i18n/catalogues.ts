// The message catalogues as files (src/lib/messages/<locale>.json), for tests that read every
// language's texts directly.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type Variant = { declarations?: string[]; selectors?: string[]; match: Record<string, string> };
export type Message = string | Variant[];

export const LOCALES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl'] as const;

const root = resolve(import.meta.dirname, '../..');

/** One language's catalogue, without the format's `$schema` entry. */
export function catalogue(locale: string): Record<string, Message> {
	const all = JSON.parse(readFileSync(resolve(root, `src/lib/messages/${locale}.json`), 'utf8')) as Record<
		string,
		Message
	>;
	delete all.$schema;
	return all;
}
