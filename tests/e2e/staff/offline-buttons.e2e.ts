import { expect, test } from '@playwright/test';
import { openForOffline, waitForEmptyOutbox } from '../helpers';
import { loginAsDemoStaff, seedRequests, staffKitas, statusOf, unique } from './steps';

// The buttons come from the actions the server sends with each row (permittedActions). A step the
// device made itself offline must bring the next step's buttons at once, as the server will send
// them — not only after the sync (issue 15: the client mutators set them on the rows they change).
test('an offer made offline brings "withdraw" and the parents\' answer at once, at 360 and 1280 px', async ({
	page,
	context
}) => {
	const lastName = unique('Knopf');
	const kita = staffKitas()[0] ?? '';
	const [child] = seedRequests(kita, 1, { lastName, firstName: () => 'Dora' });
	if (!child) throw new Error('seed failed');

	await loginAsDemoStaff(page);
	await openForOffline(page, '/kita');
	await page.getByLabel('Angezeigte Einrichtung').selectOption(kita);
	await page.getByLabel('Name des Kindes').fill(lastName);
	await page.getByRole('link', { name: `${lastName}, Dora` }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Dora ${lastName}` })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Angebot zurücknehmen' })).toHaveCount(0);

	await context.setOffline(true);
	await page.getByRole('button', { name: 'Vertragsangebot machen' }).click();
	await page.getByRole('button', { name: 'Angebot prüfen und senden' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Vertragsangebot machen' }).click();
	await expect(page.getByText('Wird übertragen …')).toBeVisible();

	for (const width of [360, 1280]) {
		await page.setViewportSize({ width, height: 900 });
		await expect(page.getByRole('button', { name: 'Angebot zurücknehmen' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Zusage der Eltern erfassen' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Vertragsangebot machen' })).toHaveCount(0);
		await page.screenshot({ path: test.info().outputPath(`offline-offer-${width}.png`), fullPage: true });
	}

	await context.setOffline(false);
	await waitForEmptyOutbox(page);
	expect(statusOf(child.requestId)).toBe('offered');
	await expect(page.getByRole('button', { name: 'Angebot zurücknehmen' })).toBeVisible();
});
