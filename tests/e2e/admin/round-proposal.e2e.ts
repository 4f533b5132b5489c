// Issue 17, point 3: the youth office computes what an offer round would propose for a Kita year,
// from the real data, and sees the lottery key it can compute the same proposal with again.
import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from '../helpers';
import { DEMO_ADMIN, loginWithTotp } from './steps';

test('the youth office computes an offer round’s proposal for a Kita year', async ({ page }) => {
	await loginWithTotp(page, DEMO_ADMIN);
	await page.goto('/verwaltung/kindergartenjahre');
	// The first Kita year's section.
	const section = page
		.locator('section')
		.filter({ has: page.getByRole('button', { name: /^Vorschlag berechnen: / }) })
		.first();
	const compute = section.getByRole('button', { name: /^Vorschlag berechnen: / });
	await expect(compute).toBeVisible();
	await compute.click();
	// The computed proposal's status (the rounds below have one of their own).
	const status = section.getByRole('status').filter({ hasText: 'Wartende Kinder' });
	await expect(status).toBeVisible({ timeout: 15_000 });
	await expect(status).toContainText('Losschlüssel');
	const seed = await status
		.locator('dt', { hasText: 'Losschlüssel' })
		.locator('xpath=following-sibling::dd[1]')
		.textContent();
	expect(seed?.trim()).toMatch(/^\d+$/);
	// Either a table of Kitas with their proposed offers, or the note that no Kita gets one.
	const table = section.getByRole('table', { name: 'Angebotsrunde' });
	const none = section.getByText(/^Keine Kita bekommt einen Vorschlag/);
	await expect(table.or(none)).toBeVisible();
	await expectNoA11yViolations(page);
});
