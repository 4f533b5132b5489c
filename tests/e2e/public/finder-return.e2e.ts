// Issue 13, point 9: the way back from a Kita to the finder keeps the list — its filters (in the
// address, so reload, bookmark and shared link keep them too) and, where the user scrolled to, the
// position — by the browser's back button, by the Kita page's own link, and after a reload.
import { expect, test, type Page } from '@playwright/test';

test.use({ serviceWorkers: 'block' });

const count = (page: Page) => page.getByRole('main').getByRole('status');
const results = (page: Page) => page.getByRole('main').getByRole('article');
const resultNames = (page: Page) => results(page).getByRole('heading', { level: 2 }).allTextContents();
const filters = (page: Page) => page.getByRole('search', { name: 'Einrichtungen filtern' });
const backLink = (page: Page) => page.getByRole('link', { name: 'Zurück zu „Kita finden“' });

interface Shown {
	url: string;
	values: Record<string, string>;
	checked: boolean;
	count: string;
	names: string[];
}

async function shown(page: Page): Promise<Shown> {
	const f = filters(page);
	const values: Record<string, string> = {};
	for (const label of ['Gemeinde', 'Geburtsdatum des Kindes', 'Betreuungszeit', 'Sortierung', 'Postleitzahl'])
		values[label] = await f.getByLabel(label).inputValue();
	return {
		url: page.url(),
		values,
		checked: await f.getByRole('checkbox', { name: 'Familienzentrum' }).isChecked(),
		count: (await count(page).textContent()) ?? '',
		names: await resultNames(page)
	};
}

async function expectSameList(page: Page, before: Shown): Promise<void> {
	await expect(page.getByRole('heading', { level: 1, name: 'Kita finden' })).toBeVisible();
	await expect(count(page)).toHaveText(before.count, { timeout: 15_000 });
	await expect(results(page)).toHaveCount(before.names.length);
	expect(await shown(page)).toEqual(before);
}

/**
 * Waits until the page opened from the server has its code and the list's code has taken over the
 * server's list: before that, typing does not filter yet, a link is a page load of its own, and (when
 * the list was still rendered anew) an element of it could be replaced while the test scrolled to it.
 */
async function hydrated(page: Page): Promise<void> {
	await page.waitForFunction(() => performance.getEntriesByName('kita-portal:first-render').length > 0);
	await expect(page.locator('[data-server-list][data-live]')).toHaveCount(1, { timeout: 15_000 });
}

