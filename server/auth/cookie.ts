// The session cookie: HttpOnly, SameSite=Lax, Path=/; Secure and `__Host-` prefixed on https.
import type Database from 'better-sqlite3';
import type { Executor } from '../db/database';
import type { CookieJar } from '../trpc/context';
import { checkSessionToken, sessionCookieName, sessionCookieOptions, type AuthSession } from './session';

export function setSessionCookie(cookies: CookieJar, origin: string, token: string, expiresAt: Date): void {
	cookies.set(sessionCookieName(origin), token, sessionCookieOptions(origin, expiresAt));
}

export function sessionTokenFrom(cookies: CookieJar, origin: string): string | undefined {
	return cookies.get(sessionCookieName(origin));
}

export function clearSessionCookie(cookies: CookieJar, origin: string): void {
	const { expires: _expires, ...options } = sessionCookieOptions(origin, new Date(0));
	cookies.delete(sessionCookieName(origin), options);
}

/**
 * Validates the request's session cookie before anything else runs (the hook, for every path,
 * /api/trpc included). When the server slid the session forward, the cookie is set again with the
 * new expiry, so that browser and server agree on when the login ends. Sessions with a fixed end
 * (office roles) never slide, so their cookie is left as set at login. Returns the session, so
 * that the request's handlers need not look it up again.
 */
export async function renewSessionCookie(
	db: Executor,
	cookies: CookieJar,
	origin: string,
	now: Date,
	/** The database's better-sqlite3 handle, for the lookup without Kysely (checkSessionToken). */
	sqlite?: Database.Database
): Promise<AuthSession | null> {
	const token = sessionTokenFrom(cookies, origin);
	if (!token) return null;
	const checked = await checkSessionToken(db, token, now, sqlite);
	if (checked?.extended) setSessionCookie(cookies, origin, token, checked.session.expiresAt);
	return checked?.session ?? null;
}
