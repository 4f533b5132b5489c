// Issue 13, "a day in the life": the everyday path end to end, as the people who use it walk it —
// a parent finds Kitas (online and offline), signs up with the mail's link, enters the family and a
// child, registers at two Kitas through "Angaben prüfen" (sent offline), ranks them; the Kita makes
// an offer offline; the parent accepts online and the other Kita's request ends (issue 17); the Kita
// concludes the contract; a front desk enters a walk-in offline and that family claims it; the receipt
// opens; a second device shows the same family. Screenshots at 360 px
// and 1280 px of every stop go into the test's output folder (test-results/…), as artifacts.
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { E2E_SERVER_LOG } from '../../playwright.config';
import { followMailLink, login, uniqueEmail } from './auth/steps';
import { openForOffline, waitForEmptyOutbox, waitForSync } from './helpers';
import { continueToSummary } from './parent/steps';
import {
	createParentAccount,
	fillWalkin,
	loginAs,
	loginAsDemoStaff,
	readDb,
	staffKitas,
	statusOf
} from './staff/steps';

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
	for (const [width, height] of [
		[360, 740],
		[1280, 900]
	] as const) {
		await page.setViewportSize({ width, height });
		const path = testInfo.outputPath(`${name}-${width}.png`);
		await page.screenshot({ path, fullPage: true });
		await testInfo.attach(`${name}-${width}`, { path, contentType: 'image/png' });
	}
	await page.setViewportSize({ width: 1280, height: 720 });
}

const facilityName = (id: string) =>
	readDb((db) => (db.prepare('SELECT name FROM facilities WHERE id = ?').get(id) as { name: string }).name);

function requestsOf(lastName: string): { id: string; facility_id: string; status: string; rank: number }[] {
	return readDb(
		(db) =>
			db
				.prepare(
					'SELECT r.id, r.facility_id, r.status, r.rank FROM requests r JOIN children c ON c.id = r.child_id WHERE c.last_name = ? ORDER BY r.rank'
				)
				.all(lastName) as { id: string; facility_id: string; status: string; rank: number }[]
	);
}

