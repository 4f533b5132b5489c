// `npm run test:budget` (part of `npm test`, after the build): the size budgets of issue 8.
//  - first load of every public and parent page: ≤ 60 KB of gzipped JS. Measured as a browser sees
//    it: each route opened in Chromium without a service worker, each JS file gzipped (level 9) from
//    build/client. The first load is what the browser fetched before the page had rendered (the
//    root layout's `kita-portal:first-render` mark, set once the page is on screen), by a visitor
//    and by the logged-in demo parent, in German and recomputed for each language's texts (the
//    heaviest counts). The data layer that loads after it (Dexie, sync engine, tRPC client, see
//    src/lib/client/data-layer.ts) is printed beside it as "by network idle" — everything fetched
//    until the network was idle.
//  - the service worker's precache: ≤ 1.5 MB in all, no file over 500 KB (the list injected into
//    build/client/sw.js).
// Prints the figures; any budget exceeded fails the run and names the chunks that weigh most.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from '@playwright/test';
import { parseTextModulePath, textModulePath } from '../../src/lib/i18n/text-modules';
import { SCHEMA_VERSION } from '../../src/lib/sync/version';
import { buildSnapshot, freePort, launchChromium, ROOT, scratchDir, startServer, table } from '../bench/env';

const FIRST_LOAD_BUDGET = 60 * 1024;
const PRECACHE_BUDGET = 1.5 * 1024 * 1024;
const PRECACHE_FILE_BUDGET = 500 * 1024;
/** First path segments of pages that are neither public nor parent pages (staff, office, admin, dev). */
const NOT_PUBLIC = new Set(['kita', 'verwaltung', 'jugendamt', 'fachberatung', 'admin', 'dev']);

let CLIENT = join(ROOT, 'build/client');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function gzipSize(file: string): number {
	return gzipSync(readFileSync(file), { level: 9 }).length;
}

/** Every page route under src/routes as a path pattern, e.g. /kitas/[id]. */
function pageRoutes(dir = join(ROOT, 'src/routes')): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(dir)) {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) found.push(...pageRoutes(path));
		else if (entry === '+page.svelte') {
			const route = `/${relative(join(ROOT, 'src/routes'), dir)}`
				.split('/')
				.filter((s) => s && !/^\(.*\)$/.test(s)) // layout groups do not appear in the URL
				.join('/');
			found.push(`/${route}`);
		}
	}
	return found.sort();
}

export interface RouteFigure {
	route: string;
	/** JS fetched before the first render. */
	gzipBytes: number;
	files: { file: string; gzipBytes: number }[];
	/** All JS fetched until the network was idle (first load and what loads after it). */
	idleGzipBytes: number;
	/** Whether the heavier of the two visits was the one logged in as a parent. */
	loggedIn: boolean;
	/** The language whose texts weigh most on this page, and the first load in it. */
	heaviestLocale: string;
	heaviestLocaleBytes: number;
}

const LOCALES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl'];

/**
 * The first load in each language, from the German one: the pages fetch the same code in every
 * language, only their text modules (src/lib/i18n/text-modules.ts) differ.
 */
function heaviestLanguage(files: RouteFigure['files']): { locale: string; bytes: number } {
	let heaviest = { locale: 'de', bytes: -1 };
	for (const locale of LOCALES) {
		let bytes = 0;
		for (const f of files) {
			const text = parseTextModulePath(f.file);
			bytes +=
				text?.locale === 'de'
					? gzipSize(join(CLIENT, textModulePath(text.version, text.namespace, locale)))
					: f.gzipBytes;
		}
		if (bytes > heaviest.bytes) heaviest = { locale, bytes };
	}
	return heaviest;
}

/** The demo parent (server/demo/accounts.ts): parent pages are measured logged in too. */
const DEMO_PARENT = { email: 'eltern@demo.kita-portal.invalid', password: 'Eltern-Demo-2026' };

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** Cookies and local storage of a browser in which the demo parent logged in. */
async function parentLogin(browser: Browser, origin: string): Promise<StorageState> {
	const context = await browser.newContext({ serviceWorkers: 'block', locale: 'de-DE' });
	try {
		const page = await context.newPage();
		await page.goto(`${origin}/login`);
		await page.getByLabel('E-Mail-Adresse').fill(DEMO_PARENT.email);
		await page.getByLabel('Passwort', { exact: true }).fill(DEMO_PARENT.password);
		await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
		await page.getByRole('link', { name: 'Meine Anmeldungen' }).waitFor();
		return await context.storageState();
	} finally {
		await context.close();
	}
}

