// What the browser needs to warn before a session ends, extending sliding sessions, and the
// account's language (the language switcher remembers it there, mails use it).
import type { AccountLocale } from '../../src/lib/domain/account';
import { sessionPolicy } from '../../src/lib/domain/roles';
import type { AuthSession } from '../auth/session';
import type { Executor } from '../db/database';

export interface SessionInfo {
	/** When the session ends (ISO instant), as the server counts. */
	expiresAt: string;
	/** The server's clock, so that a browser with a wrong clock can still count down correctly. */
	serverNow: string;
	/** Parents' sessions slide and may be extended; office roles end a fixed time after login. */
	extendable: boolean;
}

export function sessionInfo(session: AuthSession, now: Date): SessionInfo {
	return {
		expiresAt: session.expiresAt.toISOString(),
		serverNow: now.toISOString(),
		extendable: sessionPolicy(session.role).sliding
	};
}

/** Renews a sliding session to its full lifetime; sessions with a fixed end keep it. */
export async function extendSession(db: Executor, session: AuthSession, now: Date): Promise<SessionInfo> {
	const policy = sessionPolicy(session.role);
	if (!policy.sliding) return sessionInfo(session, now);
	const expiresAt = new Date(now.getTime() + policy.lifetimeMs);
	await db
		.updateTable('sessions')
		.set({ expires_at: expiresAt.toISOString() })
		.where('id', '=', session.id)
		.execute();
	return sessionInfo({ ...session, expiresAt }, now);
}

export async function setAccountLocale(
	db: Executor,
	session: AuthSession,
	locale: AccountLocale,
	now: Date
): Promise<{ locale: AccountLocale }> {
	await db
		.updateTable('users')
		.set({ locale, updated_at: now.toISOString() })
		.where('id', '=', session.userId)
		.execute();
	return { locale };
}
