// Issue 17, point 2: a Kita publishes its admission criteria — its staff choose them from the
// youth office's catalogue and put them in order (the registration date always last) — and parents
// read them on the Kita's page, also without JavaScript.
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations, waitForEmptyOutbox, waitForSync } from '../helpers';
import { loginAsDemoStaff } from './steps';

const SIBLING = 'Ein Geschwisterkind besucht die Kita bereits';
const RESIDENCE = 'Wohnsitz in der Gemeinde der Kita';
const DATE = 'Datum der Anmeldung';

const criteria = (page: Page) => page.getByRole('group', { name: 'Aufnahmekriterien' });
const chosen = (page: Page) => criteria(page).locator('ol > li .row > span:first-child');

test('staff choose and order the criteria; the Kita page shows them in that order', async ({
	page,
	browser
}) => {
	test.setTimeout(90_000);
	await loginAsDemoStaff(page);
	await page.goto('/kita/angaben');
	await waitForSync(page);
	// Start from none (the demo Kita may have published some).
	const remove = criteria(page).getByRole('button', { name: /^Nicht mehr anwenden:/ });
	while ((await remove.count()) > 0) await remove.first().click();
	await expect(criteria(page).getByText('Noch keine Kriterien gewählt.')).toBeVisible();

	await criteria(page)
		.getByRole('button', { name: `Anwenden: ${DATE}` })
		.click();
	await criteria(page)
		.getByRole('button', { name: `Anwenden: ${SIBLING}` })
		.click();
	await criteria(page)
		.getByRole('button', { name: `Anwenden: ${RESIDENCE}` })
		.click();
	// Added ones go before the registration date, which stays last and cannot be moved.
	await expect(chosen(page)).toHaveText([SIBLING, RESIDENCE, DATE]);
	await expect(criteria(page).getByRole('button', { name: `Nach oben: ${DATE}` })).toHaveCount(0);
	await expect(criteria(page).getByRole('button', { name: `Nach unten: ${RESIDENCE}` })).toBeDisabled();
	await criteria(page)
		.getByRole('button', { name: `Nach oben: ${RESIDENCE}` })
		.click();
	await expect(chosen(page)).toHaveText([RESIDENCE, SIBLING, DATE]);
	await expectNoA11yViolations(page);

	await page.getByRole('button', { name: 'Speichern' }).click();
	await waitForEmptyOutbox(page);
	const href = await page
		.getByRole('link', { name: 'So sieht die Kita im Kita-Finder aus' })
		.getAttribute('href');
	expect(href).toMatch(/^\/kitas\/[0-9a-f-]{36}$/);

	// A parent without JavaScript, on another device.
	const context = await browser.newContext({ javaScriptEnabled: false });
	const parent = await context.newPage();
	await parent.goto(href ?? '');
	const section = parent.getByRole('heading', { level: 2, name: 'Aufnahmekriterien' });
	await expect(section).toBeVisible();
	await expect(parent.locator('article ol > li')).toHaveText([RESIDENCE, SIBLING, DATE]);
	await context.close();
});
