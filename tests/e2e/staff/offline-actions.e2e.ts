import { expect, test } from '@playwright/test';
import { openForOffline, waitForEmptyOutbox } from '../helpers';
import {
	eventsOf,
	loginAsDemoStaff,
	seedRequests,
	staffKitas,
	statusOf,
	unique,
	withdrawOnServer
} from './steps';

test.describe('Kita staff work offline', () => {
	test('three changes made offline: two arrive once, the one the server overtook shows in "needs attention"', async ({
		page,
		context
	}) => {
		const lastName = unique('Offline');
		const kita = staffKitas()[0] ?? '';
		const [a, b, c] = seedRequests(kita, 3, {
			lastName,
			firstName: (i) => ['Anton', 'Berta', 'Carla'][i] ?? 'X'
		});
		if (!a || !b || !c) throw new Error('seed failed');

		await loginAsDemoStaff(page);
		await openForOffline(page, '/kita');
		await page.getByLabel('Angezeigte Einrichtung').selectOption(kita);
		await page.getByLabel('Name des Kindes').fill(lastName);
		await expect(page.getByRole('status').filter({ hasText: /^3 von/ })).toBeVisible();
		// Open each request once online; afterwards the pages work from the local database.
		for (const child of [a, b, c]) {
			await page.getByRole('link', { name: `${lastName}, ${child.firstName}` }).click();
			await expect(
				page.getByRole('heading', { level: 1, name: `${child.firstName} ${lastName}` })
			).toBeVisible();
			await page.goBack();
		}

		await context.setOffline(true);

		// 1: an Absage
		await page.getByRole('link', { name: `${lastName}, Anton` }).click();
		await page.getByRole('button', { name: 'Absage erteilen' }).click();
		await page.getByLabel('Grund der Absage').selectOption({ label: 'Kein Platz frei' });
		await page.getByRole('button', { name: 'Absage prüfen und senden' }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Absage erteilen' }).click();
		await expect(page.getByText('Wird übertragen …')).toBeVisible();

		// 2 and 3: offers
		for (const name of ['Berta', 'Carla']) {
			await page.getByRole('link', { name: 'Zur Warteliste' }).click();
			await page.getByRole('link', { name: `${lastName}, ${name}` }).click();
			await page.getByRole('button', { name: 'Vertragsangebot machen' }).click();
			await page.getByRole('button', { name: 'Angebot prüfen und senden' }).click();
			await page.getByRole('dialog').getByRole('button', { name: 'Vertragsangebot machen' }).click();
			await expect(page.getByText('Wird übertragen …')).toBeVisible();
		}
		await page.getByRole('link', { name: 'Zur Warteliste' }).click();
		await expect(page.getByRole('row').filter({ hasText: 'Vertragsangebot' })).toHaveCount(2);
		// Opening each request recorded a read for the audit log; those are not the user's changes
		// (issue 14, point 6): three changes, not six.
		await expect(page.getByRole('banner').getByText('3 Änderungen noch nicht übertragen')).toBeVisible();

		// Meanwhile the parents of Carla withdrew their registration.
		withdrawOnServer(c.requestId);
		expect(statusOf(a.requestId)).toBe('registered');

		await context.setOffline(false);
		await waitForEmptyOutbox(page);

		expect(statusOf(a.requestId)).toBe('rejected');
		expect(statusOf(b.requestId)).toBe('offered');
		expect(statusOf(c.requestId)).toBe('withdrawn');
		expect(eventsOf(a.requestId)).toEqual(['register', 'reject']);
		expect(eventsOf(b.requestId)).toEqual(['register', 'offer']);
		expect(eventsOf(c.requestId)).toEqual(['register', 'withdraw']);

		// The queue shows the server's truth …
		await expect(page.getByRole('row').filter({ hasText: 'Carla' })).toContainText('Zurückgezogen');
		// … and the refused offer is in "needs attention" with what was tried and how things stand.
		await page.getByRole('link', { name: /Achtung/ }).click();
		const entry = page.getByRole('article').filter({ hasText: 'Vertragsangebot' });
		await expect(entry).toHaveCount(1);
		await expect(entry).toContainText('Zurückgezogen');
		// It names the child and says why (issue 13, defect 4), with the way back to the request.
		await expect(entry.getByRole('heading')).toContainText(`Ihr Vertragsangebot für Carla ${lastName}`);
		// … and by whom, as a role (issue 14, point 7): the parents withdrew it.
		await expect(entry).toContainText('Die Anmeldung wurde inzwischen von der Familie geändert.');
		await expect(entry.getByRole('link', { name: 'Zur Anmeldung' })).toBeVisible();
	});
});
