// The sign-up captcha: ALTCHA proof of work, no visual puzzle and no third party. The server signs
// each challenge (HMAC) and accepts a solved challenge once; expiry follows the app's clock.
import { createChallenge, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { App } from '../app';
import { ALTCHA_SECRET_NAME, appSecret } from './secrets';

export const CAPTCHA_ALGORITHM = 'PBKDF2/SHA-256';
/** PBKDF2 iterations per attempt; with a one-byte prefix about 256 attempts (well under a second). */
export const CAPTCHA_COST = 5000;
export const CAPTCHA_KEY_PREFIX = '00';
export const CAPTCHA_LIFETIME_MS = 20 * 60_000;

export type CaptchaResult = 'ok' | 'invalid' | 'expired' | 'used';

async function hmacKey(app: App): Promise<string> {
	return app.config.altchaHmacKey ?? appSecret(app.database.db, ALTCHA_SECRET_NAME, app.now());
}

export async function createCaptchaChallenge(app: App): Promise<Challenge> {
	const expires = Math.floor((app.now().getTime() + CAPTCHA_LIFETIME_MS) / 1000);
	return createChallenge({
		algorithm: CAPTCHA_ALGORITHM,
		cost: CAPTCHA_COST,
		keyPrefix: CAPTCHA_KEY_PREFIX,
		deriveKey,
		// Expiry travels in the signed data and is checked against app.now(), not the library's wall
		// clock, so that it follows the same clock as everything else (and the tests' fake one).
		data: { exp: expires },
		hmacSignatureSecret: await hmacKey(app)
	});
}

interface Payload {
	challenge: Challenge;
	solution: Solution;
}

function parsePayload(raw: string): Payload | null {
	try {
		const value: unknown = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
		if (typeof value !== 'object' || value === null) return null;
		const { challenge, solution } = value as Partial<Payload>;
		if (typeof challenge?.parameters?.nonce !== 'string' || typeof solution?.counter !== 'number')
			return null;
		return { challenge, solution };
	} catch {
		return null;
	}
}

/** Verifies the widget's payload; a verified one is recorded, so it cannot be submitted again. */
export async function verifyCaptcha(app: App, raw: string): Promise<CaptchaResult> {
	const payload = parsePayload(raw);
	if (!payload) return 'invalid';
	const { challenge, solution } = payload;
	if (challenge.parameters.algorithm !== CAPTCHA_ALGORITHM) return 'invalid';
	let verified: boolean;
	try {
		const result = await verifySolution({
			challenge,
			solution,
			deriveKey,
			hmacSignatureSecret: await hmacKey(app)
		});
		verified = result.verified;
	} catch {
		return 'invalid';
	}
	if (!verified) return 'invalid';
	const exp = challenge.parameters.data?.exp;
	const now = app.now();
	if (typeof exp !== 'number' || exp * 1000 <= now.getTime()) return 'expired';
	const db = app.database.db;
	await db.deleteFrom('captcha_solutions').where('expires_at', '<=', now.toISOString()).execute();
	const inserted = await db
		.insertInto('captcha_solutions')
		.values({ id: challenge.parameters.nonce, expires_at: new Date(exp * 1000).toISOString() })
		.onConflict((oc) => oc.column('id').doNothing())
		.executeTakeFirst();
	return inserted.numInsertedOrUpdatedRows === 1n ? 'ok' : 'used';
}

export function captchaResultError(
	result: Exclude<CaptchaResult, 'ok'>
): 'captchaInvalid' | 'captchaExpired' | 'captchaUsed' {
	return result === 'expired' ? 'captchaExpired' : result === 'used' ? 'captchaUsed' : 'captchaInvalid';
}