/** Opens the Kita of that name from the list and waits for its page. */
async function openKita(page: Page, name: string): Promise<void> {
	await page.getByRole('link', { name, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

test('municipality, age, hours, feature and sort survive the way to a Kita and back, and a reload', async ({
	page
}) => {
	await page.goto('/kitas');
	await expect(count(page)).toHaveText('66 Einrichtungen gefunden', { timeout: 15_000 });
	const f = filters(page);
	await f.getByLabel('Gemeinde').selectOption({ label: 'Werl' });
	await f.getByLabel('Geburtsdatum des Kindes').fill('2023-03-01');
	await f.getByLabel('Betreuungszeit').selectOption({ label: '35 Stunden/Woche' });
	await f.getByRole('checkbox', { name: 'Familienzentrum' }).check();
	await f.getByLabel('Sortierung').selectOption({ label: 'Entfernung von einer Postleitzahl' });
	await f.getByLabel('Postleitzahl').fill('59457');
	await expect(page).toHaveURL(/[?&]plz=59457\b/);
	await expect(results(page).first()).toContainText('km entfernt');
	const before = await shown(page);
	expect(before.count).not.toBe('66 Einrichtungen gefunden');
	expect(before.names.length).toBeGreaterThan(0);
	const kita = before.names[0] ?? '';

	// The browser's back button.
	await openKita(page, kita);
	await page.goBack();
	await expectSameList(page, before);

	// The Kita page's own link.
	await openKita(page, kita);
	await backLink(page).click();
	await expectSameList(page, before);

	// The Kita page reloaded first: its link still knows the list.
	await openKita(page, kita);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(kita);
	await expect(backLink(page)).toHaveAttribute(
		'href',
		new URL(before.url).pathname + new URL(before.url).search
	);
	await backLink(page).click();
	await expectSameList(page, before);

	// The finder reloaded.
	await page.reload();
	await expectSameList(page, before);
});

test('back at the list, it is scrolled to where the Kita was opened', async ({ page }) => {
	await page.goto('/kitas?stunden=45');
	await hydrated(page);
	await expect(count(page)).toHaveText(/^\d+ Einrichtungen gefunden$/, { timeout: 15_000 });
	const found = (await count(page).textContent()) ?? '';
	// A Kita beyond the first page of 20: the way back shows as many as were shown.
	await page.getByRole('main').getByRole('link', { name: 'Weitere 20 Einrichtungen anzeigen' }).click();
	await expect(page).toHaveURL(/\/kitas\?stunden=45&anzahl=40$/);
	const names = await resultNames(page);
	expect(names.length).toBeGreaterThan(30);
	const kita = names[25] ?? '';
	const link = page.getByRole('link', { name: kita, exact: true });
	// Scrolled there directly: Playwright's own scrolling waits for the element to hold still, which
	// on a busy machine timed out once while the list was still being laid out.
	await link.evaluate((element) => element.scrollIntoView({ block: 'center' }));
	const y = await page.evaluate(() => scrollY);
	expect(y).toBeGreaterThan(1000);

	const expectScrolledBack = async () => {
		await expect(count(page)).toHaveText(found, { timeout: 15_000 });
		await expect(results(page)).toHaveCount(names.length);
		await expect.poll(() => page.evaluate(() => scrollY)).toBe(y);
		await expect(link).toBeInViewport();
	};

	await link.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(kita);
	await page.goBack();
	await expectScrolledBack();

	await link.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(kita);
	await backLink(page).click();
	await expect(page).toHaveURL(/\/kitas\?stunden=45&anzahl=40$/);
	await expectScrolledBack();

	// The menu's "Kita finden", clicked on the filtered list itself, opens the finder without filters:
	// the list follows the address, not the filter it showed before.
	const menu = page.getByRole('navigation', { name: 'Hauptnavigation' });
	await menu.getByRole('link', { name: 'Kita finden' }).click();
	await expect(page).toHaveURL(/\/kitas$/);
	await expect(count(page)).toHaveText('66 Einrichtungen gefunden', { timeout: 15_000 });
	await expect(filters(page).getByLabel('Betreuungszeit')).toHaveValue('');

	// A list opened afresh from the menu starts at the top.
	await page.goto('/kitas?stunden=45');
	await hydrated(page);
	await expect(count(page)).toHaveText(found, { timeout: 15_000 });
	await page
		.getByRole('link', { name: names[15], exact: true })
		.evaluate((element) => element.scrollIntoView({ block: 'center' }));
	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Startseite' })
		.click();
	await expect(page).toHaveURL(/\/$/);
	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Kita finden' })
		.click();
	await expect(count(page)).toHaveText('66 Einrichtungen gefunden', { timeout: 15_000 });
	expect(await page.evaluate(() => scrollY)).toBe(0);
});

test('a Kita opened while the typed search is not yet in the address opens, and back keeps the search', async ({
	page
}) => {
	await page.goto('/kitas');
	await hydrated(page);
	await expect(count(page)).toHaveText('66 Einrichtungen gefunden', { timeout: 15_000 });
	const search = page.getByRole('searchbox', { name: 'Name, Träger oder Ort' });
	// Clicked at once: the address follows typing only after a pause.
	await search.fill('löwenz');
	await page.getByRole('link', { name: 'Städtische Kita Löwenzahn', exact: true }).click();
	await expect(page).toHaveURL(/\/kitas\/[\w-]+$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Städtische Kita Löwenzahn');
	await expect(backLink(page)).toHaveAttribute('href', '/kitas?q=l%C3%B6wenz');

	await page.goBack();
	await expect(page).toHaveURL(/\/kitas\?q=l%C3%B6wenz$/);
	await expect(count(page)).toHaveText('1 Einrichtung gefunden', { timeout: 15_000 });
	await expect(search).toHaveValue('löwenz');
});

test('back pressed while the typed search is not yet in the address shows the page before under its own address', async ({
	page
}) => {
	await page.goto('/');
	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Kita finden' })
		.click();
	await expect(count(page)).toHaveText('66 Einrichtungen gefunden', { timeout: 15_000 });
	// Back at once: the address follows typing only after a pause, and by then the list is left.
	await page.getByRole('searchbox', { name: 'Name, Träger oder Ort' }).fill('löwenz');
	await page.goBack();
	await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Kita finden');
	await page.waitForTimeout(500);
	await expect(page).toHaveURL(/\/$/);

	// Forward returns to the finder as its entry was left: unfiltered, or with the search where the
	// pause after typing ended before the browser left the page (a busy machine) — never mixed up.
	await page.goForward();
	await expect(page).toHaveURL(/\/kitas(\?q=l%C3%B6wenz)?$/);
	const searched = new URL(page.url()).search !== '';
	await expect(count(page)).toHaveText(searched ? '1 Einrichtung gefunden' : '66 Einrichtungen gefunden', {
		timeout: 15_000
	});
	await expect(page.getByRole('searchbox', { name: 'Name, Träger oder Ort' })).toHaveValue(
		searched ? 'löwenz' : ''
	);
});
