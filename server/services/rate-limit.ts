// Rate limits kept in SQLite (they survive restarts and work across requests). Keys carry a hash of
// the IP or address, never the value itself. A refused call becomes HTTP 429 with Retry-After.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Executor } from '../db/database';

export class RateLimitError extends Error {
	constructor(readonly retryAfterSeconds: number) {
		super('rateLimited');
	}
}

export interface LimitRule {
	/** Attempts (or failures) allowed per window. */
	max: number;
	windowMs: number;
	/**
	 * With a lock: after `max` failures every further failure locks the key for lockMs, doubling each
	 * time up to maxLockMs (growing delays). Without: the window simply has to run out.
	 */
	lockMs?: number;
	maxLockMs?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const LIMITS = {
	/** Failed logins of one account: 5 free, then 30 s, 1 min, 2 min … up to 15 min. */
	loginAccount: { max: 5, windowMs: 24 * HOUR, lockMs: 30_000, maxLockMs: 15 * MINUTE },
	/** Failed logins from one IP (many accounts): 30 free, then 1 min doubling up to 1 h. */
	loginIp: { max: 30, windowMs: HOUR, lockMs: MINUTE, maxLockMs: HOUR },
	/** Wrong second-factor codes of one account. */
	mfaAccount: { max: 5, windowMs: HOUR, lockMs: 30_000, maxLockMs: 15 * MINUTE },
	signUpIp: { max: 10, windowMs: HOUR },
	signUpAddress: { max: 3, windowMs: HOUR },
	resetIp: { max: 10, windowMs: HOUR },
	resetAddress: { max: 3, windowMs: HOUR },
	resendIp: { max: 10, windowMs: HOUR },
	resendAddress: { max: 3, windowMs: HOUR }
} satisfies Record<string, LimitRule>;

export function limitKey(scope: string, kind: 'ip' | 'addr' | 'acct', value: string): string {
	const digest = encodeHexLowerCase(sha256(new TextEncoder().encode(`${scope}|${value}`))).slice(0, 32);
	return `${scope}:${kind}:${digest}`;
}

function seconds(ms: number): number {
	return Math.max(1, Math.ceil(ms / 1000));
}

/** Throws RateLimitError while the key is locked. */
export async function assertNotLimited(db: Executor, key: string, now: Date): Promise<void> {
	const row = await db
		.selectFrom('rate_limits')
		.select('blocked_until')
		.where('key', '=', key)
		.executeTakeFirst();
	if (row?.blocked_until && new Date(row.blocked_until) > now)
		throw new RateLimitError(seconds(new Date(row.blocked_until).getTime() - now.getTime()));
}

async function bump(
	db: Executor,
	key: string,
	rule: LimitRule,
	now: Date
): Promise<{ count: number; windowStart: Date }> {
	const row = await db.selectFrom('rate_limits').selectAll().where('key', '=', key).executeTakeFirst();
	const fresh = !row || now.getTime() - new Date(row.window_start).getTime() >= rule.windowMs;
	const count = fresh ? 1 : row.count + 1;
	const windowStart = fresh ? now : new Date(row.window_start);
	await db
		.insertInto('rate_limits')
		.values({ key, count, window_start: windowStart.toISOString(), blocked_until: null })
		.onConflict((oc) => oc.column('key').doUpdateSet({ count, window_start: windowStart.toISOString() }))
		.execute();
	return { count, windowStart };
}

async function lock(db: Executor, key: string, until: Date): Promise<void> {
	await db
		.updateTable('rate_limits')
		.set({ blocked_until: until.toISOString() })
		.where('key', '=', key)
		.execute();
}

/** Counts one attempt; the attempt beyond `max` in the window is refused until the window ends. */
export async function consume(db: Executor, key: string, rule: LimitRule, now: Date): Promise<void> {
	await assertNotLimited(db, key, now);
	const { count, windowStart } = await bump(db, key, rule, now);
	if (count > rule.max) {
		const until = new Date(windowStart.getTime() + rule.windowMs);
		await lock(db, key, until);
		throw new RateLimitError(seconds(until.getTime() - now.getTime()));
	}
}

/** Records a failure; from the `max`-th on, locks the key for a doubling time. */
export async function recordFailure(db: Executor, key: string, rule: LimitRule, now: Date): Promise<void> {
	const { count } = await bump(db, key, rule, now);
	if (count >= rule.max) {
		const base = rule.lockMs ?? rule.windowMs;
		const ms = Math.min(rule.maxLockMs ?? base, base * 2 ** (count - rule.max));
		await lock(db, key, new Date(now.getTime() + ms));
	}
}

export async function clearLimit(db: Executor, key: string): Promise<void> {
	await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}
