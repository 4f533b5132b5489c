// Issue 16, point 2 ("Findable"): sitemap.xml lists the public pages and every active Kita with
// absolute addresses; robots.txt keeps the private areas out and names the sitemap.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApp } from '../../server/app';
import { oneTitle, PRIVATE_PREFIXES, PUBLIC_PAGES, UNLISTED_PATHS } from '../../server/seo';
import { GET as getRobots } from '../../src/routes/robots.txt/+server';
import { GET as getSitemap } from '../../src/routes/sitemap.xml/+server';
import { createTestApp, type TestApp } from './harness';

const ORIGIN = 'https://kita.kreis-soest.example';

/** The <loc> and <lastmod> of each <url>, read with a strict parse of the document's shape. */
function readSitemap(text: string): { loc: string; lastmod: string | null }[] {
	const lines = text.trim().split('\n');
	expect(lines[0]).toBe('<?xml version="1.0" encoding="UTF-8"?>');
	expect(lines[1]).toBe('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
	expect(lines.at(-1)).toBe('</urlset>');
	const unescape = (s: string) =>
		s.replace(
			/&(amp|lt|gt|quot|apos);/g,
			(_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? ''
		);
	return lines.slice(2, -1).map((line) => {
		const match = /^<url><loc>([^<>]*)<\/loc>(?:<lastmod>(\d{4}-\d{2}-\d{2})<\/lastmod>)?<\/url>$/.exec(line);
		if (!match) throw new Error(`not a sitemap url entry: ${line}`);
		// Nothing but the five entities may stand after an ampersand (well-formed XML).
		expect(match[1]).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
		return { loc: unescape(match[1] ?? ''), lastmod: match[2] ?? null };
	});
}

describe('sitemap.xml and robots.txt', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
		t.app.config.origin = ORIGIN;
		setApp(t.app);
	});
	afterEach(async () => {
		setApp(null);
		await t.close();
	});

	it('lists the public pages and every active Kita, absolute, with the day the Kita last changed', async () => {
		const db = t.app.database.db;
		const kitas = await db.selectFrom('facilities').select(['id', 'active']).orderBy('name').execute();
		const [closed, changed] = kitas.map((k) => k.id ?? '');
		await db
			.updateTable('facilities')
			.set({ active: 0 })
			.where('id', '=', closed ?? '')
			.execute();
		await db
			.updateTable('facilities')
			.set({ updated_at: '2031-03-04T10:00:00.000Z' })
			.where('id', '=', changed ?? '')
			.execute();

		const response = await getSitemap();
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
		const urls = readSitemap(await response.text());
		const locs = urls.map((u) => u.loc);

		for (const path of PUBLIC_PAGES) expect(locs).toContain(path === '/' ? `${ORIGIN}/` : `${ORIGIN}${path}`);
		const kitaLocs = locs.filter((l) => l.startsWith(`${ORIGIN}/kitas/`));
		const active = kitas
			.filter((k) => k.id !== closed && k.active === 1)
			.map((k) => `${ORIGIN}/kitas/${k.id}`);
		expect(kitaLocs.sort()).toEqual(active.sort());
		expect(active.length).toBeGreaterThanOrEqual(60);
		expect(locs).not.toContain(`${ORIGIN}/kitas/${closed}`);
		expect(new Set(locs).size).toBe(locs.length);
		for (const loc of locs) expect(new URL(loc).origin).toBe(ORIGIN);

		expect(urls.find((u) => u.loc === `${ORIGIN}/kitas/${changed}`)?.lastmod).toBe('2031-03-04');
		expect(urls.find((u) => u.loc === `${ORIGIN}/kitas`)?.lastmod).toBe('2031-03-04');
		for (const u of urls.filter((u) => u.loc.startsWith(`${ORIGIN}/kitas/`)))
			expect(u.lastmod).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('escapes what XML would read as markup (an origin with & and quotes)', async () => {
		t.app.config.origin = `https://kita.example/?a=1&b='2'`;
		const text = await (await getSitemap()).text();
		expect(text).toContain('<loc>https://kita.example/?a=1&amp;b=&apos;2&apos;/</loc>');
		expect(readSitemap(text).length).toBeGreaterThan(60);
	});

	it('robots.txt keeps every private area out, lets the Kita pages in and names the sitemap', async () => {
		const response = getRobots();
		expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		const lines = (await response.text()).split('\n');
		expect(lines[0]).toBe('User-agent: *');
		expect(lines).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
		for (const area of ['/kita', '/verwaltung', '/fachberatung', '/konto', '/familie', '/meine-anmeldungen'])
			expect(lines).toContain(`Disallow: ${area}`);
		for (const area of ['/uebersicht', '/anmeldung', '/api', '/dev', '/einladung', '/passwort-', '/login'])
			expect(lines).toContain(`Disallow: ${area}`);
		expect(lines).toContain('Disallow: /registrieren');
		// '/kita' is a prefix of '/kitas': the Allow stands before it for first-match crawlers.
		expect(lines.indexOf('Allow: /kitas')).toBeLessThan(lines.indexOf('Disallow: /kita'));
		expect(lines.indexOf('Allow: /kitas')).toBeGreaterThan(0);
		// No public page is blocked (checked as a first-match crawler reads the file).
		const rules = lines.flatMap((l) => {
			const m = /^(Allow|Disallow): (\S+)$/.exec(l);
			return m ? [{ allow: m[1] === 'Allow', prefix: m[2] ?? '' }] : [];
		});
		const allowed = (path: string) => rules.find((r) => path.startsWith(r.prefix))?.allow ?? true;
		for (const path of [...PUBLIC_PAGES, '/kitas/abc', '/barriere-melden']) expect(allowed(path)).toBe(true);
		for (const path of ['/kita', '/kita/plaetze', '/passwort-neu', '/konto/daten', '/login/zwei-faktor'])
			expect(allowed(path)).toBe(false);
	});

	it('every top-level route is either listed, unlisted or kept out — a new page needs a decision', () => {
		// A route group's folder, e.g. (parent), is not in the address: its folders are top-level.
		const foldersIn = (dir: string): string[] =>
			readdirSync(dir, { withFileTypes: true })
				.filter((e) => e.isDirectory())
				.flatMap((e) => (/^\(.*\)$/.test(e.name) ? foldersIn(resolve(dir, e.name)) : [e.name]));
		const routes = foldersIn(resolve(import.meta.dirname, '../../src/routes')).map((name) => `/${name}`);
		const decided = [...PUBLIC_PAGES, ...UNLISTED_PATHS, ...PRIVATE_PREFIXES];
		const undecided = routes.filter((route) => !decided.some((d) => route === d || route.startsWith(d)));
		expect(undecided).toEqual([]);
		// And none is both listed and kept out.
		const blocked = PUBLIC_PAGES.filter(
			(p) => p !== '/kitas' && PRIVATE_PREFIXES.some((x) => p.startsWith(x))
		);
		expect(blocked).toEqual([]);
	});
});

describe('oneTitle', () => {
	it('drops the shell’s title when the page brought its own, and only then', () => {
		const shell = '<head><title>Kita-Portal</title><meta name="x"></head>';
		expect(oneTitle(shell)).toBe(shell);
		expect(oneTitle('<head><title>Kita-Portal</title><title>Hilfe – Kita-Portal</title></head>')).toBe(
			'<head><title>Hilfe – Kita-Portal</title></head>'
		);
		expect(oneTitle('<p>no head</p>')).toBe('<p>no head</p>');
	});
});
