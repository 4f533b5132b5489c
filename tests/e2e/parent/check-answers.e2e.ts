// Issue 13, point 8: the registration ends on a summary ("Angaben prüfen") built from the draft on
// the device; each "Ändern" goes to its field and back, and only then is it sent. The offline run
// is in registration.e2e.ts.
import { expect, test } from '@playwright/test';
import { expectNoA11yViolations, waitForSync } from '../helpers';
import {
	addChild,
	continueToSummary,
	ensureGuardian,
	fillRegistration,
	loginAsDemoParent,
	requestsOfChild,
	serverDb,
	uniqueChild
} from './steps';

test.use({ serviceWorkers: 'block' });

test('check your answers online: every answer shown, "Ändern" there and back, then sent in that order', async ({
	page
}) => {
	test.setTimeout(90_000);
	await loginAsDemoParent(page);
	await ensureGuardian(page);
	const child = uniqueChild();
	await addChild(page, child);
	await page.goto('/anmeldung');
	await waitForSync(page);
	const names = await fillRegistration(page, child.firstName, 'Soest', 2);
	await page.locator('#item-0-comment').fill('Bitte mit Mittagessen');
	await continueToSummary(page);

	const main = page.getByRole('main');
	const wish = (rank: number, name: string) =>
		main
			.getByRole('listitem')
			.filter({ has: page.getByRole('heading', { name: `Wunsch ${rank}: ${name}` }) });
	await expect(
		main.getByText(new RegExp(`${child.firstName} Testmann, geboren am 10\\.03\\.2024`))
	).toBeVisible();
	await expect(wish(1, names[0] ?? '')).toContainText('Wunsch 1 von 2');
	await expect(wish(1, names[0] ?? '')).toContainText('01.08.2027');
	await expect(wish(1, names[0] ?? '')).toContainText(/\d+ Stunden\/Woche/);
	await expect(wish(1, names[0] ?? '')).toContainText('Bitte mit Mittagessen');
	await expect(wish(2, names[1] ?? '')).toContainText('Kein Kommentar');
	await expect(wish(2, names[1] ?? '')).toContainText('Nein');
	await expectNoA11yViolations(page);

	// "Ändern" of the start date: the field has the focus, the way back is beside it.
	await main.getByRole('link', { name: `Ändern Gewünschter Betreuungsbeginn – ${names[0]}` }).click();
	await expect(page).toHaveURL(/\/anmeldung#item-0-start$/);
	await expect(page.locator('#item-0-start')).toBeFocused();
	await page.locator('#item-0-start').fill('2027-09-01');
	await page.getByRole('button', { name: 'Zurück zur Zusammenfassung' }).click();
	await expect(wish(1, names[0] ?? '')).toContainText('01.09.2027');

	// "Ändern" of the order: the wish's order buttons, then back.
	await main.getByRole('link', { name: `Ändern Reihenfolge – ${names[1]}` }).click();
	await expect(page.getByRole('group', { name: `Reihenfolge von ${names[1]}` })).toBeFocused();
	await page.getByRole('button', { name: `${names[1]} nach oben` }).click();
	await page.getByRole('button', { name: 'Zurück zur Zusammenfassung' }).click();
	await expect(wish(1, names[1] ?? '')).toContainText('Wunsch 1 von 2');
	await expect(wish(2, names[0] ?? '')).toContainText('01.09.2027');

	await page.getByRole('button', { name: 'Anmeldung absenden' }).click();
	await expect(page.getByText('Ihre Anmeldung wurde gesendet.')).toBeVisible();
	await expect.poll(() => requestsOfChild(child.firstName).length, { timeout: 20_000 }).toBe(2);
	const ranked = serverDb(
		(db) =>
			db
				.prepare(
					'SELECT f.name, r.start_date FROM requests r JOIN children c ON c.id = r.child_id JOIN facilities f ON f.id = r.facility_id WHERE c.first_name = ? ORDER BY r.rank'
				)
				.all(child.firstName) as { name: string; start_date: string }[]
	);
	expect(ranked).toEqual([
		{ name: names[1], start_date: '2027-08-01' },
		{ name: names[0], start_date: '2027-09-01' }
	]);
	// The draft is gone with the registration: the summary has nothing left to check.
	await page.goto('/anmeldung/pruefen');
	await expect(page.getByText('Es gibt noch keine Anmeldung zu prüfen.')).toBeVisible();
});
