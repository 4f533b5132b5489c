// Issue 13, point 14: on a 360 px phone the finder's filters fold into a "Filter (n aktiv)" button,
// so that the first Kita is on the first screen; on a wide screen they stay in sight.
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from '../helpers';

test.use({ serviceWorkers: 'block' });

const count = (page: Page) => page.getByRole('main').getByRole('status');
const results = (page: Page) => page.getByRole('main').getByRole('article');
const filters = (page: Page) => page.getByRole('search', { name: 'Einrichtungen filtern' });

test.describe('at 360 × 740', () => {
	test.use({ viewport: { width: 360, height: 740 } });

	test('the filters fold behind a button that counts them; the first result is on the first screen', async ({
		page
	}) => {
		await page.goto('/kitas?gemeinde=werl&stunden=35');
		await expect(count(page)).toHaveText(/^\d+ Einrichtungen? gefunden$/, { timeout: 15_000 });
		const toggle = filters(page).getByRole('button', { name: 'Filter (2 aktiv)' });
		await expect(toggle).toHaveAttribute('aria-expanded', 'false');
		await expect(filters(page).getByLabel('Gemeinde')).toBeHidden();
		// The search box stays out: it is the quickest way to a known Kita.
		await expect(page.getByRole('searchbox', { name: 'Name, Träger oder Ort' })).toBeVisible();

		const first = results(page).first();
		await expect(first).toBeVisible();
		expect(await page.evaluate(() => scrollY)).toBe(0);
		const box = await first.boundingBox();
		expect(box, 'the first result has a box').not.toBeNull();
		expect(box?.y ?? Infinity).toBeGreaterThanOrEqual(0);
		expect(box?.y ?? Infinity).toBeLessThan(740);
		await expectNoA11yViolations(page);

		await toggle.click();
		await expect(toggle).toHaveAttribute('aria-expanded', 'true');
		await expect(filters(page).getByLabel('Gemeinde')).toBeVisible();
		await expect(filters(page).getByLabel('Gemeinde')).toHaveValue('werl');
		await filters(page).getByRole('checkbox', { name: 'Familienzentrum' }).check();
		await expect(filters(page).getByRole('button', { name: 'Filter (3 aktiv)' })).toBeVisible();
		await expectNoA11yViolations(page);

		await filters(page).getByRole('button', { name: 'Filter zurücksetzen' }).click();
		await expect(count(page)).toHaveText('66 Einrichtungen gefunden');
		await filters(page).getByRole('button', { name: 'Filter (keiner aktiv)' }).click();
		await expect(filters(page).getByLabel('Gemeinde')).toBeHidden();
	});

	test('one active filter is counted in the singular where the language has one', async ({ page }) => {
		await page.addInitScript(() => localStorage.setItem('PARAGLIDE_LOCALE', 'pl'));
		await page.goto('/kitas?gemeinde=werl');
		await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
		await expect(page.getByRole('button', { name: 'Filtry (1 aktywny)' })).toBeVisible({
			timeout: 15_000
		});
		await page.goto('/kitas?gemeinde=werl&stunden=35&merkmal=familienzentrum');
		await expect(page.getByRole('button', { name: 'Filtry (3 aktywne)' })).toBeVisible();
	});
});

test('on a wide screen the filters stay in sight, without the button', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.goto('/kitas?gemeinde=werl');
	await expect(count(page)).toHaveText(/^\d+ Einrichtungen? gefunden$/, { timeout: 15_000 });
	await expect(filters(page).getByLabel('Gemeinde')).toBeVisible();
	await expect(filters(page).getByLabel('Gemeinde')).toHaveValue('werl');
	await expect(filters(page).getByRole('button', { name: /^Filter \(/ })).toBeHidden();
});
