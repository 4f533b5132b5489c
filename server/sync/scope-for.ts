// Picks what a caller may hold locally. Staff and the youth office get their scopes in their own
// modules; until a session has passed its second factor it sees only public data.
import type { AuthSession } from '../auth/session';
import { adminScope, childmindingScope } from './office-scopes';
import { parentScope, publicScope, type Scope } from './scopes';
import { staffScope } from './staff-scope';

export function scopeFor(session: AuthSession | null): Scope {
	if (!session || !session.mfaVerified) return publicScope;
	switch (session.role) {
		case 'parent':
			return parentScope(session.userId);
		case 'staff':
			return staffScope(session.userId, session.facilityIds);
		case 'childminding':
			return childmindingScope(session.userId);
		case 'admin':
			return adminScope(session.userId);
		default:
			return publicScope;
	}
}

/**
 * What a device's pull may get, by the user its local database belongs to (`owner`). A user's
 * database gets that user's scope while their session lasts and nothing else: null means the session
 * ended or another user logged in on this browser, and the client keeps what it holds. An anonymous
 * database gets public data only, even while someone is logged in in another tab.
 */
export function deviceScope(
	session: AuthSession | null,
	owner: string | null
): { scope: Scope; userId: string | null } | null {
	if (owner === null) return { scope: publicScope, userId: null };
	if (!session?.mfaVerified || session.userId !== owner) return null;
	return { scope: scopeFor(session), userId: session.userId };
}
