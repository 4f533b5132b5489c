// Who is who: the four roles and the session rules that follow from them.
export const ROLES = ['parent', 'staff', 'childminding', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose login needs a second factor (TOTP). Parents may switch it on. */
export const MFA_REQUIRED_ROLES: readonly Role[] = ['staff', 'childminding', 'admin'];

export const PARENT_SESSION_DAYS = 30;
export const STAFF_SESSION_HOURS = 12;

/** Parents' sessions slide (30 days after the last use); office roles end 12 hours after login. */
export function sessionPolicy(role: Role): { lifetimeMs: number; sliding: boolean } {
	return role === 'parent'
		? { lifetimeMs: PARENT_SESSION_DAYS * 24 * 3600_000, sliding: true }
		: { lifetimeMs: STAFF_SESSION_HOURS * 3600_000, sliding: false };
}

/**
 * Whether a session slides now: only sliding roles, only once the second factor is done (a login
 * waiting for it keeps its short end), and only when half the lifetime is used up, so that not every
 * request writes.
 */
export function slidesNow(role: Role, mfaVerified: boolean, expiresAt: Date, now: Date): boolean {
	const policy = sessionPolicy(role);
	return policy.sliding && mfaVerified && expiresAt.getTime() - now.getTime() < policy.lifetimeMs / 2;
}

export function requiresMfa(role: Role, hasTotp: boolean): boolean {
	return MFA_REQUIRED_ROLES.includes(role) || hasTotp;
}
