// Issue 14, point 8: a Kita with many requests on a weak, flaky line. The first sync comes in pages:
// the page shows how far it got, the queue never passes for complete before it ends, a dropped
// request or a reload goes on from the last page received, and in the end every request is there.
import { expect, test, type APIResponse, type Page, type Route } from '@playwright/test';
import { expectNoA11yViolations } from '../helpers';
import { readDb, seedRequests, loginAsDemoStaff, staffKitas } from './steps';

// Requests go straight to the network (and through page.route and the throttling), not through
// the service worker.
test.use({ serviceWorkers: 'block' });

interface PullInput {
	userId?: string | null;
	page?: string | null;
	cookie?: string | null;
}

interface PullAnswer {
	kind: string;
	reset?: boolean;
	token?: string;
	total?: Record<string, number>;
	patch?: { put: Record<string, unknown[]> };
}

/** The sync.pull input of a (possibly batched) tRPC GET, if the request carries one. */
function pullInput(url: string): { index: number; input: PullInput } | null {
	const u = new URL(url);
	const paths = decodeURIComponent(u.pathname.replace(/^\/api\/trpc\//, '')).split(',');
	const index = paths.indexOf('sync.pull');
	if (index < 0) return null;
	const raw = JSON.parse(u.searchParams.get('input') ?? '{}') as Record<string, PullInput | undefined>;
	return { index, input: raw[String(index)] ?? {} };
}

async function pullAnswer(response: APIResponse, index: number): Promise<PullAnswer | null> {
	const body = (await response.json().catch(() => null)) as { result?: { data?: PullAnswer } }[] | null;
	return body?.[index]?.result?.data ?? null;
}

/** The continuation token of the last first-sync page the device stored. */
async function storedToken(page: Page): Promise<string | null> {
	return page.evaluate(async () => {
		const user = JSON.parse(localStorage.getItem('kita-portal:user') ?? '{}') as { userId: string };
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open(`kita-portal-${user.userId}`);
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const row = await new Promise<{ value?: string } | undefined>((resolve, reject) => {
			const request = db.transaction('meta').objectStore('meta').get('firstSync');
			request.onsuccess = () => resolve(request.result as { value?: string } | undefined);
			request.onerror = () => reject(request.error);
		});
		db.close();
		try {
			return (JSON.parse(row?.value ?? 'null') as { token?: string } | null)?.token ?? null;
		} catch {
			return null;
		}
	});
}

const rowsOf = (answer: PullAnswer) =>
	Object.values(answer.patch?.put ?? {}).reduce((n, rows) => n + rows.length, 0);

test('a first sync on a slow line with dropped requests shows its progress, never passes a partial queue for complete, and goes on where it stopped', async ({
	page,
	context
}) => {
	// A slow line on a busy machine (and a retry with twice the requests) needs its time.
	test.setTimeout(150_000);
	const kitas = staffKitas();
	seedRequests(kitas[0] ?? '', 1500, { lastName: 'Erstabgleich' });
	const expected = readDb(
		(db) =>
			(
				db
					.prepare(
						`SELECT count(*) AS n FROM requests WHERE facility_id IN (${kitas.map(() => '?').join(',')})`
					)
					.get(...kitas) as { n: number }
			).n
	);

	// A weak line: slow, with latency.
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 150,
		downloadThroughput: 600 * 1024,
		uploadThroughput: 200 * 1024
	});

	// Every staff pull: the token it sent, and whether it was dropped or answered (and with what).
	interface Sent {
		token: string | null;
		dropped: boolean;
		answer?: PullAnswer;
	}
	const sent: Sent[] = [];
	let random = 7;
	const chance = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
	let droppedInARow = 0;
	let reloading: Promise<void> | null = null;
	// Pulls fetched but not yet handed to the page: the reload waits for them (see there).
	let inFlight = 0;
	// The answer is read here, in the route, and handed to the page only then: a body read later
	// from the browser can be gone (a navigation or a reload discards it), and then a page that
	// arrived would go uncounted.
	await page.route('**/api/trpc/sync.pull**', async (route) => {
		const pull = pullInput(route.request().url());
		if (!pull?.input.userId) return route.continue();
		// A request sent while the page reloads comes from the old page, which lives on until the new
		// one arrives: it gets no answer (an answer it could no longer apply would be asked for again).
		if (reloading) {
			await reloading;
			return route.abort('connectionreset').catch(() => undefined);
		}
		// Some requests drop (never more than two in a row, so that the test stays short).
		if (sent.length > 0 && droppedInARow < 2 && chance() < 0.3) {
			droppedInARow += 1;
			sent.push({ token: pull.input.page ?? null, dropped: true });
			return route.abort('connectionreset');
		}
		droppedInARow = 0;
		inFlight += 1;
		try {
			await answerPull(route, pull.index, pull.input);
		} finally {
			inFlight -= 1;
		}
	});
	async function answerPull(route: Route, index: number, input: PullInput): Promise<void> {
		// Once part of the requests is there, the line gets slower still: the queue shows part of
		// them for a while (and must say so).
		if (delivered().some((s) => s.answer?.kind === 'page' && (s.answer.patch?.put.requests?.length ?? 0) > 0))
			await new Promise((resolve) => setTimeout(resolve, 1500));
		const response = await route.fetch().catch(() => null);
		if (!response) return route.abort('connectionreset').catch(() => undefined);
		const answer = response.ok() ? await pullAnswer(response, index) : null;
		// Counted before the page can apply it (so that "complete" is never seen before the count),
		// and taken back if the page could not be handed it.
		const record: Sent | null = answer ? { token: input.page ?? null, dropped: false, answer } : null;
		if (record) sent.push(record);
		await route.fulfill({ response }).catch(() => {
			if (record) sent.splice(sent.indexOf(record), 1);
		});
	}
	const delivered = () => sent.filter((s) => !s.dropped && s.answer);
	const finished = () => delivered().some((s) => s.answer?.kind === 'patch' && s.token !== null);

	const here = readDb(
		(db) =>
			(db.prepare('SELECT count(*) AS n FROM requests WHERE facility_id = ?').get(kitas[0]) as { n: number })
				.n
	);

	await loginAsDemoStaff(page);
	// Into the queue in the app, not by loading the page anew: a reload here would cut off the
	// first page while it is on its way.
	await page.getByRole('link', { name: 'Warteliste' }).click();
	await expect(page).toHaveURL(/\/kita$/);
	await page.getByLabel('Angezeigte Einrichtung').selectOption(kitas[0] ?? '');
	const status = page.getByRole('main').getByRole('status').first();

	// The progress, by name and number, while the pages arrive.
	const progress = page.getByRole('region', { name: 'Erste Übertragung der Daten' });
	await expect(progress.getByText(/^Erste Übertragung: [\d.]+ von [\d.]+ Anmeldungen$/)).toBeVisible({
		timeout: 20_000
	});
	await expect(progress.getByRole('progressbar')).toBeVisible();
	await expectNoA11yViolations(page);

	// A reload in the middle: the next pull goes on with the token of the last page applied.
	await expect.poll(() => delivered().filter((s) => s.answer?.kind === 'page').length).toBeGreaterThan(1);
	let reloaded = () => {};
	reloading = new Promise((resolve) => (reloaded = resolve));
	// The reload comes once the page has applied every page it was handed: a page cut off while it
	// is being stored was never applied, and asking for it again is right (CI once counted such a
	// page twice). New pulls wait meanwhile (and are dropped once the reload is under way).
	await expect.poll(() => inFlight, { timeout: 30_000 }).toBe(0);
	const lastToken = delivered()
		.filter((s) => s.answer?.kind === 'page')
		.at(-1)?.answer?.token;
	await expect.poll(() => storedToken(page), { timeout: 30_000 }).toBe(lastToken);
	await page.reload();
	reloading = null;
	reloaded();
	const lastBefore = delivered().filter((s) => s.answer?.kind === 'page').length;

	// Until the last page, the queue says it is incomplete: never "n von n Anmeldungen" alone.
	const complete = /^[\d.]+ von [\d.]+ Anmeldungen?$/;
	let sawIncomplete = false;
	let sawPartial = false;
	for (;;) {
		const text = ((await status.textContent().catch(() => '')) ?? '').trim();
		const done = finished();
		if (complete.test(text)) {
			expect(done, `the queue showed "${text}" as complete before the last page`).toBe(true);
			break;
		}
		if (/noch unvollständig|noch übertragen/.test(text)) sawIncomplete = true;
		// Part of the queue, said to be part.
		if (/^[\d.]+ von bisher [\d.]+ übertragenen Anmeldungen – noch unvollständig/.test(text))
			sawPartial = true;
		await page.waitForTimeout(150);
	}
	expect(sawIncomplete).toBe(true);
	expect(sawPartial).toBe(true);
	await expect(progress).toHaveCount(0);

	// No page was asked for again once it had arrived: every token answered once, the rows once.
	const pages = delivered().filter((s) => s.answer?.kind === 'page' || s.token !== null);
	const tokens = pages.map((s) => s.token);
	expect(new Set(tokens).size).toBe(tokens.length);
	expect(sent.some((s) => s.dropped)).toBe(true);
	const first = pages.find((s) => s.answer?.reset);
	const total = Object.values(first?.answer?.total ?? {}).reduce((a, b) => a + b, 0);
	const rows = pages.reduce((n, s) => n + (s.answer ? rowsOf(s.answer) : 0), 0);
	expect(rows).toBe(total);
	expect(pages.length).toBeGreaterThan(3);
	// After the reload the first staff pull carried a token: the first sync did not start again.
	expect(pages.filter((s) => s.answer?.reset)).toHaveLength(1);
	expect(lastBefore).toBeGreaterThan(1);

	// Every request of the staff member's Kitas is on the device.
	const held = await page.evaluate(async () => {
		const user = JSON.parse(localStorage.getItem('kita-portal:user') ?? '{}') as { userId: string };
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open(`kita-portal-${user.userId}`);
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const count = await new Promise<number>((resolve, reject) => {
			const request = db.transaction('requests').objectStore('requests').count();
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		db.close();
		return count;
	});
	expect(held).toBe(expected);
	const n = here.toLocaleString('de-DE');
	await expect(status).toHaveText(`${n} von ${n} Anmeldungen`);
});
