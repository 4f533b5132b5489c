// "Kita finden": filters narrow the list of the 66 demo Kitas, the filter lives in the address,
// and a Kita opened from the list shows its facts and free places.
import { expect, test, type Page } from '@playwright/test';
import { pullPublicData } from '../helpers';

// These flows are about the finder, not the worker: without it the first visit is not reloaded
// when the worker takes control (offline.e2e.ts covers the worker).
test.use({ serviceWorkers: 'block' });

const count = (page: Page) => page.getByRole('main').getByRole('status');
const results = (page: Page) => page.getByRole('main').getByRole('article');
const resultNames = (page: Page) => results(page).getByRole('heading', { level: 2 }).allTextContents();
const moreLink = (page: Page) =>
	page
		.getByRole('main')
		.getByRole('link', { name: /^Weitere \d+ Einrichtungen? anzeigen$|^Eine weitere Einrichtung anzeigen$/ });

/** The first day of the month `monthsAgo` months before today, as yyyy-mm-dd. */
function firstOfMonthAgo(monthsAgo: number): string {
	const now = new Date();
	return new Date(Date.UTC(now.getFullYear(), now.getMonth() - monthsAgo, 1)).toISOString().slice(0, 10);
}

test.beforeEach(async ({ page }) => {
	await page.goto('/kitas');
	await expect(page.getByRole('heading', { level: 1, name: 'Kita finden' })).toBeVisible();
	await expect(count(page)).toHaveText('66 Einrichtungen gefunden', { timeout: 15_000 });
	// A page of 20 at first (issue 16: the whole list was a phone's longest layout and hydration).
	await expect(results(page)).toHaveCount(20);
	await expect(page.getByRole('main').getByText('Angezeigt: 20 von 66')).toBeVisible();
});

test('the list shows 20 hits at a time: "more" shows the next ones, with the focus on the first of them', async ({
	page
}) => {
	await expect(page.locator('[data-server-list][data-live]')).toHaveCount(1, { timeout: 15_000 });
	const first20 = await resultNames(page);
	await moreLink(page).click();
	await expect(results(page)).toHaveCount(40);
	const first40 = await resultNames(page);
	expect(first40.slice(0, 20)).toEqual(first20);
	// The focus is on the 21st Kita's link, so that a keyboard or screen reader goes on from there.
	await expect(page.getByRole('link', { name: first40[20], exact: true })).toBeFocused();
	await expect(page).toHaveURL(/\/kitas\?anzahl=40$/);
	await moreLink(page).click();
	await expect(results(page)).toHaveCount(60);
	await expect(moreLink(page)).toHaveText('Weitere 6 Einrichtungen anzeigen');
	await moreLink(page).click();
	await expect(results(page)).toHaveCount(66);
	await expect(moreLink(page)).toHaveCount(0);
	await expect(page.getByRole('main').getByText(/^Angezeigt:/)).toHaveCount(0);
	const all = await resultNames(page);
	expect(all).toEqual([...all].sort((a, b) => a.localeCompare(b, 'de')));

	// A new search starts with a page again, and the address no longer asks for more.
	await page
		.getByRole('search', { name: 'Einrichtungen filtern' })
		.getByLabel('Name, Träger oder Ort')
		.fill('Kita');
	await expect(page).toHaveURL(/\/kitas\?q=Kita$/);
	await expect(results(page)).toHaveCount(20);
});