test('a day in the life of the portal', async ({ page, context, browser }, testInfo) => {
	test.setTimeout(300_000);
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	page.on('console', (message) => {
		if (
			message.type() === 'error' &&
			!/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(message.text())
		)
			errors.push(message.text());
	});
	const ownKita = staffKitas()[0] ?? '';
	const ownKitaName = facilityName(ownKita);
	const email = uniqueEmail('tag');
	const password = 'Ein ganz normaler Tag';
	const lastName = `Tag${Date.now().toString(36)}`;

	// 1. The finder, online and then offline.
	await openForOffline(page, '/kitas');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await shoot(page, testInfo, '01-finder');
	await context.setOffline(true);
	await page.reload();
	// The list shows 20 at a time: the staff's own Kita is found by its name, offline too.
	await page.getByRole('searchbox', { name: 'Name, Träger oder Ort' }).fill(ownKitaName);
	await expect(page.getByRole('main').getByRole('link', { name: ownKitaName })).toBeVisible();
	await shoot(page, testInfo, '02-finder-offline');
	await context.setOffline(false);

	// 2. Sign-up, the mail's link, login: the overview says what comes next.
	await page.goto('/registrieren');
	await page.getByRole('textbox', { name: 'Vorname', exact: true }).fill('Sabine');
	await page.getByRole('textbox', { name: 'Nachname', exact: true }).fill(lastName);
	await page.getByRole('textbox', { name: 'Straße und Hausnummer', exact: true }).fill('Bahnhofstraße 5');
	await page.getByRole('textbox', { name: 'Postleitzahl', exact: true }).fill('59457');
	await page.getByRole('textbox', { name: 'Ort', exact: true }).fill('Werl');
	await page.getByRole('textbox', { name: 'Telefon (freiwillig)', exact: true }).fill('02922 5050');
	await page.getByRole('textbox', { name: 'E-Mail-Adresse', exact: true }).fill(email);
	await page.getByRole('textbox', { name: 'Passwort', exact: true }).fill(password);
	await page.getByRole('checkbox', { name: /Datenschutzerklärung/ }).check();
	await page.getByText('Ich bin kein Roboter').click();
	await expect(page.getByRole('checkbox', { name: 'Überprüft', exact: true })).toBeChecked({
		timeout: 30_000
	});
	await page.getByRole('button', { name: 'Registrieren' }).click();
	await expect(page.getByRole('heading', { name: /Bitte bestätigen Sie Ihre E-Mail-Adresse/ })).toBeVisible();
	await followMailLink(page, email, '/konto/bestaetigen#token=');
	await expect(page.getByText('Ihre E-Mail-Adresse ist bestätigt')).toBeVisible();
	await login(page, email, password);
	await expect(page).toHaveURL(/\/uebersicht$/);
	await shoot(page, testInfo, '03-overview-new');

	// 3. The family (guardian 1 from the sign-up) and a child.
	await page
		.getByRole('region', { name: 'Nächster Schritt' })
		.getByRole('link', { name: 'Familie anlegen' })
		.click();
	const guardian = page.getByRole('form', { name: 'Erziehungsberechtigte Person 1' });
	await expect(guardian.getByLabel('Nachname')).toHaveValue(lastName);
	await guardian.getByRole('button', { name: 'Angaben speichern' }).click();
	await expect(guardian.getByRole('status')).toContainText('Gespeichert.');
	const childForm = page.getByRole('form', { name: 'Kind hinzufügen' }).last();
	await childForm.getByLabel('Vorname des Kindes').fill('Lotta');
	await childForm.getByLabel('Nachname des Kindes').fill(lastName);
	await childForm.getByLabel('Geburtsdatum').fill('2024-05-20');
	await childForm.getByRole('button', { name: 'Kind hinzufügen' }).click();
	await expect(page.getByText(`Lotta ${lastName}`)).toBeVisible();
	await waitForEmptyOutbox(page);
	await shoot(page, testInfo, '04-family');

	// 4. Registration at two Kitas, checked on "Angaben prüfen" and sent offline.
	await openForOffline(page, '/anmeldung');
	await context.setOffline(true);
	const childSelect = page.getByLabel('Für welches Kind?');
	const childValue = await childSelect.locator('option', { hasText: 'Lotta' }).getAttribute('value');
	await childSelect.selectOption(childValue ?? '');
	const search = page.getByLabel('Einrichtung suchen (Name oder Ort)');
	await search.fill(ownKitaName);
	await page.getByRole('button', { name: `${ownKitaName} hinzufügen` }).click();
	await search.fill('Werl');
	const other = page.getByRole('button', { name: /hinzufügen$/ }).first();
	const otherName = ((await other.getAttribute('aria-label')) ?? '').replace(/ hinzufügen$/, '');
	await other.click();
	for (const i of [0, 1]) {
		await page.locator(`#item-${i}-start`).fill('2027-08-01');
		await page.locator(`#item-${i}-hours`).selectOption({ index: 1 });
	}
	await continueToSummary(page);
	await expect(page.getByRole('main')).toContainText(ownKitaName);
	await expect(page.getByRole('main')).toContainText(otherName);
	await shoot(page, testInfo, '05-check-answers');
	await page.getByRole('button', { name: 'Anmeldung absenden' }).click();
	await expect(page).toHaveURL(/\/meine-anmeldungen/);
	await expect(page.getByText('Wird übertragen …').first()).toBeVisible();
	await shoot(page, testInfo, '06-sent-offline');
	await context.setOffline(false);
	await waitForEmptyOutbox(page);
	expect(requestsOf(lastName).map((r) => r.status)).toEqual(['registered', 'registered']);

	// 5. Ranking: the other Kita becomes wish 1.
	const section = page.getByRole('region', { name: /^Lotta / });
	await section
		.getByRole('button', { name: /nach oben$/ })
		.last()
		.click();
	await waitForEmptyOutbox(page);
	expect(requestsOf(lastName).map((r) => r.facility_id)[0]).not.toBe(ownKita);
	const ownRequest = requestsOf(lastName).find((r) => r.facility_id === ownKita)?.id ?? '';
	const otherRequest = requestsOf(lastName).find((r) => r.facility_id !== ownKita)?.id ?? '';

	// 6. The Kita makes an offer offline, on its own device.
	const staffContext = await browser.newContext();
	const staff = await staffContext.newPage();
	await loginAsDemoStaff(staff);
	await openForOffline(staff, '/kita');
	await staff.getByLabel('Angezeigte Einrichtung').selectOption(ownKita);
	await staff.getByLabel('Name des Kindes').fill(lastName);
	await staff.getByRole('link', { name: `${lastName}, Lotta` }).click();
	await expect(staff.getByRole('heading', { level: 1, name: `Lotta ${lastName}` })).toBeVisible();
	await staffContext.setOffline(true);
	await staff.getByRole('button', { name: 'Vertragsangebot machen' }).click();
	await staff.getByRole('button', { name: 'Angebot prüfen und senden' }).click();
	await staff.getByRole('dialog').getByRole('button', { name: 'Vertragsangebot machen' }).click();
	await expect(staff.getByText('Wird übertragen …')).toBeVisible();
	await shoot(staff, testInfo, '07-staff-offer-offline');
	await staffContext.setOffline(false);
	await waitForEmptyOutbox(staff);
	// The server's row, polled: the outbox can look empty for a moment before a click's change is in it.
	await expect.poll(() => statusOf(ownRequest), { timeout: 20_000 }).toBe('offered');

	// 7. The parent accepts online.
	await page.goto('/uebersicht');
	await waitForSync(page);
	await expect(page.getByRole('main')).toContainText(ownKitaName);
	await shoot(page, testInfo, '08-overview-offer');
	await page.goto('/meine-anmeldungen');
	await page.getByRole('button', { name: 'Angebot annehmen' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Angebot annehmen' }).click();
	await waitForEmptyOutbox(page);
	await expect.poll(() => statusOf(ownRequest), { timeout: 20_000 }).toBe('accepted');
	// Issue 17: accepting ends the child's other requests of that Kita year at once.
	expect(statusOf(otherRequest)).toBe('withdrawn');

	// 8. The Kita concludes the contract.
	await staff.reload();
	await waitForSync(staff);
	await staff.getByRole('button', { name: 'Vertrag abschließen' }).click();
	await staff.getByRole('dialog').getByRole('button', { name: 'Vertrag abschließen' }).click();
	await waitForEmptyOutbox(staff);
	await expect.poll(() => statusOf(ownRequest), { timeout: 20_000 }).toBe('contracted');
	expect(statusOf(otherRequest)).toBe('withdrawn');
	await shoot(staff, testInfo, '09-staff-contract');

	// 9. A family without internet registers at the front desk, offline; later it claims the
	// registration into an account of its own with the receipt's code, and "Familie" shows what the
	// front desk entered.
	const walkinName = `Vorort${Date.now().toString(36)}`;
	await openForOffline(staff, '/kita/vor-ort');
	await staff.getByLabel('Angezeigte Einrichtung').selectOption(ownKita);
	await staffContext.setOffline(true);
	await fillWalkin(staff, { firstName: 'Mats', lastName: walkinName, birthDate: '2023-09-09' });
	await staff.getByLabel(/Datenschutzhinweis unterschrieben/).check();
	await staff.getByRole('button', { name: 'Anmeldung speichern' }).click();
	const walkinReceipt = staff.getByRole('region', { name: /Anmeldebestätigung/ });
	await expect(walkinReceipt).toContainText('Nummer folgt nach dem Abgleich');
	const code = (await walkinReceipt.locator('[data-claim-code]').textContent())?.trim() ?? '';
	await shoot(staff, testInfo, '10-walkin-receipt-offline');
	await staffContext.setOffline(false);
	await waitForEmptyOutbox(staff);
	await expect(walkinReceipt).toContainText(/KP-\d{4}-\d{6}/);
	await staffContext.close();

	const claimEmail = `${walkinName.toLowerCase()}@example.org`;
	createParentAccount(claimEmail);
	const claimContext = await browser.newContext();
	const claimer = await claimContext.newPage();
	await loginAs(claimer, claimEmail);
	await claimer.goto('/familie/uebernehmen');
	await claimer.getByLabel('Übernahmecode').fill(code);
	await claimer.getByLabel('Geburtsdatum').fill('2023-09-09');
	await claimer.getByRole('button', { name: 'Anmeldung übernehmen' }).click();
	await expect(claimer.getByRole('status').filter({ hasText: 'in Ihrem Benutzerkonto' })).toBeVisible();
	await claimer.goto('/familie');
	const claimed = claimer.getByRole('form', { name: 'Erziehungsberechtigte Person 1' });
	await expect(claimed.getByLabel('Nachname')).toHaveValue(walkinName);
	await expect(claimed.getByLabel('Telefon')).toHaveValue('02947 4567');
	await shoot(claimer, testInfo, '11-claimed-family');
	await claimContext.close();

	// 10. The receipt, from "Meine Anmeldungen".
	await page.goto('/meine-anmeldungen');
	await waitForSync(page);
	await shoot(page, testInfo, '12-my-requests');
	await page
		.getByRole('link', { name: /^Bestätigung KP-/ })
		.first()
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Anmeldebestätigung' })).toBeVisible();
	await expect(page.getByRole('article')).toContainText(ownKitaName);
	await shoot(page, testInfo, '13-receipt');

	// 11. A second device shows the same family.
	const second = await browser.newContext();
	const device = await second.newPage();
	await login(device, email, password);
	await expect(device).toHaveURL(/\/uebersicht$/);
	await device.goto('/familie');
	await expect(
		device.getByRole('form', { name: 'Erziehungsberechtigte Person 1' }).getByLabel('Nachname')
	).toHaveValue(lastName);
	await expect(device.getByText(`Lotta ${lastName}`)).toBeVisible();
	await shoot(device, testInfo, '14-second-device-family');
	const tokens = (await second.cookies()).map((cookie) => cookie.value).filter((value) => value.length >= 16);
	await second.close();

	expect(errors).toEqual([]);

	// 12. The server's log of this day (issue 18): a line per request, and none of the people in it.
	const log = readFileSync(E2E_SERVER_LOG, 'utf8');
	const lines = log
		.split('\n')
		.filter((line) => line.startsWith('{'))
		.map((line) => JSON.parse(line) as { msg?: string; route?: string });
	expect(
		lines.filter((line) => line.msg === 'request' && line.route === '/api/trpc/sync.push').length
	).toBeGreaterThan(0);
	const personal = [
		email,
		password,
		lastName,
		'Sabine',
		'Lotta',
		'Mats',
		'Bahnhofstraße',
		'02922 5050',
		walkinName,
		claimEmail,
		'02947 4567',
		code,
		...tokens
	];
	for (const value of personal.filter((v) => v.length > 0))
		expect(log, `the server log holds "${value}"`).not.toContain(value);
	expect(log).not.toMatch(/@|\b0\d{2,5}[ /]\d{3,}|\+49/);
});
