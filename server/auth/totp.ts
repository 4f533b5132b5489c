// Time-based one-time passwords (RFC 6238, 30 s, 6 digits) on @oslojs/otp, and recovery codes.
import { generateHOTP, createTOTPKeyURI } from '@oslojs/otp';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import {
	encodeBase32LowerCaseNoPadding,
	encodeBase32UpperCaseNoPadding,
	encodeHexLowerCase
} from '@oslojs/encoding';
import { RECOVERY_CODE_COUNT } from '../../src/lib/domain/account';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ISSUER = 'Kita-Portal Kreis Soest';

export function generateTotpKey(): Uint8Array {
	const key = new Uint8Array(20);
	crypto.getRandomValues(key);
	return key;
}

/** The secret as authenticator apps expect it when typed in by hand. */
export function totpSecretBase32(key: Uint8Array): string {
	return encodeBase32UpperCaseNoPadding(key);
}

export function totpKeyUri(accountName: string, key: Uint8Array): string {
	return createTOTPKeyURI(TOTP_ISSUER, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

export function totpStep(now: Date): number {
	return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export function totpCodeAt(key: Uint8Array, step: number): string {
	return generateHOTP(key, BigInt(step), TOTP_DIGITS);
}

/**
 * The step a code belongs to, accepting one step of clock drift either way, or null. Steps at or
 * before `lastStep` are refused: a code that was used once (or an older one) cannot be replayed.
 */
export function matchTotp(key: Uint8Array, code: string, now: Date, lastStep: number | null): number | null {
	const current = totpStep(now);
	const given = new TextEncoder().encode(code);
	for (const step of [current - 1, current, current + 1]) {
		if (lastStep !== null && step <= lastStep) continue;
		const expected = new TextEncoder().encode(totpCodeAt(key, step));
		if (expected.length === given.length && constantTimeEqual(expected, given)) return step;
	}
	return null;
}

/** Ten codes like `k3m7x-q2hrt`: 50 bits each, typed once in an emergency. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
	return Array.from({ length: count }, () => {
		const bytes = new Uint8Array(7);
		crypto.getRandomValues(bytes);
		const raw = encodeBase32LowerCaseNoPadding(bytes).slice(0, 10);
		return `${raw.slice(0, 5)}-${raw.slice(5)}`;
	});
}

/** Recovery codes are high-entropy, so a plain SHA-256 suffices (no password hashing needed). */
export function hashRecoveryCode(code: string): string {
	const normalized = code.replace(/[\s-]+/g, '').toLowerCase();
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normalized)));
}