test('municipality, feature and weekly hours narrow the list; the address keeps the filter', async ({
	page
}) => {
	const filters = page.getByRole('search', { name: 'Einrichtungen filtern' });
	await filters.getByLabel('Gemeinde').selectOption({ label: 'Werl' });
	await expect(count(page)).toHaveText('6 Einrichtungen gefunden');
	await expect(results(page)).toHaveCount(6);
	for (const article of await results(page).all()) await expect(article).toContainText('Werl');
	await expect(page).toHaveURL(/[?&]gemeinde=werl\b/);

	await filters.getByRole('checkbox', { name: 'Familienzentrum' }).check();
	await expect(count(page)).toHaveText('2 Einrichtungen gefunden');
	for (const article of await results(page).all()) await expect(article).toContainText('Familienzentrum');

	await filters.getByRole('checkbox', { name: 'Familienzentrum' }).uncheck();
	await filters.getByLabel('Betreuungszeit').selectOption({ label: '25 Stunden/Woche' });
	await expect(count(page)).toHaveText('4 Einrichtungen gefunden');
	for (const article of await results(page).all()) await expect(article).toContainText(/\b25 \//);
	await expect(page).toHaveURL(/[?&]stunden=25\b/);

	await page.reload();
	await expect(count(page)).toHaveText('4 Einrichtungen gefunden', { timeout: 15_000 });
	await expect(filters.getByLabel('Gemeinde')).toHaveValue('werl');
	await expect(filters.getByLabel('Betreuungszeit')).toHaveValue('25');

	await filters.getByRole('button', { name: 'Filter zurücksetzen' }).click();
	await expect(count(page)).toHaveText('66 Einrichtungen gefunden');
	await expect(filters.getByLabel('Gemeinde')).toHaveValue('');
	await expect(page).toHaveURL(/\/kitas$/);
});

test('free text search finds a Kita by part of its name, with or without umlauts', async ({ page }) => {
	const search = page.getByRole('searchbox', { name: 'Name, Träger oder Ort' });
	await search.fill('löwenz');
	await expect(count(page)).toHaveText('1 Einrichtung gefunden');
	expect(await resultNames(page)).toEqual(['Städtische Kita Löwenzahn']);

	await search.fill('salzer');
	await expect(count(page)).toHaveText('2 Einrichtungen gefunden');
	expect(await resultNames(page)).toEqual(['Gemeindliche Kita Sälzerland', 'Waldkindergarten Sälzerwichtel']);
	await expect(page).toHaveURL(/[?&]q=salzer\b/);

	await search.fill('gibt es nicht');
	await expect(count(page)).toHaveText('0 Einrichtungen gefunden');
	await expect(results(page)).toHaveCount(0);
});

test('birth date and start date keep only Kitas that take a child of that age', async ({ page, request }) => {
	const data = await pullPublicData(request);
	// 8 months old at the start: every Kita that takes children that young, and no other.
	const expected = data.facilities
		.filter((f) => f.active && f.minAgeMonths <= 8 && f.maxAgeMonths >= 8)
		.map((f) => f.name);
	expect(expected.length).toBeGreaterThan(0);
	expect(expected.length).toBeLessThan(66);

	const filters = page.getByRole('search', { name: 'Einrichtungen filtern' });
	await filters.getByLabel('Geburtsdatum des Kindes').fill(firstOfMonthAgo(10));
	await filters.getByLabel('Gewünschter Betreuungsbeginn').fill(firstOfMonthAgo(2));
	await expect(count(page)).toHaveText(`${expected.length} Einrichtungen gefunden`);
	expect((await resultNames(page)).sort()).toEqual(expected.sort());
	// The Waldkindergärten take children from three years only.
	await expect(results(page).filter({ hasText: 'Waldkindergarten' })).toHaveCount(0);
	await expect(filters.getByLabel('Geburtsdatum des Kindes')).toHaveAttribute('aria-invalid', 'false');
});

test('sorting by distance from a postcode puts a nearby Kita first; an unknown postcode is explained', async ({
	page
}) => {
	const filters = page.getByRole('search', { name: 'Einrichtungen filtern' });
	await filters.getByLabel('Sortierung').selectOption({ label: 'Entfernung von einer Postleitzahl' });
	const postcode = filters.getByLabel('Postleitzahl');
	await postcode.fill('59457');
	await expect(page).toHaveURL(/[?&]plz=59457\b/);
	await expect(results(page).first()).toContainText('km entfernt');
	await expect(results(page).first()).toContainText(/\b59457\s+Werl\b/);
	// Every Kita, with its distance: the list shows them 20 at a time.
	while ((await moreLink(page).count()) > 0) await moreLink(page).click();

	const distances = (await results(page).allTextContents()).map((text) => {
		const km = /([\d.]+(?:,\d+)?) km entfernt/.exec(text)?.[1];
		expect(km, `no distance in: ${text}`).toBeDefined();
		return Number(km?.replace(/\./g, '').replace(',', '.'));
	});
	expect(distances).toHaveLength(66);
	expect(distances).toEqual([...distances].sort((a, b) => a - b));

	await postcode.fill('12345');
	await expect(
		filters.getByText(
			'Diese Postleitzahl liegt nicht im Zuständigkeitsgebiet. Die Liste bleibt nach Namen sortiert.'
		)
	).toBeVisible();
	await expect(postcode).toHaveAttribute('aria-invalid', 'true');
	await expect(count(page)).toHaveText('66 Einrichtungen gefunden');
	await expect(results(page).filter({ hasText: 'km entfernt' })).toHaveCount(0);
	const names = await resultNames(page);
	expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'de')));
});

