// Where a login may go on to (`?next=`): only a page of the portal itself, never another site. A
// string check is not enough — the URL parser drops tabs and newlines and reads `\` as `/`, so
// `/\t/evil.example` becomes `//evil.example` — hence: no such characters at all, the address
// parsed as the browser would, its origin unchanged, and its first segment one of our routes.

/** Top-level folders of src/routes with pages a user may be sent on to (safe-next.spec.ts checks). */
export const NEXT_ROUTES = [
	'achtung',
	'anleitung',
	'anmeldung',
	'barriere-melden',
	'barrierefreiheit',
	'datenschutz',
	'einladung',
	'fachberatung',
	'familie',
	'hilfe',
	'impressum',
	'kindertagespflege',
	'kita',
	'kitas',
	'konto',
	'leichte-sprache',
	'login',
	'meine-anmeldungen',
	'merkliste',
	'passwort-neu',
	'passwort-vergessen',
	'registrieren',
	'uebersicht',
	'verwaltung'
];

/** Route folders that are no place to go on to: endpoints and files, the development mailbox, the SW shell. */
export const NOT_NEXT_ROUTES = ['.well-known', 'api', 'dev', 'robots.txt', 'shell', 'sitemap.xml'];

/** Any origin does: only whether parsing keeps it matters. */
const BASE = new URL('https://kita-portal.invalid');

/** Control characters (C0, DEL, C1), backslashes and line/paragraph separators. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\\u2028\u2029]/;

/** The path to follow after login, or null when `next` is not one of the portal's own pages. */
export function safeNext(next: string | null | undefined): string | null {
	if (!next || !next.startsWith('/') || UNSAFE.test(next)) return null;
	let url: URL;
	try {
		url = new URL(next, BASE);
	} catch {
		return null;
	}
	if (url.origin !== BASE.origin) return null;
	const first = url.pathname.split('/')[1] ?? '';
	if (first !== '' && !NEXT_ROUTES.includes(first)) return null;
	return url.pathname + url.search + url.hash;
}
