import { expect, test } from '@playwright/test';
import { openForOffline, waitForEmptyOutbox, waitForSync } from '../helpers';
import { DEMO_ADMIN, loginWithTotp } from '../admin/steps';
import {
	fillWalkin,
	createParentAccount,
	loginAs,
	loginAsDemoStaff,
	readDb,
	seedOnlineChild,
	seedRequests,
	staffKitas,
	unique
} from './steps';

/** The walk-in's request and child on the server (the family that is not `otherFamilyId`). */
function walkinRow(lastName: string, otherFamilyId: string) {
	return readDb(
		(db) =>
			db
				.prepare(
					'SELECT c.id AS child_id, f.claim_code_hash, r.id AS request_id FROM children c JOIN families f ON f.id = c.family_id JOIN requests r ON r.child_id = c.id WHERE c.last_name = ? AND f.id != ?'
				)
				.get(lastName, otherFamilyId) as { child_id: string; claim_code_hash: string; request_id: string }
	);
}

const childOfRequest = (requestId: string) =>
	readDb(
		(db) =>
			(db.prepare('SELECT child_id FROM requests WHERE id = ?').get(requestId) as { child_id: string })
				.child_id
	);

test.describe('walk-in registration ("Anmeldung vor Ort")', () => {
	test('entered offline, synced, proposed as the same child as a walk-in at another Kita, linked by the youth office, later claimed by a parent account', async ({
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
		await fillWalkin(page, { firstName: 'Lina', lastName, birthDate });

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
		const walkin = walkinRow(lastName, earlier.familyId);
		// Only the hash of the code reached the server.
		expect(walkin.claim_code_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(walkin.claim_code_hash).not.toContain(code);

		// The server found the same child at the other Kita. Staff learn only that, and propose.
		await page.getByRole('link', { name: 'Mögliche Dubletten' }).click();
		await page.getByLabel('Angezeigte Einrichtung').selectOption(kita);
		const candidate = page.getByRole('article').filter({ hasText: `Lina ${lastName}` });
		await expect(candidate).toContainText('bereits angemeldet');
		await expect(candidate).not.toContainText('Erika');
		await candidate.getByRole('button', { name: 'Dasselbe Kind? Dem Jugendamt vorlegen' }).click();
		await page
			.getByRole('dialog')
			.getByRole('button', { name: 'Dasselbe Kind? Dem Jugendamt vorlegen' })
			.click();
		await waitForEmptyOutbox(page);
		await expect(candidate).toHaveCount(0);
		await expect(page.getByRole('listitem').filter({ hasText: `Lina ${lastName}` })).toContainText(
			'liegt dem Jugendamt vor'
		);
		// A proposal moves nothing.
		expect(childOfRequest(walkin.request_id)).toBe(walkin.child_id);

		// The youth office sees both records and links them.
		const officeContext = await browser.newContext();
		const office = await officeContext.newPage();
		await loginWithTotp(office, DEMO_ADMIN);
		await office.getByRole('link', { name: 'Dubletten' }).click();
		const pair = office.getByRole('article').filter({ hasText: `Lina ${lastName}` });
		// The list comes from the server while the office's first sync runs: slow on a busy machine.
		await expect(pair).toContainText('Erika', { timeout: 15_000 });
		await expect(pair).toContainText('Jelena');
		await pair.getByRole('button', { name: 'Dasselbe Kind – verknüpfen' }).click();
		await office.getByRole('dialog').getByRole('button', { name: 'Dasselbe Kind – verknüpfen' }).click();
		await expect(pair).toHaveCount(0);
		await officeContext.close();
		expect(childOfRequest(walkin.request_id)).toBe(earlier.childId);

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
		// A claim takes only the receipt's own family: the registration now belongs to the child it was
		// linked into (the other walk-in household), and the claimer is told where it is held.
		await expect(section).toContainText('Die Anmeldungen dieses Kindes werden dort geführt');
		await expect(section.getByRole('article')).toHaveCount(0);
		await parentContext.close();
	});

	test('the front desk proposes, the parent confirms in the account, and the Kita then sees the family', async ({
		page,
		browser
	}) => {
		const lastName = unique('Konto');
		const child = { firstName: 'Mats', lastName, birthDate: '2023-06-06' };
		// A family with an online account that registered for child-minding only, at no Kita.
		const email = `${lastName.toLowerCase()}@example.org`;
		createParentAccount(email);
		const online = seedOnlineChild(email, child, 'Karla');
		const kita = staffKitas()[0] ?? '';
		const kitaName = readDb(
			(db) => (db.prepare('SELECT name FROM facilities WHERE id = ?').get(kita) as { name: string }).name
		);

		await loginAsDemoStaff(page);
		await openForOffline(page, '/kita/vor-ort');
		await page.getByLabel('Angezeigte Einrichtung').selectOption(kita);
		await fillWalkin(page, child);
		await page.getByLabel('Die Familie hat den Datenschutzhinweis unterschrieben.').check();
		await page.getByRole('button', { name: 'Anmeldung speichern' }).click();
		const receipt = page.getByRole('region', { name: 'Anmeldebestätigung – Anmeldung vor Ort' });
		await waitForEmptyOutbox(page);
		await expect(receipt).toContainText(/KP-2026-\d{6}/);
		const walkin = walkinRow(lastName, online.familyId);

		await page.getByRole('link', { name: 'Mögliche Dubletten' }).click();
		await page.getByLabel('Angezeigte Einrichtung').selectOption(kita);
		const candidate = page.getByRole('article').filter({ hasText: `Mats ${lastName}` });
		await expect(candidate).not.toContainText('Karla');
		await candidate.getByRole('button', { name: 'Dasselbe Kind? Familie fragen' }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Dasselbe Kind? Familie fragen' }).click();
		await waitForEmptyOutbox(page);
		await expect(page.getByRole('listitem').filter({ hasText: `Mats ${lastName}` })).toContainText(
			'die Familie wird gefragt'
		);
		expect(childOfRequest(walkin.request_id)).toBe(walkin.child_id);

		// The parent sees the question in the account and confirms it.
		const parentContext = await browser.newContext();
		const parent = await parentContext.newPage();
		await loginAs(parent, email);
		await parent.getByRole('link', { name: 'Fragen von Kitas (1)' }).click();
		const question = parent.getByRole('group', { name: `Ist diese Anmeldung bei ${kitaName} Ihr Kind?` });
		await expect(question).toContainText(`Mats ${lastName}`);
		await question.getByRole('button', { name: 'Ja, das ist mein Kind' }).click();
		await waitForEmptyOutbox(parent);
		await expect(question).toHaveCount(0);
		expect(childOfRequest(walkin.request_id)).toBe(online.childId);
		await parent.getByRole('link', { name: 'Meine Anmeldungen' }).first().click();
		const section = parent.getByRole('region', { name: new RegExp(`Mats ${lastName}`) });
		// The linked request (marked as registered in person, no buttons) and the family's own
		// child-minding request.
		await expect(section.getByRole('article')).toHaveCount(2);
		const linked = section.getByRole('article').filter({ hasText: 'Vor Ort bei der Kita angemeldet' });
		await expect(linked).toHaveCount(1);
		await expect(linked.getByRole('button')).toHaveCount(0);
		await parentContext.close();

		// The Kita now holds the linked request with the family's contact.
		await page.goto(`/kita/anfrage/${walkin.request_id}`);
		await waitForSync(page);
		await expect(page.getByRole('main')).toContainText('Karla');
	});
});
