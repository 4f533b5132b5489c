// What the browser needs to warn before a session ends (renewing a sliding session and the
// account's language are commands: server/commands/accounts/session.ts).
import { sessionPolicy } from '../../src/lib/domain/roles';
import type { AuthSession } from '../auth/session';

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
