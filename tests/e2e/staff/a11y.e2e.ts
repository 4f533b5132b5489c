import { expect, test } from '@playwright/test';
import { expectNoA11yViolations, waitForSync } from '../helpers';
import { loginAsDemoStaff, seedRequests, staffKitas, unique } from './steps';

test('the staff pages have no WCAG 2.1 A/AA violations axe can find', async ({ page }) => {
	const kita = staffKitas()[0] ?? '';
	const lastName = unique('Barrierefrei');
	const [seeded] = seedRequests(kita, 1, { lastName, firstName: () => 'Alma' });
	if (!seeded) throw new Error('seed failed');
	await loginAsDemoStaff(page);
	await page.goto('/kita');
	await waitForSync(page);
	await page.getByLabel('Angezeigte Einrichtung').selectOption(kita);
	await page.getByLabel('Name des Kindes').fill(lastName);
	await expect(page.getByRole('link', { name: `${lastName}, Alma` })).toBeVisible();
	await expectNoA11yViolations(page);

	await page.getByRole('link', { name: `${lastName}, Alma` }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Alma ${lastName}` })).toBeVisible();
	await page.getByRole('button', { name: 'Vertragsangebot machen' }).click();
	await page.getByRole('button', { name: 'Absage erteilen' }).click();
	await expectNoA11yViolations(page);

	for (const [path, heading] of [
		['/kita/plaetze', /^Plätze/],
		['/kita/vor-ort', /^Anmeldung vor Ort/],
		['/kita/dubletten', /^Mögliche Dubletten/]
	] as const) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
		await expectNoA11yViolations(page);
	}
});
