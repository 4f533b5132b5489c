import { describe, expect, it } from 'vitest';
import {
	generateRecoveryCodes,
	hashRecoveryCode,
	matchTotp,
	totpCodeAt,
	totpKeyUri,
	totpSecretBase32,
	totpStep
} from './totp';

// RFC 6238 appendix B, SHA-1 seed "12345678901234567890" (8-digit values; we use the last six).
const RFC_KEY = new TextEncoder().encode('12345678901234567890');

describe('TOTP', () => {
	it.each([
		[59, '287082'],
		[1111111109, '081804'],
		[1234567890, '005924'],
		[2000000000, '279037']
	])('matches the RFC 6238 test vector at %i s', (seconds, code) => {
		expect(totpCodeAt(RFC_KEY, totpStep(new Date(seconds * 1000)))).toBe(code);
	});

	it('accepts one step of drift, and no step at or before the last one used', () => {
		const now = new Date(1234567890 * 1000);
		const step = totpStep(now);
		expect(matchTotp(RFC_KEY, totpCodeAt(RFC_KEY, step), now, null)).toBe(step);
		expect(matchTotp(RFC_KEY, totpCodeAt(RFC_KEY, step - 1), now, null)).toBe(step - 1);
		expect(matchTotp(RFC_KEY, totpCodeAt(RFC_KEY, step + 1), now, null)).toBe(step + 1);
		expect(matchTotp(RFC_KEY, totpCodeAt(RFC_KEY, step + 2), now, null)).toBeNull();
		expect(matchTotp(RFC_KEY, totpCodeAt(RFC_KEY, step), now, step)).toBeNull();
		expect(matchTotp(RFC_KEY, totpCodeAt(RFC_KEY, step + 1), now, step)).toBe(step + 1);
		expect(matchTotp(RFC_KEY, '12345', now, null)).toBeNull();
	});

	it('writes a key URI that authenticator apps read', () => {
		const uri = totpKeyUri('anna@example.org', RFC_KEY);
		expect(uri).toMatch(/^otpauth:\/\/totp\/Kita-Portal%20Kreis%20Soest:anna%40example\.org\?/);
		expect(uri).toContain(`secret=${totpSecretBase32(RFC_KEY)}`);
		expect(uri).toContain('period=30');
		expect(uri).toContain('digits=6');
	});

	it('makes ten distinct recovery codes and hashes them however they are typed', () => {
		const codes = generateRecoveryCodes();
		expect(codes).toHaveLength(10);
		expect(new Set(codes).size).toBe(10);
		for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
		const [first = ''] = codes;
		expect(hashRecoveryCode(first.toUpperCase().replace('-', ' '))).toBe(hashRecoveryCode(first));
		expect(hashRecoveryCode(first)).toMatch(/^[0-9a-f]{64}$/);
	});
});
