// Password hashing: argon2id with OWASP's minimum parameters (m=19456 KiB, t=2, p=1).
import { hash, verify } from '@node-rs/argon2';

export const ARGON2_OPTIONS = {
	// Argon2id (the `Algorithm` const enum cannot be imported under isolatedModules).
	algorithm: 2,
	memoryCost: 19456,
	timeCost: 2,
	parallelism: 1
} as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | null = null;

/**
 * Checks a password against a stored hash. Without a hash (unknown address, invited account) it
 * still runs one argon2 verification, so that the answer takes as long as for a known account.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
	if (storedHash === null) {
		dummyHash ??= hashPassword('not-a-real-password-but-the-same-cost');
		await verify(await dummyHash, password).catch(() => false);
		return false;
	}
	try {
		return await verify(storedHash, password);
	} catch {
		return false;
	}
}
