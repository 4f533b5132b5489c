// Issue 15, point 7: the mail texts are part of the one message catalogue, but no browser downloads
// them: the compiler builds the `mail_` keys for the server only, never into a page's text module
// nor into the interface of `m`.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue, LOCALES } from '../../tests/i18n/catalogues';
import { isServerKey } from './catalogue-compiler';
import { compileMessages } from './compile-messages';

const root = resolve(import.meta.dirname, '../..');
const compiled = compileMessages(root);
const mailKeys = Object.keys(catalogue('de')).filter(isServerKey);

describe('the mail texts in the catalogue', () => {
	it('are there (the test looks at the real catalogue)', () => {
		expect(mailKeys).toEqual(
			expect.arrayContaining(['mail_greeting', 'mail_footer', 'mail_invite_validity'])
		);
		expect(mailKeys.length).toBeGreaterThan(50);
	});

	it('are in no text module a page loads', () => {
		const dir = resolve(root, 'src/lib/i18n/generated');
		expect(compiled.dictionaries.length).toBeGreaterThan(LOCALES.length);
		const leaked = readdirSync(dir)
			.filter((file) => file.endsWith('.js'))
			.filter((file) => /\bmail_\w+:/.test(readFileSync(resolve(dir, file), 'utf8')));
		expect(leaked).toEqual([]);
		expect(readFileSync(resolve(dir, 'messages.ts'), 'utf8')).not.toMatch(/\bmail_/);
	});

	it('are compiled for the server, every key in every language', () => {
		const dir = resolve(root, 'server/i18n/generated');
		for (const locale of LOCALES) {
			const module = readFileSync(resolve(dir, `mail.${locale}.js`), 'utf8');
			expect(
				mailKeys.filter((key) => !module.includes(`\t${key}: `)),
				locale
			).toEqual([]);
		}
		const types = readFileSync(resolve(dir, 'mail.ts'), 'utf8');
		expect(mailKeys.filter((key) => !types.includes(`\t${key}(`))).toEqual([]);
	});
});
