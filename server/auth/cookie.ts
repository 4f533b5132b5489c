// The session cookie: HttpOnly, SameSite=Lax, Path=/; Secure and `__Host-` prefixed on https.
import type { CookieJar } from '../trpc/context';
import { sessionCookieName, sessionCookieOptions } from './session';

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
