// Issue 13, defect 1: the receipt ("Anmeldebestätigung") opens from "Meine Anmeldungen" and from
// the registration mail's link — also on a second device that never saw the registration.
import { expect, test, type Page } from '@playwright/test';
import { waitForEmptyOutbox, waitForSync } from '../helpers';
import { createParentAccount, loginAs, unique } from '../staff/steps';
import {
	addChild,
	ensureGuardian,
	fillRegistration,
	serverDb,
	submitFromSummary,
	uniqueChild
} from './steps';

/** The receipt page shows the registration's number, the child and the Kita. */
async function expectReceipt(page: Page, number: string, child: string, kita: string) {
	await expect(page.getByRole('heading', { level: 1, name: 'Anmeldebestätigung' })).toBeVisible();
	const receipt = page.getByRole('article');
	await expect(receipt).toContainText(number);
	await expect(receipt).toContainText(child);
	await expect(receipt).toContainText(kita);
	await expect(page.getByText('Diese Anmeldung ist auf diesem Gerät nicht vorhanden.')).toHaveCount(0);
}

/** Opens the link of the registration mail about `child` in the development mailbox. */
async function openMailLink(page: Page, child: string, registrationId: string) {
	await page.goto('/dev/mailbox');
	const mail = page.getByRole('article').filter({ hasText: child }).first();
	await mail.getByRole('link', { name: new RegExp(`/meine-anmeldungen/beleg/${registrationId}$`) }).click();
	await expect(page).toHaveURL(new RegExp(`/meine-anmeldungen/beleg/${registrationId}$`));
}

test('the receipt opens from "Meine Anmeldungen" and from the mail, on this device and on a new one', async ({
	page,
	browser,
	baseURL
}) => {
	// A parent of its own: the demo family is written by other tests of the shard at the same time
	// (family-devices saves its guardian from a second device), and the server's version would stand.
	const email = `${unique('beleg').toLowerCase()}@example.org`;
	createParentAccount(email);
	await loginAs(page, email);
	const child = uniqueChild();
	await ensureGuardian(page, email);
	await addChild(page, child);
	await page.goto('/anmeldung');
	const [kita = ''] = await fillRegistration(page, child.firstName, 'Werl', 1);
	await submitFromSummary(page);
	await waitForEmptyOutbox(page);
	const { id, number } = serverDb(
		(db) =>
			db
				.prepare(
					'SELECT r.id, r.number FROM registrations r JOIN children c ON c.id = r.child_id WHERE c.first_name = ?'
				)
				.get(child.firstName) as { id: string; number: string }
	);
	expect(number).toMatch(/^KP-\d{4}-\d{6}$/);
	const childName = `${child.firstName} ${child.lastName}`;

	// From "Meine Anmeldungen".
	await page.getByRole('link', { name: 'Meine Anmeldungen' }).first().click();
	await page.getByRole('link', { name: new RegExp(`^Bestätigung ${number} vom`) }).click();
	await expectReceipt(page, number, childName, kita);

	// From the registration mail, on the same device.
	await openMailLink(page, child.firstName, id);
	await expectReceipt(page, number, childName, kita);

	// From the mail on a second device that never saw the registration.
	const second = await browser.newContext({ baseURL, serviceWorkers: 'block', locale: 'de-DE' });
	const device = await second.newPage();
	await loginAs(device, email);
	await openMailLink(device, child.firstName, id);
	await waitForSync(device);
	await expectReceipt(device, number, childName, kita);
	// … and from its "Meine Anmeldungen".
	await device.getByRole('link', { name: 'Meine Anmeldungen' }).first().click();
	await device.getByRole('link', { name: new RegExp(`^Bestätigung ${number} vom`) }).click();
	await expectReceipt(device, number, childName, kita);
	await second.close();
});
