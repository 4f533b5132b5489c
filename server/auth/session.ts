// Sessions after Lucia's guide (lucia-auth.com/sessions): a random token goes into the cookie,
// only its SHA-256 is stored, so a leaked database cannot be replayed as logins.
import type Database from 'better-sqlite3';
import { hash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { FacilityId, UserId } from '../../src/lib/domain/ids';
import { sessionPolicy, slidesNow, type Role } from '../../src/lib/domain/roles';
import type { Executor } from '../db/database';
import { othersTransactionOpen } from '../db/read-together';
import { sessionsEnded } from './session-ended';

export interface AuthSession {
	id: string;
	userId: UserId;
	role: Role;
	/** Kitas a staff member works for; empty for other roles. */
	facilityIds: FacilityId[];
	/** The second factor was given, or the account needs none. */
	mfaVerified: boolean;
	/** The account has a TOTP key; staff without one must set it up before anything else. */
	hasTotp: boolean;
	expiresAt: Date;
}

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/**
 * Node's one-shot SHA-256 (native, no Hash object): every request with a session hashes its token;
 * the JavaScript one and `createHash` each cost 2.5 % of an empty pull in the profile.
 */
export function hashToken(token: string): string {
	return hash('sha256', token, 'hex');
}

export async function createSession(
	db: Executor,
	userId: UserId,
	role: Role,
	now: Date,
	mfaVerified: boolean
): Promise<{ token: string; expiresAt: Date }> {
	const token = generateSessionToken();
	const expiresAt = new Date(now.getTime() + sessionPolicy(role).lifetimeMs);
	await db
		.insertInto('sessions')
		.values({
			id: hashToken(token),
			user_id: userId,
			created_at: now.toISOString(),
			expires_at: expiresAt.toISOString(),
			mfa_verified: mfaVerified ? 1 : 0
		})
		.execute();
	return { token, expiresAt };
}

/** Looks a cookie token up; ends expired sessions and slides parents' sessions forward. */
export async function validateSessionToken(
	db: Executor,
	token: string,
	now: Date
): Promise<AuthSession | null> {
	return (await checkSessionToken(db, token, now))?.session ?? null;
}

/**
 * As `validateSessionToken`, and says whether the session was just extended: then the cookie must
 * be set again with the new expiry (Lucia's guide), or the browser drops it while the server
 * session still runs.
 */
export async function checkSessionToken(
	db: Executor,
	token: string,
	now: Date,
	/** The same database's better-sqlite3 handle: a session that needs no write is read without Kysely. */
	sqlite?: Database.Database
): Promise<{ session: AuthSession; extended: boolean } | null> {
	const id = hashToken(token);
	const quick = sqlite ? readSession(sqlite, id, now) : undefined;
	if (quick !== undefined) return quick;
	const row = await db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select([
			'sessions.id',
			'sessions.user_id',
			'sessions.expires_at',
			'sessions.mfa_verified',
			'users.role',
			'users.active',
			'users.totp_key'
		])
		.where('sessions.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	let expiresAt = new Date(row.expires_at);
	if (now >= expiresAt || row.active !== 1) {
		await db.deleteFrom('sessions').where('id', '=', id).execute();
		return null;
	}
	const role = row.role as Role;
	const extended = slidesNow(role, row.mfa_verified === 1, expiresAt, now);
	if (extended) {
		expiresAt = new Date(now.getTime() + sessionPolicy(role).lifetimeMs);
		await db
			.updateTable('sessions')
			.set({ expires_at: expiresAt.toISOString() })
			.where('id', '=', id)
			.execute();
		// The account is in use: retention counts its unused years from the last use, not the
		// last password login (to within half a session lifetime: sessions slide at most that often).
		await db
			.updateTable('users')
			.set({ last_login_at: now.toISOString() })
			.where('id', '=', row.user_id)
			.execute();
	}
	const facilityIds =
		role === 'staff'
			? (
					await db
						.selectFrom('user_facilities')
						.select('facility_id')
						.where('user_id', '=', row.user_id)
						.execute()
				).map((r) => r.facility_id as FacilityId)
			: [];
	return {
		session: authSession(
			id,
			row.user_id,
			role,
			facilityIds,
			row.mfa_verified,
			row.totp_key !== null,
			expiresAt
		),
		extended
	};
}

/** The session as the app sees it, from either read path. */
function authSession(
	id: string,
	userId: string,
	role: Role,
	facilityIds: FacilityId[],
	mfaVerified: number,
	hasTotp: boolean,
	expiresAt: Date
): AuthSession {
	return {
		id,
		userId: userId as UserId,
		role,
		facilityIds,
		mfaVerified: mfaVerified === 1,
		hasTotp,
		expiresAt
	};
}

interface SessionRow {
	user_id: string;
	expires_at: string;
	mfa_verified: number;
	role: string;
	active: number;
	has_totp: number;
}

const sessionStatements = new WeakMap<
	Database.Database,
	{
		session: Database.Statement<[string], SessionRow>;
		facilities: Database.Statement<[string], { facility_id: string }>;
	}
>();

function sessionStatementsOf(sqlite: Database.Database) {
	let s = sessionStatements.get(sqlite);
	if (!s) {
		s = {
			session: sqlite.prepare<[string], SessionRow>(
				`SELECT sessions.user_id, sessions.expires_at, sessions.mfa_verified, users.role, users.active,
					users.totp_key IS NOT NULL AS has_totp
				 FROM sessions INNER JOIN users ON users.id = sessions.user_id WHERE sessions.id = ?`
			),
			facilities: sqlite.prepare<[string], { facility_id: string }>(
				'SELECT facility_id FROM user_facilities WHERE user_id = ?'
			)
		};
		sessionStatements.set(sqlite, s);
	}
	return s;
}

/**
 * The hot path of `checkSessionToken`: one read by primary key through a prepared statement, for a
 * session that is valid and need not slide (every request but one per half lifetime). Undefined
 * when a write is due (an expired or disabled session to delete, a session to slide) or another
 * request's transaction is open on the connection (its writes are not committed): the Kysely path
 * decides those, in turn.
 */
function readSession(
	sqlite: Database.Database,
	id: string,
	now: Date
): { session: AuthSession; extended: false } | null | undefined {
	if (othersTransactionOpen(sqlite)) return undefined;
	const statements = sessionStatementsOf(sqlite);
	const row = statements.session.get(id);
	if (!row) return null;
	const expiresAt = new Date(row.expires_at);
	if (now >= expiresAt || row.active !== 1) return undefined;
	const role = row.role as Role;
	if (slidesNow(role, row.mfa_verified === 1, expiresAt, now)) return undefined;
	const facilityIds =
		role === 'staff' ? statements.facilities.all(row.user_id).map((r) => r.facility_id as FacilityId) : [];
	return {
		session: authSession(id, row.user_id, role, facilityIds, row.mfa_verified, row.has_totp === 1, expiresAt),
		extended: false
	};
}

/**
 * The session of a request answered before SvelteKit (server/trpc/fast-lane.ts): undefined when
 * the hook must decide (a write is due, or the connection is in a transaction), null for no session.
 */
export function peekSession(
	sqlite: Database.Database,
	token: string,
	now: Date
): AuthSession | null | undefined {
	const read = readSession(sqlite, hashToken(token), now);
	return read === undefined ? undefined : (read?.session ?? null);
}

export async function invalidateSession(db: Executor, sessionId: string): Promise<void> {
	const row = await db
		.deleteFrom('sessions')
		.where('id', '=', sessionId)
		.returning('user_id')
		.executeTakeFirst();
	if (row) await sessionsEnded(db, row.user_id);
}

export async function invalidateUserSessions(db: Executor, userId: string): Promise<void> {
	await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
	await sessionsEnded(db, userId);
}

/**
 * Whether a complete login's session still holds (exists, not expired, account active), read
 * without renewing it: for what a session keeps open, such as the live-update stream.
 */
export async function isSessionLive(db: Executor, sessionId: string, now: Date): Promise<boolean> {
	const row = await db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select(['sessions.expires_at', 'sessions.mfa_verified', 'users.active'])
		.where('sessions.id', '=', sessionId)
		.executeTakeFirst();
	return !!row && row.active === 1 && row.mfa_verified === 1 && new Date(row.expires_at) > now;
}

export function sessionCookieName(origin: string): string {
	return origin.startsWith('https://') ? '__Host-session' : 'session';
}

export function sessionCookieOptions(origin: string, expiresAt: Date) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: origin.startsWith('https://'),
		expires: expiresAt
	};
}
