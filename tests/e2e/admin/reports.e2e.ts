// Issue 13, point 14: the youth office's reports show their charts before the long tables, and a
// municipality chosen above them narrows charts and tables alike (the server computes the report).
import { expect, test, type Page } from '@playwright/test';
import { withDb } from '../staff/steps';
import { DEMO_ADMIN, loginWithTotp } from './steps';

/** The places of the active Kitas in the year, in the district or one municipality. */
function places(kitaYearId: string, municipalityId?: string): number {
	return withDb(
		(db) =>
			(
				db
					.prepare(
						`SELECT COALESCE(SUM(c.places), 0) AS n FROM capacities c JOIN facilities f ON f.id = c.facility_id
						 WHERE f.active = 1 AND c.kita_year_id = ? AND (? IS NULL OR f.municipality_id = ?)`
					)
					.get(kitaYearId, municipalityId ?? null, municipalityId ?? null) as { n: number }
			).n
	);
}

const demandTable = (page: Page) => page.getByRole('table', { name: 'Nachfrage und Plätze' });
/** The "Plätze" figure in the demand table's sum row. */
const totalPlaces = (page: Page) =>
	demandTable(page).getByRole('row').filter({ hasText: 'Summe' }).getByRole('cell').first();

test('the charts come first; a municipality narrows charts and tables', async ({ page }) => {
	await loginWithTotp(page, DEMO_ADMIN);
	await page.goto('/verwaltung/berichte');
	await expect(page.getByRole('heading', { level: 1, name: 'Berichte' })).toBeVisible();
	const status = page.getByRole('main').getByRole('status');
	await expect(status).toHaveText(/^Bericht für \d{4}\/\d{2}, erstellt am/, { timeout: 15_000 });
	const kitaYearId = await page.getByLabel('Kindergartenjahr').inputValue();

	// Every chart before every table, in document order (as a screen reader and a narrow screen read).
	const order = await page.getByRole('main').evaluate((main) => {
		const charts = [...main.querySelectorAll('[role="img"]')];
		const tables = [...main.querySelectorAll('table')];
		const firstTable = tables[0];
		return {
			charts: charts.length,
			tables: tables.length,
			chartsFirst:
				firstTable !== undefined &&
				charts.every((c) => c.compareDocumentPosition(firstTable) & Node.DOCUMENT_POSITION_FOLLOWING)
		};
	});
	// Five charts; five or six tables (the children with a legal claim only when there are some).
	expect(order).toEqual({ charts: 5, tables: expect.any(Number), chartsFirst: true });
	expect(order.tables).toBeGreaterThanOrEqual(5);
	// Offers that blocked places (issue 17, point 5): a row per municipality, the district as sum row.
	const flow = page.getByRole('table', { name: 'Angebote, die Plätze blockiert haben' });
	expect(await flow.locator('tbody tr').count()).toBe(11);
	await expect(flow.getByRole('row').filter({ hasText: 'Summe' })).toHaveCount(1);
	await expect(page.getByRole('img', { name: /^Blockierte Platztage je Gemeinde/ })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText('Auf einen Blick');

	const district = places(kitaYearId);
	expect(district).toBeGreaterThan(0);
	await expect(totalPlaces(page)).toHaveText(district.toLocaleString('de-DE'));
	await expect(
		page.getByRole('img', { name: /^Freie Plätze und wartende Kinder je Gemeinde/ })
	).toBeVisible();

	const municipality = page.getByLabel('Gemeinde', { exact: true });
	await expect(municipality).toHaveValue('');
	await municipality.selectOption({ label: 'Werl' });
	await expect(status).toHaveText(/^Bericht für \d{4}\/\d{2}, Gemeinde Werl, erstellt am/);
	const werl = places(kitaYearId, 'werl');
	expect(werl).toBeGreaterThan(0);
	expect(werl).toBeLessThan(district);
	await expect(totalPlaces(page)).toHaveText(werl.toLocaleString('de-DE'));
	const rowHeaders = await demandTable(page).getByRole('rowheader').allTextContents();
	expect(new Set(rowHeaders)).toEqual(new Set(['Werl', 'Summe']));
	// The offer flow shows Werl alone, without the district's sum row.
	await expect(flow.locator('tbody tr')).toHaveCount(1);
	await expect(flow.getByRole('row').filter({ hasText: 'Summe' })).toHaveCount(0);
	// The chart follows: per age group and weekly hours in Werl.
	await expect(
		page.getByRole('img', { name: /^Freie Plätze und wartende Kinder in Werl je Altersgruppe/ })
	).toBeVisible();

	await municipality.selectOption({ label: 'Alle Gemeinden' });
	await expect(totalPlaces(page)).toHaveText(district.toLocaleString('de-DE'));
});

// Issue 15, point 8: each report table and its CSV come from one column definition — the CSV has
// the table's headers in the same order, one line per row and the sum row.
test('the CSV download holds the columns and rows of the table above it', async ({ page }) => {
	await loginWithTotp(page, DEMO_ADMIN);
	await page.goto('/verwaltung/berichte');
	await expect(page.getByRole('main').getByRole('status')).toHaveText(/^Bericht für/, { timeout: 15_000 });
	// The demand table has rows in the demo data; the offers table may have none (then only the sum).
	expect(
		await page.getByRole('table', { name: 'Nachfrage und Plätze' }).locator('tbody tr').count()
	).toBeGreaterThan(0);
	for (const title of ['Nachfrage und Plätze', 'Vertragsangebote', 'Angebote, die Plätze blockiert haben']) {
		const table = page.getByRole('table', { name: title });
		const headers = (await table.getByRole('columnheader').allTextContents()).map((h) => h.trim());
		const rows = await table.locator('tbody tr').count();
		const firstRowHeader = rows
			? (await table.locator('tbody tr').first().getByRole('rowheader').textContent())?.trim()
			: undefined;
		const downloading = page.waitForEvent('download');
		await page.getByRole('button', { name: `CSV herunterladen: ${title}` }).click();
		const download = await downloading;
		expect(download.suggestedFilename()).toMatch(/\.csv$/);
		const stream = await download.createReadStream();
		const chunks: Buffer[] = [];
		for await (const chunk of stream) chunks.push(chunk as Buffer);
		const lines = Buffer.concat(chunks)
			.toString('utf8')
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		expect(lines[0]?.split(';'), title).toEqual(headers);
		// The rows, then the sum row ("Summe").
		expect(lines, title).toHaveLength(1 + rows + 1);
		expect(lines.at(-1)?.startsWith('Summe;'), title).toBe(true);
		// The row header (a name) is written as shown; figures unformatted.
		if (rows) expect(lines[1]?.split(';')[0], title).toBe(firstRowHeader);
	}
});
