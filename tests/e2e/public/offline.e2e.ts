// Offline first: after one online visit the finder, a Kita's page and the start page open without
// network, also by deep link and after the browser was closed and started again.
import { expect, test } from '@playwright/test';
import { t } from '../a11y/catalogue';
import {
	isControlled,
	openForOffline,
	pullPublicData,
	syncIndicator,
	waitForServiceWorker,
	waitForSync
} from '../helpers';

const OFFLINE = 'Offline – Sie sehen den zuletzt geladenen Stand';

test('after one online visit the finder, a Kita deep link and the start page work offline', async ({
	page,
	context,
	request
}) => {
	const facility = (await pullPublicData(request)).facilities.find((f) => f.active);
	expect(facility).toBeDefined();
	if (!facility) return;

	await openForOffline(page, '/kitas');
	await expect(page.getByRole('main').getByRole('status')).toHaveText('66 Einrichtungen gefunden');
	await expect(syncIndicator(page)).toContainText('Online');

	await context.setOffline(true);
	const reloaded = await page.reload();
	expect(reloaded?.fromServiceWorker(), '/kitas came from the service worker').toBe(true);
	await expect(page.getByRole('heading', { level: 1, name: 'Kita finden' })).toBeVisible();
	await expect(page.getByRole('main').getByRole('status')).toHaveText('66 Einrichtungen gefunden');
	await expect(page.getByRole('main').getByRole('article')).toHaveCount(20);
	// The next page of hits offline too (its texts load with the list's code, from the worker's cache).
	await page.getByRole('main').getByRole('link', { name: 'Weitere 20 Einrichtungen anzeigen' }).click();
	await expect(page.getByRole('main').getByRole('article')).toHaveCount(40);
	await expect(syncIndicator(page)).toContainText(OFFLINE);
	await expect(syncIndicator(page)).toContainText('Letzter Abgleich');

	const deepLink = await page.goto(`/kitas/${facility.id}`);
	expect(deepLink?.fromServiceWorker()).toBe(true);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(facility.name);
	await expect(page.getByRole('table', { name: 'Freie Plätze' })).toBeVisible();
	await expect(syncIndicator(page)).toContainText(OFFLINE);

	const home = await page.goto('/');
	expect(home?.fromServiceWorker()).toBe(true);
	await expect(page.getByRole('heading', { level: 1, name: 'Willkommen im Kita-Portal' })).toBeVisible();
	// The Kita years come from the local database, not from the network.
	await expect(page.getByRole('main')).toContainText('Anmeldung möglichst bis');

	// A link inside the app also works offline (client-side navigation from the local database).
	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Kita finden' })
		.click();
	await expect(page.getByRole('main').getByRole('status')).toHaveText('66 Einrichtungen gefunden');
});

test('a Kita deep link opens offline after the browser was closed and started again', async ({
	playwright,
	launchOptions,
	baseURL,
	request
}, testInfo) => {
	const facility = (await pullPublicData(request)).facilities.find((f) => f.active);
	expect(facility).toBeDefined();
	if (!facility) return;

	const userDataDir = testInfo.outputPath('profile');
	const options = { ...launchOptions, baseURL, locale: 'de-DE', timezoneId: 'Europe/Berlin' };

	const first = await playwright.chromium.launchPersistentContext(userDataDir, options);
	try {
		const page = first.pages()[0] ?? (await first.newPage());
		await openForOffline(page, '/kitas');
		await expect(page.getByRole('main').getByRole('status')).toHaveText('66 Einrichtungen gefunden');
	} finally {
		await first.close();
	}

	const second = await playwright.chromium.launchPersistentContext(userDataDir, options);
	try {
		await second.setOffline(true);
		const page = second.pages()[0] ?? (await second.newPage());
		const response = await page.goto(`/kitas/${facility.id}`);
		expect(response?.fromServiceWorker(), 'the deep link came from the service worker').toBe(true);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(facility.name);
		await expect(page.getByRole('table', { name: 'Freie Plätze' })).toBeVisible();
		await expect(syncIndicator(page)).toContainText(OFFLINE);

		// Back online, the restarted app is controlled at once and syncs again.
		await second.setOffline(false);
		await page.reload();
		await waitForServiceWorker(page);
		await waitForSync(page);
		await expect(syncIndicator(page)).toContainText('Online');
	} finally {
		await second.close();
	}
});

test('on the first visit the worker takes control without reloading the page', async ({ page }) => {
	let loads = 0;
	page.on('load', () => loads++);
	await page.goto('/kitas');
	// Typed before the worker is active, and not yet in the address (only five digits are applied).
	await page.getByLabel('Sortierung').selectOption({ label: 'Entfernung von einer Postleitzahl' });
	await page.getByLabel('Postleitzahl').fill('5945');

	await expect
		.poll(() => isControlled(page), { message: 'no service worker took control', timeout: 15_000 })
		.toBe(true);
	// A reload on the claim would follow at once; give it time to show.
	await page.waitForTimeout(1_000);
	expect(loads, 'the page was reloaded when the worker took control').toBe(1);
	await expect(page.getByLabel('Postleitzahl')).toHaveValue('5945');
});

test('offline in another language than German: the worker kept that language, every area shows its texts', async ({
	page,
	context,
	request
}) => {
	const missing: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error' && /message \w+ is not loaded/.test(message.text()))
			missing.push(message.text());
	});
	await page.addInitScript(() => localStorage.setItem('PARAGLIDE_LOCALE', 'tr'));
	await page.goto('/');
	await waitForServiceWorker(page);
	await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
	// The worker precaches German only and caches the device's language when the page asks: all of
	// its files (one per area; offline before they are all there, an area shows German).
	const turkishFiles = new Set((await (await request.get('/sw.js')).text()).match(/[\w-]+\.tr\.js/g)).size;
	expect(turkishFiles).toBeGreaterThan(20);
	await expect
		.poll(
			() => page.evaluate(async () => (await (await caches.open('kita-portal-messages')).keys()).length),
			{ message: 'Turkish texts not cached by the worker', timeout: 30_000 }
		)
		.toBe(turkishFiles);

	await context.setOffline(true);
	for (const [path, key] of [
		['/kitas', 'finder_title'],
		['/hilfe', 'help_title'],
		['/barrierefreiheit', 'a11y_title'],
		['/login', 'login_title']
	] as const) {
		const response = await page.goto(path);
		expect(response?.fromServiceWorker(), `${path} came from the service worker`).toBe(true);
		// The texts load from the worker's cache after the page; on a busy machine (two e2e shards on two
		// cores) that took longer than the default five seconds once.
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('tr', key), { timeout: 15_000 });
	}
	expect(missing).toEqual([]);
});
