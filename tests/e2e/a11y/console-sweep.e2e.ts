// Issue 13, the console sweep: every page, as a visitor, a parent (a family, requests, an offer),
// Kita staff, the Fachberatung and an admin, online and then offline (served by the service
// worker), must open without a console error, an uncaught error or unhandled rejection, a failed
// local database query or an unexpected failed request. A query on a key path the device's
// database has no index for (the guardians' `orderBy('position')` of issue 13) fails it.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { pullPublicData, syncIndicator, waitForServiceWorker } from '../helpers';
import { t } from './catalogue';
import { open } from './checks';
import { discoverRoutes, NOT_CHECKED, ROUTE_CASES, type RouteCase, type RouteParams } from './routes';
import { staffKitas, seedRequests } from '../staff/steps';
import { demoAccount, seedRouteParams, signIn, unique, withDb } from './steps';
import type { Role } from '../../../src/lib/domain/roles';

type Who = 'visitor' | Role;
type Mode = 'online' | 'offline';

/**
 * Pages every signed-in role reaches (the account menu, the "needs attention" link), although the
 * route list files them under the parents.
 */
const SIGNED_IN_PAGES = new Set(['/konto', '/konto/daten', '/konto/zwei-faktor', '/achtung']);

/**
 * Pages outside the route list that the sweep opens anyway, with the modes it leaves out and why.
 * Every entry of NOT_CHECKED must be here: a page the sweep does not open needs a reason.
 */
const EXTRA_PAGES: Record<string, { who: Who; skip?: Partial<Record<Mode, string>> }> = {
	'/shell': {
		who: 'visitor',
		skip: {
			online:
				'opened within the app it only leads home at once; what it is for, answering a deep link from the service worker, the offline pass opens'
		}
	},
	'/dev/mailbox': {
		who: 'visitor',
		skip: {
			offline:
				'the service worker leaves /dev/ to the network (a tool of the demo server, not part of the offline app)'
		}
	}
};

/** Who opens which page: a visitor every page (pages for a login say so), a role its own and the public ones. */
function reaches(who: Who, route: RouteCase): boolean {
	if (who === 'visitor' || route.audience === 'public' || route.audience === who) return true;
	return SIGNED_IN_PAGES.has(route.pattern);
}

interface Target {
	pattern: string;
	path: string;
	skip?: Partial<Record<Mode, string>>;
}

function targetsFor(who: Who, params: RouteParams): Target[] {
	const targets: Target[] = ROUTE_CASES.filter((route) => reaches(who, route)).map((route) => ({
		pattern: route.pattern,
		path: route.path(params)
	}));
	for (const [pattern, extra] of Object.entries(EXTRA_PAGES))
		if (extra.who === who) targets.push({ pattern, path: pattern, skip: extra.skip });
	return targets;
}

/**
 * Noise that is not a defect, as narrow as it can be said: what, where, and why it is expected.
 * Everything else the browser reports fails the sweep.
 */
