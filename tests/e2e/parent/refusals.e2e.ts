// Issue 13, defect 4: a change the server refused says what was refused and why, in the user's
// words, and offers the next step. Provoked for real: two devices of one family both enter a second
// guardian; the device that was offline loses.
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations, waitForEmptyOutbox, waitForSync } from '../helpers';
import { createParentAccount, loginAs, unique } from '../staff/steps';

async function fillGuardian(page: Page, position: 1 | 2, firstName: string, town: string) {
	const form = page.getByRole('form', { name: new RegExp(`^Erziehungsberechtigte Person ${position}`) });
	await form.getByLabel('Vorname').fill(firstName);
	await form.getByLabel('Nachname').fill('Zweifach');
	await form.getByLabel('Straße und Hausnummer').fill('Am Markt 1');
	await form.getByLabel('Postleitzahl').fill('59457');
	await form.getByLabel('Ort').fill(town);
	await form.getByLabel('Telefon').fill('02922 777');
	await form.getByRole('button', { name: 'Angaben speichern' }).click();
	await expect(form.getByRole('status')).toContainText('Gespeichert.');
	return form;
}

test('a second guardian entered offline on another device is refused with a text that names it, and "reload" shows the server’s', async ({
	page,
	browser,
	baseURL
}) => {
	const email = `${unique('zweifach').toLowerCase()}@example.org`;
	createParentAccount(email);
	await loginAs(page, email);
	await page.goto('/familie');
	await fillGuardian(page, 1, 'Anna', 'Werl');
	await waitForEmptyOutbox(page);

	// The second device has the family, then loses the connection.
	const second = await browser.newContext({ baseURL, serviceWorkers: 'block', locale: 'de-DE' });
	const device = await second.newPage();
	const consoleErrors: string[] = [];
	device.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(message.text());
	});
	await loginAs(device, email);
	await device.goto('/familie');
	await waitForSync(device);
	await expect(
		device.getByRole('form', { name: 'Erziehungsberechtigte Person 1' }).getByLabel('Vorname')
	).toHaveValue('Anna');
	await second.setOffline(true);

	// Meanwhile the first device saves a second guardian …
	await fillGuardian(page, 2, 'Bernd', 'Soest');
	await waitForEmptyOutbox(page);
	// … and the offline device enters another one.
	await fillGuardian(device, 2, 'Carl', 'Unna');
	await second.setOffline(false);
	await waitForEmptyOutbox(device);
	// Where it was saved, the form no longer says it will be sent: it names the refusal and leads to
	// "Achtung" (issue 14, point 4).
	const refusedForm = device.getByRole('form', { name: /^Erziehungsberechtigte Person 2/ });
	await expect(refusedForm.getByRole('status')).toContainText('Nicht übernommen');
	await expect(refusedForm).not.toContainText('wird übertragen');
	await expect(refusedForm.getByRole('status').getByRole('link', { name: /Achtung/ })).toHaveAttribute(
		'href',
		'/achtung'
	);

	await device.getByRole('link', { name: 'Achtung (1)' }).click();
	const entry = device.getByRole('article');
	await expect(entry).toHaveCount(1);
	await expect(entry.getByRole('heading')).toHaveText(
		'Ihre Angaben zu Erziehungsberechtigter Person 2 wurden nicht übernommen.'
	);
	await expect(entry).toContainText(
		'Auf einem anderen Gerät wurde inzwischen schon eine Person als Erziehungsberechtigte Person 2 gespeichert.'
	);
	await expect(entry).not.toContainText('Der Server hat die Änderung nicht übernommen');
	await expect(entry.getByRole('link', { name: 'Zur Familie' })).toHaveAttribute('href', '/familie');

	await expectNoA11yViolations(device);

	await entry.getByRole('button', { name: 'Daten vom Server neu laden' }).click();
	await expect(
		device.getByRole('status').filter({ hasText: 'Die Daten vom Server sind geladen' })
	).toBeVisible();
	await expect(entry).toHaveCount(0);
	await expect(device.getByRole('link', { name: /^Achtung/ })).toHaveCount(0);

	// The family page shows what the server holds: the first device's second guardian.
	await device.getByRole('link', { name: 'Familie' }).click();
	const stored = device.getByRole('form', { name: /^Erziehungsberechtigte Person 2/ });
	await expect(stored.getByLabel('Vorname')).toHaveValue('Bernd');
	await expect(stored.getByLabel('Ort')).toHaveValue('Soest');
	// Offline sync attempts leave network errors; nothing else (no missing text, no failed query).
	expect(consoleErrors.filter((text) => !/Failed to load resource|net::ERR/.test(text))).toEqual([]);
	await second.close();
});
