import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { describe, expect, it } from 'vitest';
import { generateSessionToken, hashToken } from './session';

describe('hashToken', () => {
	it('is SHA-256 in lower-case hex (FIPS 180-2 test vector)', () => {
		expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	});

	it('keeps the sessions stored before it moved to node:crypto: the same id as @oslojs/crypto gave', () => {
		for (const token of [generateSessionToken(), generateSessionToken(), 'äöü-ß']) {
			expect(hashToken(token)).toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(token))));
		}
	});
});