interface Expected {
	kind: Finding['kind'];
	text: RegExp;
	mode?: Mode;
	pattern?: string;
	who?: Who[];
	/** Only while the page is being left (a navigation cancels what the old page still loads). */
	leaving?: boolean;
	reason: string;
}
const EXPECTED: Expected[] = [
	{
		kind: 'request failed',
		mode: 'offline',
		text: /^net::ERR_INTERNET_DISCONNECTED /,
		reason:
			'offline, the browser refuses every network request so; the app expects it and shows the offline state'
	},
	{
		kind: 'console',
		mode: 'offline',
		text: /^error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/,
		reason: 'Chromium logs each of those refused requests itself; no page code logs it'
	},
	{
		kind: 'request failed',
		text: /^net::ERR_ABORTED GET \/api\/trpc\/sync\.poke$/,
		reason:
			'the live-update stream never ends by itself: the app closes it when the user or the connection changes, and a page load cuts it'
	},
	{
		kind: 'request failed',
		leaving: true,
		text: /^net::ERR_ABORTED GET \/(api\/trpc\/[\w.,]+|_app\/immutable\/[\w/.-]+)$/,
		reason:
			'a full page load cancels what the page it replaces was still loading: a pull, the session check, a module'
	},
	{
		kind: 'http error',
		pattern: '/konto/zwei-faktor',
		who: ['visitor'],
		mode: 'online',
		text: /^401 POST \/api\/trpc\/auth\.mfaSetupStart$/,
		reason:
			'the setup page asks the server for a login awaiting its second factor (after the password, before the device knows the user); without one the answer is 401 and the page points to the login'
	},
	{
		kind: 'console',
		pattern: '/konto/zwei-faktor',
		who: ['visitor'],
		mode: 'online',
		text: /^error: Failed to load resource: the server responded with a status of 401 \(Unauthorized\)$/,
		reason: 'Chromium logs that 401 answer itself'
	},
	{
		kind: 'http error',
		pattern: '/konto/zwei-faktor',
		who: ['staff', 'childminding', 'admin'],
		text: /^409 POST \/api\/trpc\/auth\.mfaSetupStart$/,
		reason:
			'an office account has its second factor already: the server refuses a second setup (mfaAlreadyEnabled) and the page says so'
	},
	{
		kind: 'console',
		pattern: '/konto/zwei-faktor',
		who: ['staff', 'childminding', 'admin'],
		text: /^error: Failed to load resource: the server responded with a status of 409 \(Conflict\)$/,
		reason: 'Chromium logs that 409 answer itself'
	}
];

/** Runs in the page: an error logged with a console message, by name and message. */
function describeError(value: unknown): string {
	if (value && typeof value === 'object' && 'message' in value) {
		const error = value as { name?: unknown; message?: unknown };
		return `${String(error.name)}: ${String(error.message)}`;
	}
	return '';
}

interface Finding {
	kind: 'console' | 'page error' | 'request failed' | 'http error' | 'policy violation';
	text: string;
}

/** Everything the browser reports about a context's pages, by where it happened. */
class Recorder {
	where = { who: 'visitor' as Who, pattern: '', mode: 'online' as Mode };
	/** True while a full page load replaces the page. */
	leaving = false;
	readonly found: string[] = [];
	private readonly pending: Promise<void>[] = [];

