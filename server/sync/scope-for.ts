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