test('a Kita opened from the list shows its facts and free places per Kita year', async ({
	page,
	request
}) => {
	const data = await pullPublicData(request);
	// A Kita that has not reported places for one of the Kita years.
	const years = data.kitaYears;
	const facility = data.facilities.find(
		(f) =>
			f.active &&
			years.some((y) => !data.capacities.some((c) => c.facilityId === f.id && c.kitaYearId === y.id))
	);
	expect(facility, 'the demo data has a Kita without figures for a year').toBeDefined();
	if (!facility) return;

	await page.getByRole('searchbox', { name: 'Name, Träger oder Ort' }).fill(facility.name);
	await expect(count(page)).toHaveText('1 Einrichtung gefunden');
	await page.getByRole('link', { name: facility.name, exact: true }).click();

	await expect(page).toHaveURL(`/kitas/${facility.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(facility.name);
	await expect(page).toHaveTitle(`${facility.name}, ${facility.town} – Kita-Portal`);
	const main = page.getByRole('main');
	await expect(main.getByRole('definition').filter({ hasText: facility.provider })).toHaveCount(1);
	await expect(main.getByRole('definition').filter({ hasText: facility.street })).toContainText(
		`${facility.postcode} ${facility.town}`
	);

	const table = main.getByRole('table', { name: 'Freie Plätze' });
	await expect(table).toBeVisible();
	for (const year of years) {
		const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: year.label }) });
		const cells = row.getByRole('cell');
		await expect(cells).toHaveCount(3);
		const ofYear = data.capacities.filter((c) => c.facilityId === facility.id && c.kitaYearId === year.id);
		if (ofYear.length === 0) {
			await expect(cells).toHaveText(['keine Angabe', 'keine Angabe', 'keine Angabe']);
		} else {
			const places = ofYear.reduce((sum, c) => sum + c.places, 0);
			const free = places - ofYear.reduce((sum, c) => sum + c.contracted, 0);
			await expect(cells.last()).toHaveText(`${free} von ${places} frei`);
			for (const cell of await cells.all())
				await expect(cell).toHaveText(/^(\d+ von \d+ frei|keine Angabe)$/);
		}
	}

	await page.getByRole('link', { name: 'Zurück zu „Kita finden“' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Kita finden' })).toBeVisible();
});

test('the catalogue reaches the browser compressed, brotli or gzip (phones on patchy connections)', async ({
	browser
}) => {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	const pull = page.waitForResponse((r) => r.url().includes('/api/trpc/sync.pull'));
	await page.goto('/kitas');
	const response = await pull;
	// Chromium accepts brotli, which the catalogue cache holds beside gzip (issue 16 point 4).
	expect(await response.headerValue('content-encoding')).toBe('br');
	const sizes = await response.request().sizes();
	// The body on the wire is a fraction of the JSON the page reads.
	expect(sizes.responseBodySize).toBeLessThan((await response.body()).length / 3);
	await context.close();
});
