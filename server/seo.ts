// sitemap.xml and robots.txt (issue 16, point 2): which pages search engines list, and which areas
// they stay out of. Every top-level route is named in exactly one of the three lists below
// (tests/integration/seo-files.spec.ts checks it), so a new page is a decision, not an accident.
import type { KitaPageEntry } from './services/public-pages';

/** Public pages with content for everyone, listed in the sitemap ('/kitas/<id>' come from the data). */
export const PUBLIC_PAGES = [
	'/',
	'/kitas',
	'/hilfe',
	'/anleitung',
	'/leichte-sprache',
	'/kindertagespflege',
	'/datenschutz',
	'/impressum',
	'/barrierefreiheit'
] as const;

/** Public, but nothing to find: a form, the files themselves. Neither listed nor blocked. */
export const UNLISTED_PATHS = ['/barriere-melden', '/sitemap.xml', '/robots.txt', '/.well-known'] as const;

/**
 * Kept out of search engines: what needs a login, carries a personal link, holds one device's own
 * data (Merkliste) or is machinery (API, the offline shell, the development mailbox). Prefixes, as
 * robots.txt reads them: '/kita' would also cover '/kitas', hence the Allow line before it.
 */
export const PRIVATE_PREFIXES = [
	'/kita',
	'/verwaltung',
	'/fachberatung',
	'/konto',
	'/familie',
	'/meine-anmeldungen',
	'/uebersicht',
	'/anmeldung',
	'/achtung',
	'/merkliste',
	'/einladung',
	'/passwort-',
	'/login',
	'/registrieren',
	'/api',
	'/dev',
	'/shell'
] as const;

export function robotsTxt(origin: string): string {
	return [
		'User-agent: *',
		// Before the Disallow of '/kita': crawlers that take the first matching line need it there.
		'Allow: /kitas',
		...PRIVATE_PREFIXES.map((prefix) => `Disallow: ${prefix}`),
		'',
		`Sitemap: ${origin}/sitemap.xml`,
		''
	].join('\n');
}

const XML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;'
};
const xml = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);

/**
 * The sitemap protocol's urlset: the public pages, then every active Kita's page, with absolute
 * addresses. The finder's lastmod is the newest Kita change (it lists them); the fixed texts have none
 * the data could tell.
 */
export function sitemapXml(origin: string, kitas: KitaPageEntry[]): string {
	const newest = kitas.reduce<string | null>(
		(max, k) => (k.changedOn && (!max || k.changedOn > max) ? k.changedOn : max),
		null
	);
	const entries: { path: string; changedOn: string | null }[] = [
		...PUBLIC_PAGES.map((path) => ({ path, changedOn: path === '/kitas' ? newest : null })),
		...kitas.map((k) => ({ path: `/kitas/${encodeURIComponent(k.id)}`, changedOn: k.changedOn }))
	];
	const base = origin.replace(/\/$/, '');
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
		...entries.map(
			(e) =>
				`<url><loc>${xml(base + e.path)}</loc>${e.changedOn ? `<lastmod>${xml(e.changedOn)}</lastmod>` : ''}</url>`
		),
		'</urlset>',
		''
	].join('\n');
}

/**
 * A page rendered on the server carries its own `<title>` (from `<svelte:head>`) after the shell's
 * (app.html, for pages rendered in the browser): browsers and search engines take the first, so the
 * shell's goes when the page brought one.
 */
export function oneTitle(html: string): string {
	const first = html.indexOf('<title>');
	if (first < 0 || html.indexOf('<title>', first + 1) < 0) return html;
	const end = html.indexOf('</title>', first);
	return end < 0 ? html : html.slice(0, first) + html.slice(end + '</title>'.length);
}
