import { expect, test } from '@playwright/test';
import { openForOffline, waitForEmptyOutbox } from '../helpers';
import {
	createParentAccount,
	loginAs,
	loginAsDemoStaff,
	readDb,
	seedRequests,
	staffKitas,
	unique
} from './steps';

test.describe('walk-in registration ("Anmeldung vor Ort")', () => {
	test('entered offline, synced, linked to the same child at another Kita, later claimed by a parent account', async ({
		page,
		context,
		browser
	}) => {
		const lastName = unique('Vorort');
		const birthDate = '2023-09-09';
		// The family already registered in person at another Kita of the district.
		const otherKita = readDb(
			(db) =>
				(
					db
						.prepare(
							'SELECT id FROM facilities WHERE id NOT IN (?, ?) AND weekly_hours LIKE ? ORDER BY name LIMIT 1'
						)
						.get(...staffKitas(), '%35%') as { id: string }
				).id
		);
		const [earlier] = seedRequests(otherKita, 1, {
			source: 'walkin',
			firstName: () => 'Lina',
			lastName,
			birthDate
		});
		if (!earlier) throw new Error('seed failed');
		const kita = staffKitas()[0] ?? '';

		await loginAsDemoStaff(page);
		await openForOffline(page, '/kita/vor-ort');
		await page.getByLabel('Angezeigte Einrichtung').selectOption(kita);
		await context.setOffline(true);

		const guardian = page.getByRole('group', { name: 'Erziehungsberechtigte Person' });
		await guardian.getByLabel('Vorname').fill('Jelena');
		await guardian.getByLabel('Nachname').fill(lastName);
		await guardian.getByLabel('Straße und Hausnummer').fill('Bahnhofstraße 12');
		await guardian.getByLabel('Postleitzahl').fill('59609');
		await guardian.getByLabel('Ort').fill('Anröchte');
		await guardian.getByLabel('Telefon').fill('02947 4567');
		const child = page.getByRole('group', { name: 'Kind' });
		await child.getByLabel('Vorname des Kindes').fill('Lina');
		await child.getByLabel('Nachname des Kindes').fill(lastName);
		await child.getByLabel('Geburtsdatum').fill(birthDate);
		await page.getByLabel('Gewünschter Betreuungsbeginn').fill('2027-02-01');

		// Saving without the signed privacy notice is refused with a clear message.
		await page.getByRole('button', { name: 'Anmeldung speichern' }).click();
		await expect(page.getByRole('alert')).toContainText('Datenschutzhinweis');
		await page.getByLabel('Die Familie hat den Datenschutzhinweis unterschrieben.').check();
		await page.getByRole('button', { name: 'Anmeldung speichern' }).click();

		const receipt = page.getByRole('region', { name: 'Anmeldebestätigung – Anmeldung vor Ort' });
		await expect(receipt).toContainText('Nummer folgt nach dem Abgleich');
		const code = (await receipt.locator('[data-claim-code]').textContent())?.trim() ?? '';
		expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

		await context.setOffline(false);
		await waitForEmptyOutbox(page);
		await expect(receipt).toContainText(/KP-2026-\d{6}/);
		const walkin = readDb(
			(db) =>
				db
					.prepare(
						'SELECT c.id AS child_id, f.claim_code_hash, r.id AS request_id FROM children c JOIN families f ON f.id = c.family_id JOIN requests r ON r.child_id = c.id WHERE c.last_name = ? AND f.id != ?'
					)
					.get(lastName, earlier.familyId) as {
					child_id: string;
					claim_code_hash: string;
					request_id: string;
				}
		);
		// Only the hash of the code reached the server.
		expect(walkin.claim_code_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(walkin.claim_code_hash).not.toContain(code);

		// The server found the same child at the other Kita; staff link them.
		await page.getByRole('link', { name: 'Mögliche Dubletten' }).click();
		await page.getByLabel('Angezeigte Einrichtung').selectOption(kita);
		const candidate = page.getByRole('article').filter({ hasText: `Lina ${lastName}` });
		await expect(candidate).toContainText('Bereits im Kreis vorhanden');
		await candidate.getByRole('button', { name: 'Dasselbe Kind – verknüpfen' }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Dasselbe Kind – verknüpfen' }).click();
		await waitForEmptyOutbox(page);
		await expect(candidate).toHaveCount(0);
		const linked = readDb(
			(db) =>
				db.prepare('SELECT child_id FROM requests WHERE id = ?').get(walkin.request_id) as {
					child_id: string;
				}
		);
		expect(linked.child_id).toBe(earlier.childId);

		// Later the family gets internet and takes the registration into a new account.
		const email = `${lastName.toLowerCase()}@example.org`;
		createParentAccount(email);
		const parentContext = await browser.newContext();
		const parent = await parentContext.newPage();
		await loginAs(parent, email);
		await parent.goto('/familie/uebernehmen');
		await parent.getByLabel('Übernahmecode').fill(code.toLowerCase());
		await parent.getByLabel('Geburtsdatum').fill('2023-09-10');
		await parent.getByRole('button', { name: 'Anmeldung übernehmen' }).click();
		await expect(parent.getByRole('alert')).toContainText('passen nicht');
		await parent.getByLabel('Geburtsdatum').fill(birthDate);
		await parent.getByRole('button', { name: 'Anmeldung übernehmen' }).click();
		await expect(parent.getByRole('status').filter({ hasText: 'in Ihrem Benutzerkonto' })).toBeVisible();

		await parent.getByRole('link', { name: 'Meine Anmeldungen' }).first().click();
		const section = parent.getByRole('region', { name: new RegExp(`Lina ${lastName}`) });
		// Both Kitas' registrations of the one linked child.
		await expect(section.getByRole('article')).toHaveCount(2);
		await parentContext.close();
	});
});
