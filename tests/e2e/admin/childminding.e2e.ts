// The Fachberatung works a child-minding request offline: contact made and an internal note, kept
// on the device through a reload, sent once online; the family gets the generic status mail.
import { expect, test } from '@playwright/test';
import { openForOffline, syncIndicator, waitForEmptyOutbox } from '../helpers';
import { createParentAccount, unique, withDb } from '../staff/steps';
import { childmindingRow, DEMO_ADVISER, loginWithTotp, seedChildmindingRequest } from './steps';

test('the Fachberatung works a child-minding request offline', async ({ page, context }) => {
	const lastName = unique('Tagespflege');
	const email = `${lastName.toLowerCase()}@example.org`;
	createParentAccount(email);
	const request = seedChildmindingRequest({
		firstName: 'Lotta',
		lastName,
		comment: 'Wir suchen eine Tagesmutter in Werl.',
		ownerEmail: email
	});
	const statusMails = () =>
		withDb(
			(db) =>
				(
					db
						.prepare("SELECT COUNT(*) AS n FROM mail_outbox WHERE kind = 'statusChange' AND to_address = ?")
						.get(email) as { n: number }
				).n
		);
	const mailsBefore = statusMails();

	await loginWithTotp(page, DEMO_ADVISER);
	await openForOffline(page, '/fachberatung');
	const row = page.getByRole('row', { name: new RegExp(request.number) });
	await expect(row).toContainText(`Lotta ${lastName}`);
	await expect(row).toContainText('Eingegangen');

	await context.setOffline(true);
	await row.getByRole('link', { name: request.number }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Anmeldung ${request.number}`);
	await expect(page.getByText('Wir suchen eine Tagesmutter in Werl.')).toBeVisible();
	await expect(page.getByRole('paragraph').filter({ hasText: 'E-Mail des Benutzerkontos' })).toContainText(
		email
	);
	await page.getByRole('button', { name: 'Kontakt aufgenommen' }).click();
	await expect(page.getByText('Status: In Kontakt')).toBeVisible();
	await page.getByLabel('Notiz der Fachberatung').fill('Frau K. in Werl hat ab März einen Platz frei.');
	await page.getByRole('button', { name: 'Notiz speichern' }).click();
	await expect(
		page.getByText('Gespeichert. Die Änderung wird übertragen, sobald eine Verbindung besteht.')
	).toBeVisible();

	// Still offline: a reload shows the work from the device's own database.
	await page.reload();
	await expect(syncIndicator(page)).toContainText('Offline');
	await expect(page.getByText('Status: In Kontakt')).toBeVisible();
	await expect(page.getByLabel('Notiz der Fachberatung')).toHaveValue(
		'Frau K. in Werl hat ab März einen Platz frei.'
	);
	expect(childmindingRow(request.id)).toEqual({ status: 'submitted', internal_note: '' });

	await context.setOffline(false);
	await waitForEmptyOutbox(page);
	expect(childmindingRow(request.id)).toEqual({
		status: 'inContact',
		internal_note: 'Frau K. in Werl hat ab März einen Platz frei.'
	});
	await page.getByRole('button', { name: 'Vermittelt' }).click();
	// Saved on the device first; the outbox is empty again only once the server has it. (Right after
	// the click the outbox could still look empty, before the change was queued: CI once checked the
	// server's row then.)
	await expect(page.getByText('Status: Vermittelt')).toBeVisible();
	await waitForEmptyOutbox(page);
	await expect.poll(() => childmindingRow(request.id).status).toBe('placed');
	await expect(page.getByText('Diese Anmeldung ist abgeschlossen.')).toBeVisible();
	const mailsAfter = statusMails();
	expect(mailsAfter).toBe(mailsBefore + 2);
});
