// Sign-up as the FAQ describes it: "Eltern-Login" → "Benutzerkonto erstellen" → "Registrieren",
// the confirmation mail (read from /dev/mailbox), the link, login and logout.
import { expect, test, type Page } from '@playwright/test';
import { waitForEmptyOutbox, waitForSync } from '../helpers';
import { readDb } from '../staff/steps';
import { followMailLink, localDatabases, login, logout, uniqueEmail } from './steps';

/** The guardians the server holds for the family of the account `email`. */
function guardiansOf(email: string): unknown[] {
	return readDb((db) =>
		db
			.prepare(
				'SELECT g.position, g.first_name, g.last_name, g.street, g.postcode, g.town, g.phone, g.email FROM guardians g JOIN families f ON f.id = g.family_id JOIN users u ON u.id = f.owner_user_id WHERE u.email = ? ORDER BY g.position'
			)
			.all(email)
	);
}

/** The ids of the form drafts in the logged-in user's local database. */
function localDrafts(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		const names = (await indexedDB.databases()).map((d) => d.name ?? '');
		const name = names.find((n) => n.startsWith('kita-portal-') && n !== 'kita-portal-anon');
		if (!name) return [];
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open(name);
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(new Error(String(open.error)));
		});
		try {
			const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
				const request = db.transaction('drafts').objectStore('drafts').getAllKeys();
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(new Error(String(request.error)));
			});
			return keys.map(String);
		} finally {
			db.close();
		}
	});
}

test('a parent signs up, confirms the address by mail, logs in and out', async ({ page }) => {
	const email = uniqueEmail('eltern');
	const password = 'Sonnenblumen im Garten';
	const cspErrors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
			cspErrors.push(message.text());
	});

	await page.goto('/');
	await page.getByRole('banner').getByRole('link', { name: 'Eltern-Login' }).click();
	await expect(page.getByRole('heading', { name: 'Eltern-Login', level: 1 })).toBeVisible();
	await page.getByRole('link', { name: 'Benutzerkonto erstellen' }).click();
	await expect(page.getByRole('heading', { name: 'Benutzerkonto erstellen' })).toBeVisible();

	// A first try with gaps: the summary links to each field; nothing typed is lost.
	await page.getByRole('textbox', { name: 'Vorname', exact: true }).fill('Erika');
	await page.getByRole('textbox', { name: 'Postleitzahl', exact: true }).fill('594');
	await page.getByRole('button', { name: 'Registrieren' }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Eingaben' });
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link', { name: /Nachname/ })).toBeVisible();
	await expect(summary.getByRole('link', { name: /Datenschutzerklärung/ })).toBeVisible();
	await summary.getByRole('link', { name: /Postleitzahl/ }).click();
	await expect(page.getByRole('textbox', { name: 'Postleitzahl', exact: true })).toBeFocused();
	await expect(page.getByRole('textbox', { name: 'Postleitzahl', exact: true })).toHaveAccessibleDescription(
		/fünfstellige Postleitzahl/
	);
	await expect(page.getByRole('textbox', { name: 'Vorname', exact: true })).toHaveValue('Erika');
	await expect(page.getByRole('textbox', { name: 'Postleitzahl', exact: true })).toHaveValue('594');

	await page.getByRole('textbox', { name: 'Nachname', exact: true }).fill('Beispiel');
	await page.getByRole('textbox', { name: 'Straße und Hausnummer', exact: true }).fill('Am Markt 3');
	await page.getByRole('textbox', { name: 'Postleitzahl', exact: true }).fill('59457');
	await page.getByRole('textbox', { name: 'Ort', exact: true }).fill('Werl');
	await page.getByRole('textbox', { name: 'Telefon (freiwillig)', exact: true }).fill('02922 4711');
	await page.getByRole('textbox', { name: 'E-Mail-Adresse', exact: true }).fill(email);
	await page.getByRole('textbox', { name: 'Passwort', exact: true }).fill(password);
	await page.getByRole('checkbox', { name: /Datenschutzerklärung/ }).check();
	const privacyLink = page.getByRole('link', { name: 'Datenschutzerklärung (öffnet in einem neuen Tab)' });
	await expect(privacyLink).toHaveAttribute('href', '/datenschutz');
	// The ALTCHA checkbox is covered by an SVG: click its label text.
	await page.getByText('Ich bin kein Roboter').click();
	// "Wird überprüft …" contains the word too: wait for the checked box itself.
	await expect(page.getByRole('checkbox', { name: 'Überprüft', exact: true })).toBeChecked({
		timeout: 30_000
	});
	await page.getByRole('button', { name: 'Registrieren' }).click();
	await expect(page.getByRole('heading', { name: /Bitte bestätigen Sie Ihre E-Mail-Adresse/ })).toBeVisible();
	await expect(page.getByText(email)).toBeVisible();

	// Before confirming, login is refused with an explanation.
	await login(page, email, password);
	await expect(page.getByRole('alert')).toContainText('noch nicht bestätigt');

	await followMailLink(page, email, '/konto/bestaetigen#token=');
	await expect(page.getByText('Ihre E-Mail-Adresse ist bestätigt')).toBeVisible();
	// The token is gone from the address bar.
	expect(new URL(page.url()).hash).toBe('');

	await login(page, email, password);
	// Issue 13, point 5: a parent lands on the overview, whose next step is the family.
	await expect(page).toHaveURL(/\/uebersicht$/);
	const banner = page.getByRole('banner');
	await expect(banner.getByText('Angemeldet: Erika Beispiel')).toBeVisible();

	// Issue 13, point 7: guardian 1 starts with what was given at sign-up; nothing is sent, and no
	// draft is kept, until the parent saves it.
	await page
		.getByRole('region', { name: 'Nächster Schritt' })
		.getByRole('link', { name: 'Familie anlegen' })
		.click();
	const guardian = page.getByRole('form', { name: 'Erziehungsberechtigte Person 1' });
	await expect(guardian.getByLabel('Vorname')).toHaveValue('Erika');
	await expect(guardian.getByLabel('Nachname')).toHaveValue('Beispiel');
	await expect(guardian.getByLabel('Straße und Hausnummer')).toHaveValue('Am Markt 3');
	await expect(guardian.getByLabel('Postleitzahl')).toHaveValue('59457');
	await expect(guardian.getByLabel('Ort')).toHaveValue('Werl');
	await expect(guardian.getByLabel('Telefon')).toHaveValue('02922 4711');
	await expect(guardian.getByLabel('E-Mail')).toHaveValue(email);
	await expect(guardian.getByText('Diese Angaben stammen aus Ihrem Benutzerkonto')).toBeVisible();
	// Position 2 stays empty.
	await expect(
		page.getByRole('form', { name: 'Erziehungsberechtigte Person 2 (freiwillig)' }).getByLabel('Vorname')
	).toHaveValue('');
	await waitForSync(page);
	expect(guardiansOf(email)).toEqual([]);
	expect(await localDrafts(page)).not.toContain('guardian-1');
	await guardian.getByRole('button', { name: 'Angaben speichern' }).click();
	await expect(guardian.getByRole('status')).toContainText('Gespeichert.');
	await waitForEmptyOutbox(page);
	expect(guardiansOf(email)).toEqual([
		{
			position: 1,
			first_name: 'Erika',
			last_name: 'Beispiel',
			street: 'Am Markt 3',
			postcode: '59457',
			town: 'Werl',
			phone: '02922 4711',
			email
		}
	]);
	await expect(banner.getByRole('link', { name: 'Mein Konto' })).toBeVisible();
	// The user's own local database appears once the app works for them.
	const userDbs = async () =>
		(await localDatabases(page)).filter((n) => n.startsWith('kita-portal-') && n !== 'kita-portal-anon');
	await expect.poll(async () => (await userDbs()).length, { timeout: 15_000 }).toBeGreaterThan(0);
	const before = await userDbs();

	await page.goto('/konto');
	await expect(page.getByText(email)).toBeVisible();

	await logout(page);
	for (const name of before) expect(await localDatabases(page)).not.toContain(name);
	await page.goto('/konto');
	await expect(page.getByRole('heading', { name: 'Mein Konto' })).toBeVisible();
	await expect(page.getByRole('banner').getByRole('link', { name: 'Eltern-Login' })).toBeVisible();
	expect(cspErrors).toEqual([]);
});

