import { expect, test } from '@playwright/test';
import { openForOffline, waitForEmptyOutbox, waitForSync } from '../helpers';
import {
	addChild,
	childSection,
	continueToSummary,
	countChildren,
	ensureGuardian,
	fillRegistration,
	loginAsDemoParent,
	requestsOfChild,
	serverDb,
	submitFromSummary,
	uniqueChild
} from './steps';

test.describe('parents register offline', () => {
	test('a registration filled and submitted offline arrives once with a green status and a mail', async ({
		page,
		context
	}) => {
		await loginAsDemoParent(page);
		await ensureGuardian(page);
		const child = uniqueChild();
		await addChild(page, child);
		await openForOffline(page, '/anmeldung');

		await context.setOffline(true);
		const names = await fillRegistration(page, child.firstName, 'Werl', 2);
		await page.getByLabel('Kommentar').first().fill('Geschwisterkind besucht die Einrichtung');
		// every field survives a reload while offline (draft in IndexedDB)
		await page.reload();
		await expect(page.getByLabel('Für welches Kind?')).toHaveValue(/.+/);
		await expect(page.getByRole('heading', { name: `Wunsch 1: ${names[0]}` })).toBeVisible();
		await expect(page.locator('#item-1-start')).toHaveValue('2027-08-01');
		await expect(page.getByLabel('Kommentar').first()).toHaveValue('Geschwisterkind besucht die Einrichtung');

		// Check your answers (issue 13, point 8): built from the draft on the device, offline too.
		await continueToSummary(page);
		const main = page.getByRole('main');
		await expect(main.getByText(new RegExp(`${child.firstName} Testmann, geboren am`))).toBeVisible();
		await expect(main.getByRole('heading', { name: `Wunsch 2: ${names[1]}` })).toBeVisible();
		await expect(main.getByText('Geschwisterkind besucht die Einrichtung')).toBeVisible();
		await expect(
			main.getByText(/Sie sind offline\. Die Anmeldung wird auf diesem Gerät gespeichert/)
		).toBeVisible();
		// "Ändern" leads to the exact field and back to the summary, with the change kept.
		await main.getByRole('link', { name: `Ändern Wechselwunsch – ${names[1]}` }).click();
		await expect(page.locator('#item-1-change')).toBeFocused();
		await page.locator('#item-1-change').check();
		await page.getByRole('button', { name: 'Zurück zur Zusammenfassung' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Angaben prüfen' })).toBeVisible();
		const changeRows = main.getByRole('definition').filter({ hasText: /^(Ja|Nein)$/ });
		await expect(changeRows).toHaveText(['Nein', 'Ja']);
		// A reload of the summary keeps everything (the draft is on the device).
		await page.reload();
		await expect(main.getByRole('heading', { name: `Wunsch 1: ${names[0]}` })).toBeVisible();
		await expect(changeRows).toHaveText(['Nein', 'Ja']);

		await page.getByRole('button', { name: 'Anmeldung absenden' }).click();
		await expect(
			page.getByText(/Sie sind offline\. Ihre Anmeldung ist auf diesem Gerät gespeichert/)
		).toBeVisible();
		await expect(page.getByText('Wird übertragen …').first()).toBeVisible();
		// Not green before the server confirmed it (issue 13, defect 2).
		await expect(
			childSection(page, child.firstName).getByText('Sie haben sich erfolgreich angemeldet.')
		).toHaveCount(0);
		await expect(childSection(page, child.firstName).getByText(/Noch nicht beim Kreisjugendamt/)).toHaveCount(
			2
		);
		expect(requestsOfChild(child.firstName)).toHaveLength(0);

		await context.setOffline(false);
		await waitForEmptyOutbox(page);
		// The offline note gives way once it is sent (defect 3).
		await expect(page.getByText('Ihre Anmeldung wurde gesendet.')).toBeVisible();
		await expect(page.getByText(/Sie sind offline\. Ihre Anmeldung/)).toHaveCount(0);
		await expect(
			childSection(page, child.firstName).getByText('Sie haben sich erfolgreich angemeldet.')
		).toHaveCount(2);
		expect(requestsOfChild(child.firstName).map((r) => r.status)).toEqual(['registered', 'registered']);
		// Wish 1 cannot move up: its button is disabled and looks it (issue 13, point 13).
		const up = childSection(page, child.firstName)
			.getByRole('button', { name: /nach oben$/ })
			.first();
		await expect(up).toBeDisabled();
		expect(await up.evaluate((b) => getComputedStyle(b).borderTopStyle)).toBe('dashed');
		const mail = serverDb(
			(db) =>
				db
					.prepare("SELECT text_body FROM mail_outbox WHERE kind = 'registration' AND text_body LIKE ?")
					.get(`%${child.firstName}%`) as { text_body: string } | undefined
		);
		expect(mail?.text_body).toContain(names[0]);
		expect(mail?.text_body).toContain(names[1]);
	});

	test('a push whose response is lost after the server committed is not applied twice', async ({ page }) => {
		await loginAsDemoParent(page);
		const child = uniqueChild();
		let dropped = 0;
		await page.route('**/api/trpc/sync.push**', async (route) => {
			if (dropped === 0) {
				dropped++;
				await route.fetch(); // the server commits …
				await route.abort('connectionreset'); // … and the answer never arrives
				return;
			}
			await route.continue();
		});
		await ensureGuardian(page);
		await addChild(page, child);
		await page.goto('/anmeldung');
		await waitForSync(page);
		await fillRegistration(page, child.firstName, 'Geseke', 1);
		await submitFromSummary(page);
		await waitForEmptyOutbox(page);
		expect(dropped).toBe(1);
		expect(countChildren(child.firstName)).toBe(1);
		expect(requestsOfChild(child.firstName)).toHaveLength(1);
		await expect(
			childSection(page, child.firstName).getByText('Sie haben sich erfolgreich angemeldet.')
		).toHaveCount(1);
	});

	test('two tabs of one parent converge', async ({ context }) => {
		const a = await context.newPage();
		await loginAsDemoParent(a);
		const b = await context.newPage();
		await b.goto('/familie');
		await waitForSync(b);
		const childA = uniqueChild();
		const childB = uniqueChild();
		// each tab writes its own mutation; one tab pushes at a time (Web Locks), both end up equal
		await addChild(a, childA);
		await addChild(b, childB);
		for (const page of [a, b]) {
			await page.goto('/familie');
			await expect(page.getByText(`${childA.firstName} ${childA.lastName}`)).toBeVisible();
			await expect(page.getByText(`${childB.firstName} ${childB.lastName}`)).toBeVisible();
		}
		await waitForEmptyOutbox(a);
		expect(countChildren(childA.firstName)).toBe(1);
		expect(countChildren(childB.firstName)).toBe(1);
	});
});
