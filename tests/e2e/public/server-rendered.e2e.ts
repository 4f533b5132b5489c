// Issue 16, point 1: the public pages arrive as HTML with their content, in the visitor's language
// (the switcher's cookie, else the browser's languages), work without JavaScript and are then
// hydrated in the browser without a mismatch. Pages first opened server-rendered keep working
// offline once the service worker took over.
import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { t } from '../a11y/catalogue';
import { pullPublicData, syncIndicator, waitForServiceWorker, waitForSync } from '../helpers';

/** The public pages whose heading is a text of the catalogue (Leichte Sprache's is German only). */
const INFO_PAGES: { path: string; title: string }[] = [
	{ path: '/', title: 'home_title' },
	{ path: '/hilfe', title: 'help_title' },
	{ path: '/anleitung', title: 'guide_title' },
	{ path: '/kindertagespflege', title: 'childminding_title' },
	{ path: '/datenschutz', title: 'privacy_title' },
	{ path: '/impressum', title: 'imprint_title' },
	{ path: '/barrierefreiheit', title: 'a11y_title' }
];

const count = (page: Page) => page.getByRole('main').getByRole('status');
const results = (page: Page) => page.getByRole('main').getByRole('article');

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the information pages arrive with their content, in the browser’s language', async ({ page }) => {
		for (const { path, title } of INFO_PAGES) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('de', title));
			await expect(page.locator('html')).toHaveAttribute('lang', 'de');
		}
		// What needs JavaScript is not offered: the language button, the sync state.
		await expect(page.getByRole('button', { name: /^Sprache/ })).toBeHidden();
		await expect(page.getByRole('banner').getByRole('status')).toBeHidden();
	});

	test('Leichte Sprache and the start page’s Kita years are there', async ({ page }) => {
		await page.goto('/leichte-sprache');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Das Kita-Portal in Leichter Sprache');
		await page.goto('/');
		await expect(page.getByRole('main')).toContainText('Anmeldung möglichst bis');
	});

	test('login and sign-up arrive with their heading and say that their form needs JavaScript', async ({
		page
	}) => {
		for (const [path, title] of [
			['/login', 'login_title'],
			['/registrieren', 'signup_title']
		] as const) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('de', title));
			await expect(page.getByText(t('de', 'form_needs_javascript'))).toBeVisible();
			// A form the browser would send itself (with the password, as a page request) is not offered.
			await expect(
				page.getByRole('button', { name: t('de', path === '/login' ? 'login_submit' : 'signup_submit') })
			).toBeHidden();
		}
	});

	test('the finder lists the Kitas and filters by municipality (a GET form)', async ({ page, request }) => {
		const data = await pullPublicData(request);
		const werl = data.municipalities.find((mu) => mu.name === 'Werl');
		expect(werl).toBeDefined();
		const inWerl = data.facilities.filter((f) => f.active && f.municipalityId === werl?.id);
		expect(inWerl.length).toBeGreaterThan(0);

		await page.goto('/kitas');
		await expect(count(page)).toHaveText('66 Einrichtungen gefunden');
		await expect(results(page)).toHaveCount(20);
		// The next page of hits is a plain link to the same search, at its first new Kita.
		const first20 = await results(page).getByRole('heading', { level: 2 }).allTextContents();
		await page.getByRole('link', { name: 'Weitere 20 Einrichtungen anzeigen' }).click();
		await expect(results(page)).toHaveCount(40);
		expect(page.url()).toMatch(/\/kitas\?anzahl=40#k-[\w-]+$/);
		const first40 = await results(page).getByRole('heading', { level: 2 }).allTextContents();
		expect(first40.slice(0, 20)).toEqual(first20);
		await expect(results(page).nth(20)).toBeInViewport();
		// Nothing that needs JavaScript is offered: no bookmark buttons, no filter disclosure.
		await expect(page.getByRole('button', { name: /merken/i })).toHaveCount(0);

		const filters = page.getByRole('search', { name: 'Einrichtungen filtern' });
		await filters.getByLabel('Gemeinde').selectOption({ label: 'Werl' });
		await filters.getByRole('button', { name: 'Filter anwenden' }).click();
		await expect(page).toHaveURL(/\/kitas\?(.*&)?gemeinde=/);
		await expect(count(page)).toHaveText(`${inWerl.length} Einrichtungen gefunden`);
		await expect(results(page)).toHaveCount(inWerl.length);
		for (const article of await results(page).all()) await expect(article).toContainText('Werl');
		// The form shows the filter the address holds.
		await expect(filters.getByLabel('Gemeinde')).toHaveValue(werl?.id ?? '');

		// A link to a Kita's page, which shows its facts and free places.
		const first = results(page).first().getByRole('link');
		const name = (await first.textContent()) ?? '';
		await first.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	});

	test('a Kita’s page shows its facts and free places', async ({ page, request }) => {
		const data = await pullPublicData(request);
		const facility = data.facilities.find((f) => f.active);
		expect(facility).toBeDefined();
		if (!facility) return;
		const capacities = data.capacities.filter((c) => c.facilityId === facility.id);
		await page.goto(`/kitas/${facility.id}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(facility.name);
		await expect(page.getByRole('main')).toContainText(facility.provider);
		await expect(page.getByRole('main')).toContainText(`${facility.postcode} ${facility.town}`);
		const table = page.getByRole('table', { name: t('de', 'facility_places_title') });
		await expect(table).toBeVisible();
		for (const year of data.kitaYears) await expect(table).toContainText(year.label);
		const year = data.kitaYears[0];
		const total = capacities
			.filter((c) => c.kitaYearId === year?.id)
			.reduce((sum, c) => ({ places: sum.places + c.places, free: sum.free + c.places - c.contracted }), {
				places: 0,
				free: 0
			});
		expect(total.places).toBeGreaterThan(0);
		await expect(table.getByRole('row').nth(1)).toContainText(`${total.free} von ${total.places} frei`);
	});

	test.describe('in Arabic', () => {
		test.use({ locale: 'ar' });
		test('the browser’s language decides, right to left', async ({ page }) => {
			await page.goto('/impressum');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('ar', 'imprint_title'));
			await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		});
	});

	test('the language chosen on the device (its cookie) wins over the browser’s', async ({
		page,
		context,
		baseURL
	}) => {
		await context.addCookies([{ name: 'kita-portal-locale', value: 'en', url: baseURL ?? '' }]);
		await page.goto('/impressum');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'imprint_title'));
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	});
});

/** Console errors and warnings (hydration mismatches are warnings). */
function watchConsole(page: Page): string[] {
	const messages: string[] = [];
	page.on('console', (message: ConsoleMessage) => {
		if (message.type() === 'error' || message.type() === 'warning') messages.push(message.text());
	});
	page.on('pageerror', (error) => messages.push(error.message));
	return messages;
}

test('a server-rendered page is hydrated without a mismatch and works as an app', async ({ page }) => {
	const messages = watchConsole(page);
	for (const { path, title } of INFO_PAGES) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('de', title));
	}
	// Hydrated: the router takes the next link (no new document).
	const navigations: string[] = [];
	page.on('framenavigated', (frame) => {
		if (frame === page.mainFrame()) navigations.push(frame.url());
	});
	await page.waitForFunction(() => performance.getEntriesByName('kita-portal:first-render').length > 0);
	await page
		.getByRole('contentinfo')
		.getByRole('link', { name: t('de', 'footer_privacy') })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('de', 'privacy_title'));
	expect(messages).toEqual([]);
});

test.describe('on a first visit (no service worker yet: a returning one gets the shell)', () => {
	test.use({ serviceWorkers: 'block' });

	test('a server-rendered page asks for its code only after it has painted its content; the shell at once', async ({
		page,
		request
	}) => {
		// Largest paint (issue 16): on a slow line the page's own HTML comes first, the app's modules after.
		const messages = watchConsole(page);
		const served = await request.get('/kitas');
		expect(served.headers()['link'] ?? '').not.toContain('modulepreload');
		for (const path of ['/', '/kitas', '/login', '/registrieren']) {
			await page.goto(path);
			await page.waitForFunction(() => performance.getEntriesByName('kita-portal:first-render').length > 0);
			const { paint, modules } = await page.evaluate(() => ({
				paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Infinity,
				modules: performance
					.getEntriesByType('resource')
					.filter((entry) => new URL(entry.name).pathname.startsWith('/_app/immutable/'))
					.map((entry) => entry.startTime)
			}));
			expect(paint, path).toBeLessThan(Infinity);
			expect(modules.length, path).toBeGreaterThan(0);
			expect(Math.min(...modules), path).toBeGreaterThanOrEqual(paint);
		}
		// Hydrated all the same, and the policy allowed the rewritten start script (no CSP error).
		await expect(page.getByRole('button', { name: t('de', 'signup_submit') })).toBeEnabled();
		expect(messages.filter((text) => !text.includes('Service Worker registration blocked'))).toEqual([]);
		// A page rendered in the browser has nothing to paint first: its modules are announced at once.
		const shell = await request.get('/konto');
		expect(shell.headers()['link'] ?? '').toContain('modulepreload');
	});

	test('what is tapped before the page has its code is held, then done once: a form sent, a button pressed', async ({
		page
	}) => {
		// On a slow line the page shows before its code. The entry module here arrives only when the test
		// lets it, after the taps (the page's load event waits for it: hence 'domcontentloaded').
		const messages = watchConsole(page);
		let arrive = () => {};
		const holdCode = async () => {
			await page.unrouteAll();
			const arrived = new Promise<void>((resolve) => (arrive = resolve));
			await page.route(/\/_app\/immutable\/entry\/app\.[\w-]+\.js$/, async (route) => {
				await arrived;
				await route.continue();
			});
		};
		const sentByBrowser: string[] = [];
		let logins = 0;
		page.on('request', (request) => {
			if (request.isNavigationRequest() && request.method() !== 'GET') sentByBrowser.push(request.url());
			if (request.url().includes('auth.login')) logins += 1;
		});
		const bookmarkOf = (card: number) =>
			results(page)
				.nth(card)
				.getByRole('button', { name: /merken/i });

		// The first card bookmarked on this device (the server's render cannot know it: ☆ for all).
		await page.goto('/kitas');
		await expect(page.locator('[data-server-list][data-live]')).toHaveCount(1, { timeout: 15_000 });
		await bookmarkOf(0).click();
		await expect(bookmarkOf(0)).toHaveAttribute('aria-pressed', 'true');

		// The finder again, its code held back: the language button (the layout's) and two cards'
		// bookmarks (the list's, which takes over after the page), the second tapped twice — one wish.
		await holdCode();
		await page.goto('/kitas', { waitUntil: 'domcontentloaded' });
		const language = page.getByRole('button', { name: /^Sprache/ });
		await language.click();
		await bookmarkOf(0).click();
		await bookmarkOf(1).click();
		await bookmarkOf(1).click();
		for (const button of [language, bookmarkOf(0), bookmarkOf(1)])
			await expect(button).toHaveAttribute('aria-busy', 'true');
		await expect(language).toHaveAttribute('aria-expanded', 'false');
		arrive();
		await expect(page.locator('[data-server-list][data-live]')).toHaveCount(1, { timeout: 15_000 });
		await expect(language).toHaveAttribute('aria-expanded', 'true');
		await expect(page.getByRole('list', { name: 'Sprache' })).toBeVisible();
		// Both as tapped on ☆: bookmarked — the first stays so, it is not toggled off.
		for (const button of [bookmarkOf(0), bookmarkOf(1)]) {
			await expect(button).toHaveAttribute('aria-pressed', 'true');
			await expect(button).not.toHaveAttribute('aria-busy');
		}
		await expect(language).not.toHaveAttribute('aria-busy');
		await page.waitForTimeout(300);
		await expect(bookmarkOf(1)).toHaveAttribute('aria-pressed', 'true');

		// The login: typed and sent before the code; the browser does not send it (a page request with the
		// password), the app sends it once, when it runs.
		await holdCode();
		await page.goto('/login', { waitUntil: 'domcontentloaded' });
		await page.getByLabel('E-Mail-Adresse').fill('eltern@demo.kita-portal.invalid');
		await page.getByLabel('Passwort', { exact: true }).fill('Eltern-Demo-2026');
		const send = page.getByRole('button', { name: t('de', 'login_submit'), exact: true });
		await send.click();
		await expect(send).toHaveAttribute('aria-busy', 'true');
		await page.waitForTimeout(300);
		expect(new URL(page.url()).pathname).toBe('/login');
		arrive();
		await expect(page.getByRole('banner').getByText('Angemeldet: Erika Musterfrau')).toBeVisible({
			timeout: 15_000
		});
		expect(sentByBrowser).toEqual([]);
		expect(logins).toBe(1);
		expect(messages.filter((text) => !text.includes('Service Worker registration blocked'))).toEqual([]);
	});

	test('a sending held before the code is given up when the person types on', async ({ page }) => {
		let arrive = () => {};
		const arrived = new Promise<void>((resolve) => (arrive = resolve));
		await page.route(/\/_app\/immutable\/entry\/app\.[\w-]+\.js$/, async (route) => {
			await arrived;
			await route.continue();
		});
		let logins = 0;
		page.on('request', (request) => void (request.url().includes('auth.login') && (logins += 1)));
		await page.goto('/login', { waitUntil: 'domcontentloaded' });
		await page.getByLabel('E-Mail-Adresse').fill('eltern@demo.kita-portal.invalid');
		const send = page.getByRole('button', { name: t('de', 'login_submit'), exact: true });
		await send.click();
		await expect(send).toHaveAttribute('aria-busy', 'true');
		await page.getByLabel('Passwort', { exact: true }).fill('Eltern-Demo-2026');
		await expect(send).not.toHaveAttribute('aria-busy');
		arrive();
		await page.waitForFunction(() => performance.getEntriesByName('kita-portal:first-render').length > 0);
		await page.waitForTimeout(500);
		expect(logins).toBe(0);
		expect(new URL(page.url()).pathname).toBe('/login');
		// Sent now, it goes.
		await send.click();
		await expect(page.getByRole('banner').getByText('Angemeldet: Erika Musterfrau')).toBeVisible();
	});

	test('a page whose code breaks off on the line works as without JavaScript', async ({ page }) => {
		// The entry module never arrives (a patchy line): no form that cannot be sent, the reason shown,
		// and the finder's filters work as a plain GET form.
		await page.route(/\/_app\/immutable\/entry\/app\.[\w-]+\.js$/, (route) => route.abort('connectionreset'));
		await page.goto('/login');
		await expect(page.locator('html')).toHaveClass(/\bapp-failed\b/);
		await expect(page.getByText(t('de', 'form_needs_javascript'))).toBeVisible();
		await expect(page.getByLabel(t('de', 'auth_password'))).toBeHidden();
		await page.goto('/kitas');
		await expect(page.locator('html')).toHaveClass(/\bapp-failed\b/);
		const filters = page.getByRole('search', { name: 'Einrichtungen filtern' });
		await filters.getByLabel('Gemeinde').selectOption({ label: 'Werl' });
		await filters.getByRole('button', { name: 'Filter anwenden' }).click();
		await expect(page).toHaveURL(/gemeinde=werl/);
		await expect(count(page)).toHaveText('6 Einrichtungen gefunden');
	});
});

test('the login arrives as HTML, is sent only once hydrated, and says without JavaScript that it needs it', async ({
	page,
	browser,
	request
}) => {
	// As served: the heading and the form are in the HTML (Lighthouse's largest paint, issue 16).
	const html = await (await request.get('/login')).text();
	expect(html).toContain(`<h1>${t('de', 'login_title')}</h1>`);
	expect(html).toContain('type="password"');
	// Its button disabled until the start script runs (the browser would send the password itself).
	expect(html).toMatch(/<button type="submit" disabled/);
	// Hydrated without a mismatch, then it logs in as before.
	const messages = watchConsole(page);
	await page.goto('/login');
	await page.waitForFunction(() => performance.getEntriesByName('kita-portal:first-render').length > 0);
	await expect(page.getByRole('button', { name: t('de', 'login_submit'), exact: true })).toBeEnabled();
	await expect(page.getByText(t('de', 'form_needs_javascript'))).toBeHidden();
	expect(messages).toEqual([]);
	// Without JavaScript: no form that could be sent, and the reason.
	const context = await browser.newContext({ javaScriptEnabled: false, locale: 'de-DE' });
	const noScript = await context.newPage();
	await noScript.goto('/login');
	await expect(noScript.getByRole('heading', { level: 1 })).toHaveText(t('de', 'login_title'));
	await expect(noScript.getByText(t('de', 'form_needs_javascript'))).toBeVisible();
	await expect(noScript.getByLabel(t('de', 'auth_password'))).toBeHidden();
	await context.close();
});

test('a Kita page is hydrated without a mismatch', async ({ page, request }) => {
	const messages = watchConsole(page);
	const facility = (await pullPublicData(request)).facilities.find((f) => f.active);
	if (!facility) throw new Error('no active Kita');
	await page.goto(`/kitas/${facility.id}`);
	await expect(page.getByRole('table', { name: t('de', 'facility_places_title') })).toBeVisible();
	await page.waitForFunction(() => performance.getEntriesByName('kita-portal:first-render').length > 0);
	await expect(page.getByRole('button', { name: /merken/i })).toBeVisible();
	expect(messages).toEqual([]);
});

test('finder and Kita page are hydrated without a mismatch, then filter at once', async ({ page }) => {
	const messages = watchConsole(page);
	await page.goto('/kitas?gemeinde=werl');
	const filters = page.getByRole('search', { name: 'Einrichtungen filtern' });
	await expect(filters.getByLabel('Gemeinde')).toHaveValue('werl');
	await expect(count(page)).toHaveText('6 Einrichtungen gefunden');
	await page.waitForFunction(() => performance.getEntriesByName('kita-portal:first-render').length > 0);
	await filters.getByLabel('Gemeinde').selectOption({ label: 'Alle Gemeinden' });
	await expect(count(page)).toHaveText('66 Einrichtungen gefunden');
	await expect(page).toHaveURL(/\/kitas$/);
	await expect(page.getByRole('button', { name: 'Filter anwenden' })).toBeHidden();
	await results(page).first().getByRole('link').click();
	await expect(page.getByRole('table', { name: t('de', 'facility_places_title') })).toBeVisible();
	await page.goto(page.url());
	await expect(page.getByRole('table', { name: t('de', 'facility_places_title') })).toBeVisible();
	await page.waitForFunction(() => performance.getEntriesByName('kita-portal:first-render').length > 0);
	await expect(page.getByRole('button', { name: /merken/i })).toBeVisible();
	expect(messages).toEqual([]);
});

test('the finder hydrates the server’s list (the same cards), which then follows the filter and bookmarks', async ({
	page
}) => {
	// The cards the server sent, marked as parsed, before the page's code runs.
	await page.addInitScript(() =>
		document.addEventListener('DOMContentLoaded', () => {
			const first = document.querySelector('[data-server-list] article');
			if (first) (first as Element & { fromServer?: boolean }).fromServer = true;
		})
	);
	const messages = watchConsole(page);
	await page.goto('/kitas');
	await expect(page.locator('[data-server-list][data-live]')).toHaveCount(1, { timeout: 15_000 });
	expect(
		await page.evaluate(
			() =>
				(document.querySelector('[data-server-list] article') as Element & { fromServer?: boolean })
					.fromServer
		)
	).toBe(true);
	const first = results(page).first();
	const bookmark = first.getByRole('button', { name: /merken/i });
	await bookmark.click();
	await expect(first.getByRole('button', { name: /merken/i })).toHaveAttribute('aria-pressed', 'true');
	await page
		.getByRole('search', { name: 'Einrichtungen filtern' })
		.getByLabel('Gemeinde')
		.selectOption({ label: 'Werl' });
	await expect(count(page)).toHaveText('6 Einrichtungen gefunden');
	await expect(results(page)).toHaveCount(6);
	expect(messages).toEqual([]);
});

test('the finder shows the device’s catalogue once a sync brought one that differs from the page’s', async ({
	page
}) => {
	// A page rendered before a Kita was renamed: its HTML and its inlined catalogue carry the old name.
	const current = 'AWO Familienzentrum Sausewind';
	const old = 'AWO Familienzentrum Windrad';
	await page.route(/\/kitas$/, async (route) => {
		const response = await route.fetch();
		const body = await response.text();
		expect(body).toContain(current);
		await route.fulfill({ response, body: body.replaceAll(current, old) });
	});
	const messages = watchConsole(page);
	await page.goto('/kitas');
	await expect(page.getByRole('link', { name: old, exact: true })).toBeVisible();
	await expect(page.locator('[data-server-list][data-live]')).toHaveCount(1, { timeout: 15_000 });
	await waitForSync(page);
	await expect(page.getByRole('link', { name: current, exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: old, exact: true })).toHaveCount(0);
	await expect(count(page)).toHaveText('66 Einrichtungen gefunden');
	expect(messages).toEqual([]);
});

test('a page first opened server-rendered keeps working offline after the worker took over', async ({
	page,
	context,
	request
}) => {
	const facility = (await pullPublicData(request)).facilities.find((f) => f.active);
	if (!facility) throw new Error('no active Kita');
	// The first visit: HTML from the server, then the worker installs and the catalogue syncs.
	const first = await page.goto(`/kitas/${facility.id}`);
	expect(first?.fromServiceWorker()).toBe(false);
	expect(await first?.text()).toContain(`<h1>${facility.name}</h1>`);
	await waitForServiceWorker(page);
	await waitForSync(page);

	await context.setOffline(true);
	const reloaded = await page.reload();
	expect(reloaded?.fromServiceWorker()).toBe(true);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(facility.name);
	await expect(page.getByRole('table', { name: t('de', 'facility_places_title') })).toBeVisible();
	await expect(syncIndicator(page)).toContainText('Offline');
	// Within the app, pages whose data the server renders open from the local database.
	await page.getByRole('link', { name: t('de', 'facility_back') }).click();
	await expect(count(page)).toHaveText('66 Einrichtungen gefunden');
	await results(page).first().getByRole('link').click();
	await expect(page.getByRole('table', { name: t('de', 'facility_places_title') })).toBeVisible();
	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Startseite' })
		.click();
	await expect(page.getByRole('main')).toContainText('Anmeldung möglichst bis');
	await page
		.getByRole('contentinfo')
		.getByRole('link', { name: t('de', 'footer_imprint') })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('de', 'imprint_title'));
});

test('a language chosen with the switcher is the one the server renders in next time', async ({ page }) => {
	await page.goto('/impressum');
	await page.waitForFunction(() => performance.getEntriesByName('kita-portal:first-render').length > 0);
	await page.getByRole('button', { name: /Sprache|Language/ }).click();
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'imprint_title'));
	const html = await (await page.request.get('/impressum')).text();
	expect(html).toContain(`<h1>${t('en', 'imprint_title')}</h1>`);
});
