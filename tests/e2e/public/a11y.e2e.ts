// WCAG 2.1 A/AA checks (axe) of the public pages, with data loaded and in an error state.
import { expect, test } from '@playwright/test';
import { expectNoA11yViolations, pullPublicData } from '../helpers';

// The pages are checked as rendered from the local database; the worker plays no part here.
test.use({ serviceWorkers: 'block' });

test('start page', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Willkommen im Kita-Portal' })).toBeVisible();
	await expect(page.getByRole('main')).toContainText('Anmeldung möglichst bis', { timeout: 15_000 });
	await expectNoA11yViolations(page);
});

test('finder with its results, and with an unknown postcode', async ({ page }) => {
	await page.goto('/kitas');
	await expect(page.getByRole('main').getByRole('status')).toHaveText('66 Einrichtungen gefunden', {
		timeout: 15_000
	});
	await expectNoA11yViolations(page);

	await page.getByLabel('Sortierung').selectOption({ label: 'Entfernung von einer Postleitzahl' });
	await page.getByLabel('Postleitzahl').fill('12345');
	await expect(page.getByLabel('Postleitzahl')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByText('Diese Postleitzahl liegt nicht im Zuständigkeitsgebiet.')).toBeVisible();
	await expectNoA11yViolations(page);
});

test('finder with a birth date in the future', async ({ page }) => {
	await page.goto('/kitas');
	await expect(page.getByRole('main').getByRole('status')).toHaveText('66 Einrichtungen gefunden', {
		timeout: 15_000
	});
	const birth = page.getByLabel('Geburtsdatum des Kindes');
	await birth.fill(`${new Date().getFullYear() + 1}-01-01`);
	await expect(birth).toHaveAttribute('aria-invalid', 'true');
	await expect(birth).toHaveAccessibleDescription(/Das Geburtsdatum liegt in der Zukunft/);
	await expectNoA11yViolations(page);
});

test('a Kita page', async ({ page, request }) => {
	const data = await pullPublicData(request);
	const facility = data.facilities.find((f) => f.active);
	expect(facility).toBeDefined();
	if (!facility) return;
	await page.goto(`/kitas/${facility.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(facility.name, { timeout: 15_000 });
	await expect(page.getByRole('table', { name: 'Freie Plätze' }).getByRole('row')).toHaveCount(
		data.kitaYears.length + 1
	);
	await expectNoA11yViolations(page);
});

test('Merkliste, empty and with entries', async ({ page }) => {
	await page.goto('/merkliste');
	await expect(page.getByText('Sie haben noch keine Einrichtung gemerkt.')).toBeVisible();
	await expectNoA11yViolations(page);

	await page.getByRole('main').getByRole('link', { name: 'Kita finden' }).click();
	const firstKita = page.getByRole('main').getByRole('article').first();
	await firstKita.getByRole('button').click();
	await expect(firstKita.getByRole('button')).toHaveAttribute('aria-pressed', 'true');
	await expectNoA11yViolations(page);

	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Merkliste' })
		.click();
	await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(1);
	await expectNoA11yViolations(page);
});