	/**
	 * Records from now on, also what the browser reports of the Content-Security-Policy: a refusal
	 * the page's code catches (zod's probe for `new Function`) logs nothing to the console, but the
	 * browser lists it as an issue.
	 */
	static async start(context: BrowserContext, baseURL: string): Promise<Recorder> {
		const recorder = new Recorder(context, baseURL);
		await context.exposeBinding('__kitaPortalCspViolation', (_source, text: string) =>
			recorder.record({ kind: 'policy violation', text })
		);
		await context.addInitScript(() => {
			document.addEventListener('securitypolicyviolation', (event) => {
				const report = (window as unknown as Record<string, (text: string) => void>).__kitaPortalCspViolation;
				void report?.(
					`${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
				);
			});
		});
		return recorder;
	}

	private constructor(
		context: BrowserContext,
		private readonly baseURL: string
	) {
		context.on('console', (message) => {
			const text = `${message.type()}: ${message.text()}`;
			const relevant =
				message.type() === 'error' ||
				(message.type() === 'warning' && /SchemaError|unhandled ?rejection/i.test(text));
			if (!relevant) return;
			const where = { ...this.where };
			const leaving = this.leaving;
			// An error object logged with the text shows only its (minified) class name in the text:
			// its name and message say what failed (Dexie's "SchemaError: KeyPath position …").
			this.pending.push(
				Promise.all(message.args().map((arg) => arg.evaluate(describeError).catch(() => '')))
					.then((parts) => parts.filter(Boolean).join(' '))
					.catch(() => '')
					.then((detail) =>
						this.record({ kind: 'console', text: detail ? `${text} — ${detail}` : text }, where, leaving)
					)
			);
		});
		context.on('weberror', (error) => {
			const e = error.error();
			this.record({ kind: 'page error', text: e.stack ?? e.message });
		});
		context.on('requestfailed', (request) => {
			this.record({
				kind: 'request failed',
				text: `${request.failure()?.errorText ?? 'failed'} ${request.method()} ${this.short(request.url())}`
			});
		});
		context.on('response', (response) => {
			if (response.status() >= 400)
				this.record({
					kind: 'http error',
					text: `${response.status()} ${response.request().method()} ${this.short(response.url())}`
				});
		});
	}

	/** The address without origin and query (ids and cookies of a pull say nothing here). */
	private short(url: string): string {
		const path = url.startsWith(this.baseURL) ? url.slice(this.baseURL.length) : url;
		return path.replace(/\?.*$/, '');
	}

	private record(finding: Finding, where = this.where, leaving = this.leaving): void {
		const { who, pattern, mode } = where;
		const expected = EXPECTED.some(
			(e) =>
				e.kind === finding.kind &&
				(!e.mode || e.mode === mode) &&
				(!e.pattern || e.pattern === pattern) &&
				(!e.who || e.who.includes(who)) &&
				(!e.leaving || leaving) &&
				e.text.test(finding.text)
		);
		if (!expected) this.found.push(`${pattern} × ${who} × ${mode}: [${finding.kind}] ${finding.text}`);
	}

	/** Everything recorded, once the details of the last console messages were read. */
	async findings(): Promise<string[]> {
		await Promise.all(this.pending);
		return this.found;
	}

	/** A full page load: what the old page still had open is cancelled. */
	async load(page: Page, go: () => Promise<unknown>): Promise<void> {
		this.leaving = true;
		try {
			await go();
		} finally {
			this.leaving = false;
		}
	}
}

const LOADING = t('de', 'finder_loading');

/**
 * Waits until the page settled: its heading shows, nothing is loading any more, and the sync is
 * idle (online: a pull completed and none is running; offline: the indicator says offline).
 */
async function settle(page: Page, mode: Mode, what: string): Promise<void> {
	const main = page.getByRole('main');
	await expect(main.getByRole('heading', { level: 1 }).first(), `${what}: no heading`).toBeVisible({
		timeout: 15_000
	});
	await expect(main, `${what}: still loading`).not.toContainText(LOADING, { timeout: 15_000 });
	const indicator = syncIndicator(page);
	if (mode === 'online') {
		await expect(indicator, `${what}: no pull completed`).toContainText('Letzter Abgleich', {
			timeout: 15_000
		});
		await expect(indicator, `${what}: sync not idle`).not.toContainText(t('de', 'sync_syncing'), {
			timeout: 15_000
		});
	} else {
		await expect(indicator, `${what}: not shown as offline`).toContainText(t('de', 'sync_offline'));
	}
	// A failing query reports after the page rendered what it had: let two frames pass.
	await page.evaluate(
		() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
	);
}

/**
 * Online the pages are opened as a click on a link opens them (within the running app); offline
 * each is loaded anew, as a bookmark or a deep link is, from the service worker.
 */
async function sweep(
	page: Page,
	context: BrowserContext,
	recorder: Recorder,
	who: Who,
	targets: Target[]
): Promise<void> {
	for (const mode of ['online', 'offline'] as const) {
		// A pull cut off by going offline counts as offline.
		recorder.where = { ...recorder.where, mode };
		await context.setOffline(mode === 'offline');
		for (const target of targets) {
			if (target.skip?.[mode]) continue;
			recorder.where = { who, pattern: target.pattern, mode };
			const what = `${target.pattern} × ${who} × ${mode}`;
			if (mode === 'online') await open(page, target.path);
			else
				await recorder.load(page, async () => {
					const response = await page.goto(target.path);
					expect.soft(response?.fromServiceWorker(), `${what}: not served by the service worker`).toBe(true);
				});
			await settle(page, mode, what);
		}
	}
	await context.setOffline(false);
}

let params: RouteParams;

test.beforeAll(async ({ request }) => {
	const facility = (await pullPublicData(request)).facilities.find((f) => f.active);
	if (!facility) throw new Error('no demo Kita');
	// The parent's family gets a child registered at two Kitas with an offer from the first, and a
	// child-minding request; the staff member's Kita gets a request.
	params = seedRouteParams(facility.id, 'Sweep');
	seedDuplicatesAndFeedback(params.registrationId);
});

/**
 * The lists that are empty in the demo data get entries: at each of the staff member's Kitas (the
 * pages show one at a time) walk-ins that may be the parent's child (one question the family
 * answers, one the Kita has not decided) and two walk-ins only the youth office can link; and a
 * report of a barrier.
 */
function seedDuplicatesAndFeedback(registrationId: string): void {
	for (const kita of staffKitas()) {
		const [asked, open, other] = seedRequests(kita, 3, {
			source: 'walkin',
			firstName: (i) => `Sweep${unique()}${i}`,
			lastName: 'Dublette'
		});
		if (!asked || !open || !other) throw new Error('walk-ins missing');
		withDb((db) => {
			const seq = (
				db.prepare('UPDATE sync_state SET seq = seq + 1 WHERE id = 1 RETURNING seq').get() as { seq: number }
			).seq;
			const at = new Date().toISOString();
			const { child_id: parentChild } = db
				.prepare('SELECT child_id FROM registrations WHERE id = ?')
				.get(registrationId) as { child_id: string };
			const { id: staffId } = db
				.prepare('SELECT id FROM users WHERE email = ?')
				.get(demoAccount('staff').email) as { id: string };
			const candidate = db.prepare(
				'INSERT INTO duplicate_candidates (id, facility_id, child_id, match_child_id, status, found_at, asked_at, asked_by, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
			);
			candidate.run(
				crypto.randomUUID(),
				kita,
				asked.childId,
				parentChild,
				'askedFamily',
				at,
				at,
				staffId,
				seq
			);
			candidate.run(crypto.randomUUID(), kita, open.childId, parentChild, 'open', at, null, null, seq);
			candidate.run(
				crypto.randomUUID(),
				kita,
				other.childId,
				asked.childId,
				'awaitingOffice',
				at,
				at,
				staffId,
				seq
			);
		});
	}
	withDb((db) =>
		db
			.prepare(
				"INSERT INTO feedback (id, created_at, kind, page, message, wants_reply, locale) VALUES (?, ?, 'barrier', '/kitas', 'Die Karte ist mit der Tastatur nicht bedienbar.', 0, 'de')"
			)
			.run(crypto.randomUUID(), new Date().toISOString())
	);
}

test('the sweep knows every page', () => {
	const known = new Set([...ROUTE_CASES.map((r) => r.pattern), ...Object.keys(EXTRA_PAGES)]);
	expect(discoverRoutes().filter((route) => !known.has(route))).toEqual([]);
	// A page the route list leaves out is swept here, or skipped with a reason.
	expect(Object.keys(NOT_CHECKED).filter((route) => !(route in EXTRA_PAGES))).toEqual([]);
});

test.describe('the sweep itself', () => {
	// The page's code comes from the network here, so that the test can hand it a broken query.
	test.use({ serviceWorkers: 'block' });

	test('fails on a local query by a key path without index (the guardians defect of issue 13)', async ({
		page,
		context,
		baseURL
	}) => {
		await signIn(context, 'parent', baseURL ?? '');
		const recorder = await Recorder.start(context, baseURL ?? '');
		let broken = 0;
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			const response = await route.fetch();
			const code = await response.text();
			const bad = code.replace(/orderBy\((["'`])position\1\)/g, () => {
				broken++;
				return 'orderBy(`notIndexed`)';
			});
			await route.fulfill({ response, body: bad });
		});
		recorder.where = { who: 'parent', pattern: '/familie', mode: 'online' };
		await recorder.load(page, () => page.goto('/familie'));
		await settle(page, 'online', 'the broken /familie');
		expect(broken, 'the guardians query was not found in the page code').toBeGreaterThan(0);
		expect(await recorder.findings()).toContainEqual(
			expect.stringMatching(
				/^\/familie × parent × online: \[console\] error: .*SchemaError: KeyPath notIndexed on object store guardians is not indexed/
			)
		);
	});

	test('fails on an unhandled rejection', async ({ page, context, baseURL }) => {
		const recorder = await Recorder.start(context, baseURL ?? '');
		recorder.where = { who: 'visitor', pattern: '/impressum', mode: 'online' };
		await recorder.load(page, () => page.goto('/impressum'));
		await settle(page, 'online', '/impressum');
		await page.evaluate(() => {
			void Promise.reject(new Error('nobody waits for this'));
		});
		await expect
			.poll(() => recorder.findings())
			.toContainEqual(
				expect.stringMatching(/^\/impressum × visitor × online: \[page error\] .*nobody waits for this/)
			);
	});

	test('fails on a refusal of the Content-Security-Policy that the code caught', async ({
		page,
		context,
		baseURL
	}) => {
		const recorder = await Recorder.start(context, baseURL ?? '');
		// The app's entry module does what zod 4 does once to learn whether it may compile its checks
		// (a test's own evaluate() is exempt from the policy, the page's code is not).
		await page.route(/\/_app\/immutable\/entry\/app\.[\w-]+\.js$/, async (route) => {
			const response = await route.fetch();
			const probe = "try { new Function(''); } catch { /* refused: no 'unsafe-eval' */ }\n";
			await route.fulfill({ response, body: probe + (await response.text()) });
		});
		recorder.where = { who: 'visitor', pattern: '/impressum', mode: 'online' };
		await recorder.load(page, () => page.goto('/impressum'));
		await settle(page, 'online', '/impressum');
		await expect
			.poll(() => recorder.findings())
			.toContainEqual(
				expect.stringMatching(/^\/impressum × visitor × online: \[policy violation\] script-src /)
			);
	});
});