const FIRST_RENDER_MARK = 'kita-portal:first-render';

interface Check {
	name: string;
	ok: boolean;
}

/**
 * Each route opened twice — by a visitor and by the demo parent, logged in — in German, the
 * portal's language (texts in other languages weigh up to 2 KB more or less); the heavier counts.
 */
async function firstLoads(origin: string, routes: string[], facilityId: string): Promise<RouteFigure[]> {
	const browser = await launchChromium();
	const figures: RouteFigure[] = [];
	try {
		const parent = await parentLogin(browser, origin);
		for (const route of routes) {
			const visitor = await firstLoad(browser, origin, route, facilityId, null);
			const loggedIn = await firstLoad(browser, origin, route, facilityId, parent);
			const heavier =
				loggedIn.gzipBytes > visitor.gzipBytes
					? { ...loggedIn, loggedIn: true }
					: { ...visitor, loggedIn: false };
			const language = heaviestLanguage(heavier.files);
			figures.push({ ...heavier, heaviestLocale: language.locale, heaviestLocaleBytes: language.bytes });
		}
	} finally {
		await browser.close();
	}
	return figures;
}

async function firstLoad(
	browser: Browser,
	origin: string,
	route: string,
	facilityId: string,
	storageState: StorageState | null
): Promise<Omit<RouteFigure, 'loggedIn' | 'heaviestLocale' | 'heaviestLocaleBytes'>> {
	const context = await browser.newContext({
		serviceWorkers: 'block',
		locale: 'de-DE',
		...(storageState ? { storageState } : {})
	});
	const page = await context.newPage();
	const scripts = new Set<string>();
	page.on('response', (response) => {
		const url = new URL(response.url());
		if (url.origin === origin && response.request().resourceType() === 'script') scripts.add(url.pathname);
	});
	const path = route
		.replace('/kitas/[id]', `/kitas/${facilityId}`)
		.replace(/\[[^\]]+\]/g, crypto.randomUUID());
	await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
	// When each script was requested, on the page's own clock, and when the first render was done.
	const timing = await page.evaluate((markName) => {
		const mark = performance.getEntriesByName(markName)[0]?.startTime ?? null;
		const started = performance
			.getEntriesByType('resource')
			.map((e) => [new URL(e.name).pathname, e.startTime] as const);
		return { mark, started };
	}, FIRST_RENDER_MARK);
	await context.close();
	const startedAt = new Map(timing.started);
	const all = [...scripts]
		.map((p) => ({ file: p, path: join(CLIENT, decodeURIComponent(p)) }))
		.filter((f) => existsSync(f.path))
		.map((f) => ({ file: f.file, gzipBytes: gzipSize(f.path) }))
		.sort((a, b) => b.gzipBytes - a.gzipBytes);
	// Without the mark (the page never rendered) everything counts as first load.
	const files =
		timing.mark === null ? all : all.filter((f) => (startedAt.get(f.file) ?? 0) <= (timing.mark ?? Infinity));
	return {
		route,
		gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
		files,
		idleGzipBytes: all.reduce((sum, f) => sum + f.gzipBytes, 0)
	};
}

/** The URLs workbox injected into the built worker. */
function precacheEntries(): string[] {
	const sw = readFileSync(join(CLIENT, 'sw.js'), 'utf8');
	return [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1] ?? '');
}

