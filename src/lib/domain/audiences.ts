// Who each part of the site is for; kept apart from roles.ts, which every page loads, so that only
// the gated parts load it. Part of the permission table (re-exported by permissions.ts).
import type { Role } from './roles';

/**
 * Who each part of the site is for: its pages let these roles in. They ask here rather than name a
 * role; a +layout per part would gate once, but its entries in the route table cost every page
 * ~0.2 KB of first load (measured: /registrieren 59.9 → 60.1 KB), over the budget.
 */
export const AUDIENCES = {
	kita: ['staff'],
	fachberatung: ['childminding'],
	verwaltung: ['admin'],
	parent: ['parent']
} as const satisfies Record<string, readonly Role[]>;
export type Audience = keyof typeof AUDIENCES;

export function mayEnter(audience: Audience, role: Role | undefined): boolean {
	return role !== undefined && (AUDIENCES[audience] as readonly Role[]).includes(role);
}
