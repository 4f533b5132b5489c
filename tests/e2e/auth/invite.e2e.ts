// An admin invites a Kita staff member; the invitee sets a password, sets up TOTP at the first
// login (codes computed here from the secret the page shows) and logs in again with a code.
import { expect, test } from '@playwright/test';
import { freshTotp } from '../helpers';
import { DEMO_ADMIN, followMailLink, login, logout, totp, uniqueEmail } from './steps';

test('invite → set password → set up TOTP → login', async ({ page }) => {
	const email = uniqueEmail('kita');
	const password = 'Morgenkreis um acht Uhr';

	await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
	await expect(page.getByRole('heading', { name: 'Anmeldung bestätigen' })).toBeVisible();
	await page
		.getByRole('textbox', { name: 'Code aus der App', exact: true })
		.fill(await freshTotp(page, DEMO_ADMIN.email, DEMO_ADMIN.totpSecret));
	await page.getByRole('button', { name: 'Bestätigen' }).click();
	// Admins land on the youth office's overview (issue 13, point 5); accounts are one click away.
	await expect(page).toHaveURL(/\/verwaltung\/berichte$/);
	await page.goto('/verwaltung/konten');
	await expect(page.getByRole('heading', { name: 'Konten verwalten', level: 1 })).toBeVisible();

	await page.getByRole('textbox', { name: 'E-Mail-Adresse', exact: true }).fill(email);
	await page.getByRole('textbox', { name: 'Vorname', exact: true }).fill('Nora');
	await page.getByRole('textbox', { name: 'Nachname', exact: true }).fill('Neumann');
	await expect(page.getByRole('combobox', { name: 'Rolle', exact: true })).toHaveValue('staff');
	// Staff need a Kita: the form says so before sending.
	await page.getByRole('button', { name: 'Einladung senden' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'mindestens eine Kita' })).toBeVisible();
	await page.getByRole('searchbox', { name: 'Kita suchen', exact: true }).fill('St. Marien');
	await page.getByRole('checkbox', { name: /Kath\. Kita St\. Marien \(Anröchte\)/ }).check();
	await page.getByRole('button', { name: 'Einladung senden' }).click();
	await expect(page.getByRole('status').filter({ hasText: email })).toBeVisible();
	const row = page.getByRole('row').filter({ hasText: email });
	await expect(row).toContainText('eingeladen');
	await expect(row).toContainText('Kath. Kita St. Marien');
	await logout(page);

	await followMailLink(page, email, '/einladung#token=');
	await expect(page.getByRole('heading', { name: 'Passwort vergeben' })).toBeVisible();
	await page.getByRole('textbox', { name: 'Neues Passwort', exact: true }).fill(password);
	await page.getByRole('button', { name: 'Passwort speichern' }).click();
	await expect(page.getByText('Ihr Passwort ist gespeichert')).toBeVisible();

	await login(page, email, password);
	await expect(page.getByRole('heading', { name: 'Zwei-Faktor-Anmeldung einrichten' })).toBeVisible();
	await expect(page.getByRole('img', { name: 'QR-Code für die Authenticator-App' })).toBeVisible();
	const secret = (await page.getByText(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/).textContent()) ?? '';
	await page.getByRole('textbox', { name: 'Code aus der App', exact: true }).fill(totp(secret));
	await page.getByRole('button', { name: 'Einrichtung abschließen' }).click();
	await expect(page.getByRole('heading', { name: 'Zwei-Faktor-Anmeldung eingerichtet' })).toBeVisible();
	await expect(page.getByRole('list', { name: 'Wiederherstellungscodes' }).getByRole('listitem')).toHaveCount(
		10
	);
	await page.getByRole('button', { name: 'Weiter' }).click();
	await expect(page.getByRole('banner').getByText('Angemeldet: Nora Neumann')).toBeVisible();
	await logout(page);

	await login(page, email, password);
	await expect(page.getByRole('heading', { name: 'Anmeldung bestätigen' })).toBeVisible();
	// The set-up used this period's code; a code is accepted once, so take the next period's.
	await page.getByRole('textbox', { name: 'Code aus der App', exact: true }).fill(totp(secret, 1));
	await page.getByRole('button', { name: 'Bestätigen' }).click();
	await expect(page.getByRole('banner').getByText('Angemeldet: Nora Neumann')).toBeVisible();
	await page.getByRole('banner').getByRole('link', { name: 'Mein Konto' }).click();
	await expect(page.getByText('Eingeschaltet. Verbleibende Wiederherstellungscodes: 10')).toBeVisible();
});
