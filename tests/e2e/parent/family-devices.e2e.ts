// Issue 13, defect 1: the family's stored guardians were never read back on the device (the page
// sorted by an index the local database did not have), so a second device showed empty forms.
import { expect, test } from '@playwright/test';
import { waitForEmptyOutbox, waitForSync } from '../helpers';
import { createParentAccount, loginAs, unique } from '../staff/steps';

test('the guardian saved on one device opens filled in on a second device', async ({
	page,
	browser,
	baseURL
}) => {
	const firstName = `Gina${Date.now().toString(36)}`;
	const errors: string[] = [];
	// A parent of its own: the other tests of the shard save the demo family's guardian 1 too, and
	// a save from a device that has not yet seen another's is refused (the server's version stands).
	const email = `${unique('zweitgeraet').toLowerCase()}@example.org`;
	createParentAccount(email);
	await loginAs(page, email);
	await page.goto('/familie');
	const form = page.getByRole('form', { name: 'Erziehungsberechtigte Person 1' });
	await form.getByLabel('Vorname').fill(firstName);
	await form.getByLabel('Nachname').fill('Zweitgerät');
	await form.getByLabel('Straße und Hausnummer').fill('Steinerstraße 3');
	await form.getByLabel('Postleitzahl').fill('59457');
	await form.getByLabel('Ort').fill('Werl');
	await form.getByLabel('Telefon').fill('02922 123');
	await form.getByRole('button', { name: 'Angaben speichern' }).click();
	await expect(form.getByRole('status')).toContainText('Gespeichert.');
	await waitForEmptyOutbox(page);

	const second = await browser.newContext({ baseURL, serviceWorkers: 'block', locale: 'de-DE' });
	const device = await second.newPage();
	device.on('console', (message) => {
		if (message.type() === 'error' && !message.text().includes('Service Worker')) errors.push(message.text());
	});
	await loginAs(device, email);
	await device.goto('/familie');
	await waitForSync(device);
	const stored = device.getByRole('form', { name: 'Erziehungsberechtigte Person 1' });
	await expect(stored.getByLabel('Vorname')).toHaveValue(firstName);
	await expect(stored.getByLabel('Ort')).toHaveValue('Werl');
	expect(errors).toEqual([]);
	await second.close();
});
