import { describe, expect, it } from 'vitest';
import { isSealedTotpKey, openTotpKey, sealTotpKey, TotpKeyError } from './totp-crypto';

const KEY = new Uint8Array(32).fill(7);
const OTHER_KEY = new Uint8Array(32).fill(8);
const USER = '5f0c3a2e-1111-4222-8333-944455556666';
const SECRET = new Uint8Array([...Array(20).keys()]);

describe('TOTP secrets at rest (AES-256-GCM)', () => {
	it('round-trips, with a fresh nonce each time and a recognisable prefix', () => {
		const a = sealTotpKey(SECRET, KEY, USER);
		const b = sealTotpKey(SECRET, KEY, USER);
		expect(a).toMatch(/^v1:/);
		expect(a).not.toBe(b);
		expect(isSealedTotpKey(a)).toBe(true);
		expect(isSealedTotpKey(Buffer.from(SECRET).toString('hex'))).toBe(false);
		expect(openTotpKey(a, KEY, USER)).toEqual(SECRET);
		expect(openTotpKey(b, KEY, USER)).toEqual(SECRET);
	});

	it('refuses a wrong key, another user and a changed ciphertext', () => {
		const sealed = sealTotpKey(SECRET, KEY, USER);
		expect(() => openTotpKey(sealed, OTHER_KEY, USER)).toThrow(TotpKeyError);
		expect(() => openTotpKey(sealed, KEY, 'another-user')).toThrow(TotpKeyError);
		const tampered = sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'AB' : 'AA');
		expect(() => openTotpKey(tampered, KEY, USER)).toThrow(TotpKeyError);
		expect(() => openTotpKey('v1:garbage', KEY, USER)).toThrow(TotpKeyError);
	});

	it('refuses plaintext where a sealed value is expected', () => {
		expect(() => openTotpKey(Buffer.from(SECRET).toString('hex'), KEY, USER)).toThrow(TotpKeyError);
	});

	it('refuses a key that is not 32 bytes', () => {
		expect(() => sealTotpKey(SECRET, new Uint8Array(16), USER)).toThrow(TotpKeyError);
	});
});