test('an expired or used link explains itself and offers a new one', async ({ page }) => {
	await page.goto('/konto/bestaetigen#token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
	await expect(page.getByText('Dieser Link ist ungültig')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Passwort vergessen' })).toBeVisible();
});

test('the captcha is loaded once the person starts on the form, not with the page', async ({ page }) => {
	// On a phone the captcha is below the fold: its ≈ 80 KB come when they are needed (issue 16).
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto('/registrieren');
	await page.waitForFunction(() => performance.getEntriesByName('kita-portal:first-render').length > 0);
	await expect(page.getByRole('button', { name: 'Registrieren' })).toBeEnabled();
	await page.waitForTimeout(1000);
	await expect(page.locator('altcha-widget')).toHaveCount(0);
	await expect(page.getByText('Sicherheitsprüfung wird geladen')).toBeAttached();
	await page.getByRole('textbox', { name: 'Vorname', exact: true }).focus();
	await expect(page.locator('altcha-widget').getByRole('checkbox')).toBeVisible();
	// Scrolling to it loads it too, without a field touched.
	await page.goto('/registrieren');
	await page.waitForFunction(() => performance.getEntriesByName('kita-portal:first-render').length > 0);
	await page.waitForTimeout(500);
	await expect(page.locator('altcha-widget')).toHaveCount(0);
	await page.getByRole('button', { name: 'Registrieren' }).scrollIntoViewIfNeeded();
	await expect(page.locator('altcha-widget').getByRole('checkbox')).toBeVisible();
});
