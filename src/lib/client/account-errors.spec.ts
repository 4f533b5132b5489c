import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_ERROR_CODES } from '$lib/domain/account';

function catalogue(locale: string): Record<string, unknown> {
	return JSON.parse(
		readFileSync(resolve(import.meta.dirname, `../messages/${locale}.json`), 'utf8')
	) as Record<string, unknown>;
}

/** `passwordTooShort` → `auth_err_password_too_short`, the key account-errors.ts uses. */
function key(code: string): string {
	return `auth_err_${code.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
}

describe('account error messages', () => {
	it.each(['de', 'en'])('has a %s text for every error code', (locale) => {
		const messages = catalogue(locale);
		// a text, or a plural message ("in 1 Minute" / "in 5 Minuten")
		const missing = ACCOUNT_ERROR_CODES.filter(
			(code) => typeof messages[key(code)] !== 'string' && !Array.isArray(messages[key(code)])
		);
		expect(missing).toEqual([]);
	});

	it('maps every code in account-errors.ts', () => {
		const source = readFileSync(resolve(import.meta.dirname, 'account-errors.ts'), 'utf8');
		for (const code of ACCOUNT_ERROR_CODES) expect(source).toContain(`m.${key(code)}`);
	});
});