// The sweep opens pages as soon as a page loaded; it must not reload one the app is still starting.
test('opens a page within the app while the app is still starting (a click before its router ran reloaded the page)', async ({
	page,
	context,
	baseURL
}) => {
	const recorder = await Recorder.start(context, baseURL ?? '');
	// The home page's texts come late, as on a busy machine: the document has loaded (goto
	// returns), the app has not rendered yet, and its router does not take clicks yet.
	await page.route(/\/i18n\/[\w]+\/home\.de\.js$/, async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 2000));
		await route.continue();
	});
	recorder.where = { who: 'visitor', pattern: '/', mode: 'online' };
	await recorder.load(page, () => page.goto('/'));
	const loads: string[] = [];
	page.on('request', (request) => {
		if (request.resourceType() === 'document') loads.push(request.url());
	});
	recorder.where = { who: 'visitor', pattern: '/impressum', mode: 'online' };
	await open(page, '/impressum');
	await settle(page, 'online', '/impressum');
	expect(loads, 'open() loaded the page anew instead of within the app').toEqual([]);
	expect(await recorder.findings()).toEqual([]);
});

const WHO: Who[] = ['visitor', 'parent', 'staff', 'childminding', 'admin'];

for (const who of WHO) {
	test(`console sweep as ${who}`, async ({ page, context, baseURL }) => {
		test.setTimeout(180_000);
		const recorder = await Recorder.start(context, baseURL ?? '');
		if (who !== 'visitor') await signIn(context, who, baseURL ?? '');
		recorder.where = { who, pattern: '/', mode: 'online' };
		await recorder.load(page, async () => {
			await page.goto('/');
			await waitForServiceWorker(page);
		});
		await sweep(page, context, recorder, who, targetsFor(who, params));
		expect(await recorder.findings(), `console sweep as ${who}`).toEqual([]);
	});
}
