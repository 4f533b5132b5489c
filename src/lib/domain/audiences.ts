// Who each part of the site is for; kept apart from roles.ts, which every page loads, so that only
// the gated parts load it. Part of the permission table (re-exported by permissions.ts).
import type { Role } from './roles';

/**
 * Who each part of the site is for: its pages let these roles in. A part is a folder of routes:
 * /kita, /fachberatung and /verwaltung by their first path segment, the parent pages by the route
 * group `(parent)` (they share no path). The root layout gates every route once by its part
 * (`audienceOfRoute`); the server enforces the same roles on every procedure.
 * Not a +layout per part: its entries in the route table cost every page ~0.2 KB of first load
 * and the parent pages ~0.8 KB (measured: /konto/daten 60.0 → 60.8 KB), over the budget.
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

/** The part of the site a route (SvelteKit's id, e.g. `/(parent)/familie`) belongs to, if gated. */
export function audienceOfRoute(routeId: string | null): Audience | undefined {
	const first = routeId?.split('/')[1]?.replace(/^\((\w+)\)$/, '$1');
	return first && Object.hasOwn(AUDIENCES, first) ? (first as Audience) : undefined;
}