async function main(): Promise<void> {
	CLIENT = join(await buildSnapshot(), 'client');
	const dir = scratchDir('budget');
	const port = await freePort();
	const server = await startServer({ databasePath: join(dir, 'kita.db'), port });
	const checks: Check[] = [];
	try {
		const pull = await fetch(
			`${server.origin}/api/trpc/sync.pull?input=${encodeURIComponent(JSON.stringify({ clientId: null, userId: null, schemaVersion: SCHEMA_VERSION, cookie: null }))}`
		);
		const body = (await pull.json()) as {
			result: { data: { patch: { put: { facilities?: { id: string }[] } } } };
		};
		const facilityId = body.result.data.patch.put.facilities?.[0]?.id ?? crypto.randomUUID();

		// First-load JS of public and parent pages.
		const routes = pageRoutes().filter((r) => !NOT_PUBLIC.has(r.split('/')[1] ?? ''));
		const figures = await firstLoads(server.origin, routes, facilityId);
		console.log(`\nFirst-load JS (gzip) of public and parent pages — budget ${kb(FIRST_LOAD_BUDGET)} each\n`);
		console.log(
			table(
				[
					'route',
					'files',
					'first load, German',
					'heavier visit',
					'heaviest language',
					'by network idle',
					'target'
				],
				figures.map((f) => [
					f.route,
					String(f.files.length),
					kb(f.gzipBytes),
					f.loggedIn ? 'parent' : 'visitor',
					`${kb(f.heaviestLocaleBytes)} (${f.heaviestLocale})`,
					kb(f.idleGzipBytes),
					f.heaviestLocaleBytes <= FIRST_LOAD_BUDGET ? 'ok' : 'OVER'
				])
			)
		);
		for (const f of figures) {
			checks.push({
				name: `first load ${f.route} (${kb(f.heaviestLocaleBytes)} in ${f.heaviestLocale})`,
				ok: f.heaviestLocaleBytes <= FIRST_LOAD_BUDGET
			});
			if (f.heaviestLocaleBytes > FIRST_LOAD_BUDGET) {
				console.log(`\n${f.route} is over ${kb(FIRST_LOAD_BUDGET)}; its heaviest chunks:`);
				for (const file of f.files) console.log(`  ${String(file.gzipBytes).padStart(7)} B  ${file.file}`);
			}
		}
		const heaviest = [...figures].sort((a, b) => b.heaviestLocaleBytes - a.heaviestLocaleBytes)[0];
		if (heaviest) {
			console.log(
				`\nHeaviest first load: ${heaviest.route}, ${kb(heaviest.heaviestLocaleBytes)} in ${heaviest.heaviestLocale}; its largest chunks (German):`
			);
			for (const file of heaviest.files.slice(0, 5))
				console.log(`  ${kb(file.gzipBytes).padStart(9)}  ${file.file}`);
		}

		// The precache.
		const entries = precacheEntries();
		const sizes: { url: string; bytes: number; gzipBytes: number }[] = [];
		for (const url of entries) {
			const file = join(CLIENT, url);
			if (existsSync(file) && statSync(file).isFile())
				sizes.push({ url, bytes: statSync(file).size, gzipBytes: gzipSize(file) });
			else {
				const response = await fetch(`${server.origin}/${url.replace(/^\//, '')}`);
				const bytes = Buffer.from(await response.arrayBuffer());
				sizes.push({ url, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length });
			}
		}
		sizes.sort((a, b) => b.bytes - a.bytes);
		const total = sizes.reduce((s, f) => s + f.bytes, 0);
		const totalGzip = sizes.reduce((s, f) => s + f.gzipBytes, 0);
		const largest = sizes[0];
		console.log(
			`\nPrecache (build/client/sw.js): ${sizes.length} files, ${kb(total)} (${kb(totalGzip)} gzip) — budget ${kb(PRECACHE_BUDGET)}`
		);
		console.log(
			`Largest file: ${largest ? `${largest.url}, ${kb(largest.bytes)}` : 'none'} — budget ${kb(PRECACHE_FILE_BUDGET)} per file`
		);
		checks.push({ name: 'precache total', ok: total <= PRECACHE_BUDGET && sizes.length > 0 });
		for (const f of sizes)
			if (f.bytes > PRECACHE_FILE_BUDGET) {
				console.log(`  over the per-file budget: ${f.url}, ${kb(f.bytes)}`);
				checks.push({ name: `precache file ${f.url}`, ok: false });
			}
		checks.push({ name: 'precache files ≤ 500 KB', ok: sizes.every((f) => f.bytes <= PRECACHE_FILE_BUDGET) });
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
	const failed = checks.filter((c) => !c.ok);
	for (const c of failed) console.log(`FAILED: ${c.name}`);
	console.log(`\nbudget: ${checks.length - failed.length} passed, ${failed.length} failed`);
	if (failed.length) process.exitCode = 1;
}

await main();
