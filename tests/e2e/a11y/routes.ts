// Every page of the portal, found in src/routes, with the audience that sees it and how to fill in
// its parameters. A page added to src/routes without an entry here fails the coverage test, so the
// accessibility checks keep covering every route.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Role } from '../../../src/lib/domain/roles';

const ROUTES_DIR = resolve(import.meta.dirname, '../../../src/routes');

/** Route patterns as SvelteKit names them ('/kitas/[id]'), from every +page.svelte. */
export function discoverRoutes(dir = ROUTES_DIR): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(dir)) {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) found.push(...discoverRoutes(path));
		else if (entry === '+page.svelte') {
			const route = `/${relative(ROUTES_DIR, dir)}`.replace(/\/$/, '');
			found.push(route === '' ? '/' : route.replace(/\/\([^)]+\)/g, ''));
		}
	}
	return found.sort();
}

export type Audience = 'public' | Exclude<Role, never>;

/** Values for route parameters, found by the suite before it runs. */
export interface RouteParams {
	facilityId: string;
	registrationId: string;
	staffRequestId: string;
	childmindingRequestId: string;
}

export interface RouteCase {
	pattern: string;
	audience: Audience;
	path: (p: RouteParams) => string;
	/** Empty forms are submitted to check the error state (forms that only collect input). */
	submitEmpty?: boolean;
}

const plain = (pattern: string, audience: Audience, submitEmpty = false): RouteCase => ({
	pattern,
	audience,
	path: () => pattern,
	submitEmpty
});

export const ROUTE_CASES: RouteCase[] = [
	plain('/', 'public'),
	plain('/kitas', 'public'),
	{ pattern: '/kitas/[id]', audience: 'public', path: (p) => `/kitas/${p.facilityId}` },
	plain('/merkliste', 'public'),
	plain('/login', 'public', true),
	plain('/registrieren', 'public', true),
	plain('/passwort-vergessen', 'public', true),
	// Without a token from a mail these show their "link not valid" state.
	plain('/passwort-neu', 'public'),
	plain('/einladung', 'public'),
	plain('/konto/bestaetigen', 'public'),
	plain('/login/zwei-faktor', 'public'),
	plain('/hilfe', 'public'),
	plain('/anleitung', 'public'),
	plain('/leichte-sprache', 'public'),
	plain('/barrierefreiheit', 'public'),
	plain('/barriere-melden', 'public', true),
	plain('/impressum', 'public'),
	plain('/datenschutz', 'public'),
	plain('/anmeldung', 'parent', true),
	plain('/uebersicht', 'parent'),
	plain('/anmeldung/pruefen', 'parent'),
	plain('/meine-anmeldungen', 'parent'),
	{
		pattern: '/meine-anmeldungen/beleg/[id]',
		audience: 'parent',
		path: (p) => `/meine-anmeldungen/beleg/${p.registrationId}`
	},
	plain('/familie', 'parent', true),
	plain('/familie/uebernehmen', 'parent', true),
	plain('/kindertagespflege', 'parent', true),
	plain('/achtung', 'parent'),
	plain('/konto', 'parent', true),
	plain('/konto/zwei-faktor', 'parent'),
	plain('/konto/daten', 'parent'),
	plain('/konto/geloescht', 'public'),
	plain('/kita', 'staff'),
	{ pattern: '/kita/anfrage/[id]', audience: 'staff', path: (p) => `/kita/anfrage/${p.staffRequestId}` },
	{
		pattern: '/kita/anfrage/[id]/brief',
		audience: 'staff',
		path: (p) => `/kita/anfrage/${p.staffRequestId}/brief`
	},
	plain('/kita/dubletten', 'staff'),
	plain('/kita/plaetze', 'staff'),
	plain('/kita/vor-ort', 'staff', true),
	plain('/kita/angaben', 'staff'),
	plain('/verwaltung/konten', 'admin', true),
	plain('/verwaltung/kitas', 'admin'),
	{ pattern: '/verwaltung/kitas/[id]', audience: 'admin', path: (p) => `/verwaltung/kitas/${p.facilityId}` },
	plain('/verwaltung/kindergartenjahre', 'admin'),
	plain('/verwaltung/berichte', 'admin'),
	plain('/verwaltung/protokoll', 'admin'),
	plain('/verwaltung/barriere-meldungen', 'admin'),
	plain('/verwaltung/dubletten', 'admin'),
	plain('/fachberatung', 'childminding'),
	{
		pattern: '/fachberatung/[id]',
		audience: 'childminding',
		path: (p) => `/fachberatung/${p.childmindingRequestId}`
	}
];

/** Pages that are not part of the portal a person uses, with the reason. */
export const NOT_CHECKED: Record<string, string> = {
	'/shell': 'the service worker’s app shell; it only redirects to the start page',
	'/dev/mailbox': 'development tool (the local mailbox without SMTP): demo mode only, answers loopback only'
};
