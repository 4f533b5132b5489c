// The session on this device: offline the app still knows who is logged in; a session the server
// ended shows "Sitzung abgelaufen" and keeps the local data; logged-in answers are not cached.
import { expect, test } from '@playwright/test';
import { expectNoA11yViolations, waitForServiceWorker } from '../helpers';
import { localDatabases, login } from './steps';

const PARENT = { email: 'eltern@demo.kita-portal.invalid', password: 'Eltern-Demo-2026' };

test('offline the app knows the last user; an ended session asks for a new login and keeps local data', async ({
	page,
	context
}) => {
	const anonymous = await page.request.get('/');
	expect(anonymous.headers()['cache-control'] ?? '').not.toContain('no-store');

	await login(page, PARENT.email, PARENT.password);
	const banner = page.getByRole('banner');
	await expect(banner.getByText('Angemeldet: Erika Musterfrau')).toBeVisible();
	const loggedIn = await page.request.get('/');
	expect(loggedIn.headers()['cache-control']).toBe('no-store');

	await waitForServiceWorker(page);
	await context.setOffline(true);
	await page.reload();
	await expect(banner.getByText('Angemeldet: Erika Musterfrau')).toBeVisible();
	await expect(page.getByRole('alert').filter({ hasText: 'Sitzung abgelaufen' })).toHaveCount(0);
	await context.setOffline(false);

	// The server forgets the session (here: the cookie is gone): the next start notices it.
	const userDbs = (await localDatabases(page)).filter((n) => n !== 'kita-portal-anon');
	await context.clearCookies();
	await page.reload();
	const notice = page
		.getByRole('alert')
		.filter({ hasText: 'Sitzung abgelaufen – bitte melden Sie sich erneut an' });
	await expect(notice).toBeVisible();
	await expect(banner.getByText('Angemeldet: Erika Musterfrau')).toBeVisible();
	expect(await localDatabases(page)).toEqual(expect.arrayContaining(userDbs));

	await notice.getByRole('link', { name: 'Erneut anmelden' }).click();
	await page.getByLabel('E-Mail-Adresse').fill(PARENT.email);
	await page.getByLabel('Passwort', { exact: true }).fill(PARENT.password);
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Sitzung abgelaufen' })).toHaveCount(0);
	await expect(banner.getByText('Angemeldet: Erika Musterfrau')).toBeVisible();
});

test('the account pages pass an accessibility check', async ({ page }) => {
	for (const path of ['/login', '/registrieren', '/passwort-vergessen', '/datenschutz']) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectNoA11yViolations(page);
	}
	await page.goto('/login');
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
	await expect(page.getByRole('alert').first()).toBeVisible();
	await expectNoA11yViolations(page);
});
