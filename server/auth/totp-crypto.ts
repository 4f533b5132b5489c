// TOTP secrets at rest: AES-256-GCM under TOTP_ENCRYPTION_KEY (or the demo key file), so that a
// copy of the database or a backup alone does not yield anyone's second factor. The user's id is
// the additional data: a sealed secret copied into another user's row does not open there.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Stored values start with this; a value without it is plaintext hex from before encryption. */
export const SEALED_PREFIX = 'v1:';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class TotpKeyError extends Error {}

function checkKey(key: Uint8Array): void {
	if (key.length !== 32) throw new TotpKeyError('The TOTP encryption key must be 32 bytes.');
}

export function isSealedTotpKey(stored: string): boolean {
	return stored.startsWith(SEALED_PREFIX);
}

/** `v1:<nonce>:<ciphertext and tag>`, both base64url; a fresh nonce every time. */
export function sealTotpKey(secret: Uint8Array, key: Uint8Array, userId: string): string {
	checkKey(key);
	const nonce = randomBytes(NONCE_BYTES);
	const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
	cipher.setAAD(Buffer.from(userId, 'utf8'));
	const body = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
	return `${SEALED_PREFIX}${nonce.toString('base64url')}:${body.toString('base64url')}`;
}

/** The secret, or TotpKeyError for a wrong key, another user's value, a changed or a plaintext value. */
export function openTotpKey(stored: string, key: Uint8Array, userId: string): Uint8Array {
	checkKey(key);
	if (!isSealedTotpKey(stored)) throw new TotpKeyError('The TOTP secret is not encrypted.');
	const [nonceText, bodyText, ...rest] = stored.slice(SEALED_PREFIX.length).split(':');
	const nonce = Buffer.from(nonceText ?? '', 'base64url');
	const body = Buffer.from(bodyText ?? '', 'base64url');
	if (rest.length > 0 || nonce.length !== NONCE_BYTES || body.length <= TAG_BYTES)
		throw new TotpKeyError('The stored TOTP secret is malformed.');
	try {
		const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
		decipher.setAAD(Buffer.from(userId, 'utf8'));
		decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
		const plain = Buffer.concat([
			decipher.update(body.subarray(0, body.length - TAG_BYTES)),
			decipher.final()
		]);
		return new Uint8Array(plain);
	} catch {
		throw new TotpKeyError('The TOTP secret does not open with this key.');
	}
}
