// The youth office's duplicate list is online only: offline it says that a connection is needed
// (not "reload the page", which would not help) and loads by itself once the connection is back.
import { expect, test } from '@playwright/test';
import { openForOffline } from '../helpers';
import { DEMO_ADMIN, loginWithTotp } from './steps';

test('the duplicate list offline asks for a connection and loads when it is back', async ({
	page,
	context
}) => {
	await loginWithTotp(page, DEMO_ADMIN);
	await openForOffline(page, '/verwaltung/dubletten');
	await expect(page.getByRole('heading', { level: 1, name: /^Mögliche Dubletten/ })).toBeVisible();

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('alert')).toHaveText(
		'Dafür braucht es eine Verbindung zum Server. Bitte versuchen Sie es wieder, wenn Sie online sind.'
	);

	await context.setOffline(false);
	// Chromium under Playwright does not always fire `online`; a real browser does. Send it as the
	// browser would, so that the test checks what the page does with it.
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect(
		page
			.getByText('Keine offenen Fälle.')
			.or(page.getByRole('button', { name: 'Dasselbe Kind – verknüpfen' }).first())
	).toBeVisible();
});
