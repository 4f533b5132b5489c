// Rate limits kept in SQLite (they survive restarts and work across requests). Keys carry a hash of
// the IP or address, never the value itself. A refused call becomes HTTP 429 with Retry-After.
// Every attempt is counted before it is judged, in one statement (see consume and beginAttempt).
import { hash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { sql } from 'kysely';
import type { Executor } from '../db/database';
import { greatestFn, isoFromEpochMs, leastFn } from '../db/engine';
import { rateLimitHits } from '../metrics';

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
	const counted = kind === 'ip' ? limitedAddress(value) : value;
	const digest = hash('sha256', `${scope}|${counted}`, 'hex').slice(0, 32);
	return `${scope}:${kind}:${digest}`;
}

/**
 * The address a per-address limit counts: an IPv6 client is given a whole /64 by its provider and
 * can pick any address in it, so the /64 counts as one; an IPv4 address written as IPv6
 * (`::ffff:192.0.2.1`) counts as the IPv4 address.
 */
export function limitedAddress(ip: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
	if (mapped?.[1]) return mapped[1];
	if (!isIPv6(ip)) return ip;
	const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]?.split('::') ?? [];
	const left = head ? head.split(':') : [];
	const right = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
	const groups = ip.includes('::')
		? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
		: left;
	return `${groups
		.slice(0, 4)
		.map((g) => g.replace(/^0+(?=.)/, ''))
		.join(':')}::/64`;
}

/** A key's scope and kind (`login:ip`), the metric's label: never the hash. */
function limitName(key: string): string {
	return key.slice(0, key.lastIndexOf(':'));
}

function seconds(ms: number): number {
	return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * Counts one attempt and refuses the one beyond `max` in the window. The count is raised and read
 * back in one statement, so concurrent attempts each see their own number: never more than `max`
 * pass, however many arrive at once.
 */
export async function consume(db: Executor, key: string, rule: LimitRule, now: Date): Promise<void> {
	const at = now.toISOString();
	// Qualified: in an upsert PostgreSQL sees the stored row and the proposed one (`excluded`).
	const windowOver = sql<boolean>`rate_limits.window_start <= ${new Date(now.getTime() - rule.windowMs).toISOString()}`;
	const row = await sql<{ count: number; window_start: string }>`
		INSERT INTO rate_limits (key, count, window_start, blocked_until) VALUES (${key}, 1, ${at}, NULL)
		ON CONFLICT (key) DO UPDATE SET
			count = CASE WHEN ${windowOver} THEN 1 ELSE rate_limits.count + 1 END,
			window_start = CASE WHEN ${windowOver} THEN ${at} ELSE rate_limits.window_start END
		RETURNING count, window_start`
		.execute(db)
		.then((r) => r.rows[0]);
	if (row && row.count > rule.max) {
		const until = new Date(row.window_start).getTime() + rule.windowMs;
		rateLimitHits.inc({ limit: limitName(key) });
		throw new RateLimitError(seconds(until - now.getTime()));
	}
}

/** An attempt that was let through; a success gives it back with `releaseAttempt`. */
export interface Attempt {
	key: string;
	/** The lock this attempt set (it was the `max`-th or later), undone if it succeeds. */
	lockedUntil: string | null;
}

/**
 * For limits on failures (password, second factor): counts the attempt BEFORE it is judged, as if
 * it failed, and locks the key from the `max`-th attempt on for a doubling time. One statement
 * counts and decides, and a locked key takes no attempt, so concurrent attempts beyond the limit are
 * refused even while the first ones are still being checked (argon2 is slow and asynchronous).
 */
export async function beginAttempt(db: Executor, key: string, rule: LimitRule, now: Date): Promise<Attempt> {
	const at = now.toISOString();
	const windowOver = sql<boolean>`window_start <= ${new Date(now.getTime() - rule.windowMs).toISOString()}`;
	const counted = sql<number>`(CASE WHEN ${windowOver} THEN 1 ELSE count + 1 END)`;
	const base = rule.lockMs ?? rule.windowMs;
	// base · 2^(count − max), at most maxLockMs; the shift is capped so that it cannot overflow.
	// 64-bit arithmetic on both engines (PostgreSQL's integer is 32 bits: 15 min · 2^30 is not).
	const least = sql.raw(leastFn(db));
	const greatest = sql.raw(greatestFn(db));
	const lockMs = sql<number>`${least}(CAST(${rule.maxLockMs ?? base} AS BIGINT), CAST(${base} AS BIGINT) * (CAST(1 AS BIGINT) << ${least}(${greatest}(${counted} - ${rule.max}, 0), 30)))`;
	const lockUntil = isoFromEpochMs(db, sql<number>`CAST(${now.getTime()} AS BIGINT) + ${lockMs}`);
	await db
		.insertInto('rate_limits')
		.values({ key, count: 0, window_start: at, blocked_until: null })
		.onConflict((oc) => oc.column('key').doNothing())
		.execute();
	const row = await sql<{ blocked_until: string | null }>`
		UPDATE rate_limits SET
			count = ${counted},
			window_start = CASE WHEN ${windowOver} THEN ${at} ELSE window_start END,
			blocked_until = CASE WHEN ${counted} >= ${rule.max} THEN ${lockUntil} ELSE NULL END
		WHERE key = ${key} AND (blocked_until IS NULL OR blocked_until <= ${at})
		RETURNING blocked_until`
		.execute(db)
		.then((r) => r.rows[0]);
	if (row) return { key, lockedUntil: row.blocked_until };
	const locked = await db
		.selectFrom('rate_limits')
		.select('blocked_until')
		.where('key', '=', key)
		.executeTakeFirst();
	const until = locked?.blocked_until ? new Date(locked.blocked_until).getTime() : now.getTime();
	rateLimitHits.inc({ limit: limitName(key) });
	throw new RateLimitError(seconds(until - now.getTime()));
}

/** The attempt succeeded: it no longer counts, and the lock it set (if still the current one) goes. */
export async function releaseAttempt(db: Executor, attempt: Attempt): Promise<void> {
	await sql`
		UPDATE rate_limits SET
			count = CASE WHEN count > 0 THEN count - 1 ELSE 0 END,
			blocked_until = CASE WHEN blocked_until = ${attempt.lockedUntil} THEN NULL ELSE blocked_until END
		WHERE key = ${attempt.key}`.execute(db);
}

export async function clearLimit(db: Executor, key: string): Promise<void> {
	await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}
