// Issue 14, point 4: pending, sent and refused are three states. Two staff members of one Kita work
// on the same request: the one offline records an "Absage" after the other's offer reached the
// server; back online, the page says the Absage was refused and leads to "Achtung", instead of
// still promising "wird übertragen".
import { expect, test } from '@playwright/test';
import { openForOffline, waitForEmptyOutbox } from '../helpers';
import {
	createStaffMember,
	DEMO_STAFF,
	eventsOf,
	seedRequests,
	signInAs,
	staffKitas,
	statusOf,
	unique
} from './steps';

test('an Absage refused because another staff member made an offer first says so and links to "Achtung"', async ({
	browser,
	page
}) => {
	const lastName = unique('Zweifach');
	const kita = staffKitas()[0] ?? '';
	const [child] = seedRequests(kita, 1, { lastName, firstName: () => 'Mira' });
	if (!child) throw new Error('seed failed');
	const heading = { level: 1, name: `Mira ${lastName}` } as const;
	const colleague = `${unique('sina')}@kita.invalid`;
	createStaffMember(colleague, [kita]);

	// Staff member 2, in a browser of their own, opens the request and then loses the connection.
	const context2 = await browser.newContext();
	const page2 = await context2.newPage();
	await signInAs(page2, colleague);
	await openForOffline(page2, `/kita/anfrage/${child.requestId}`);
	await expect(page2.getByRole('heading', heading)).toBeVisible();
	await context2.setOffline(true);

	// Staff member 1, online, makes an offer: it reaches the server first.
	await signInAs(page, DEMO_STAFF.email);
	await openForOffline(page, `/kita/anfrage/${child.requestId}`);
	await page.getByRole('button', { name: 'Vertragsangebot machen' }).click();
	await page.getByRole('button', { name: 'Angebot prüfen und senden' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Vertragsangebot machen' }).click();
	await waitForEmptyOutbox(page);
	// The outbox can look empty for a moment before the click's change is in it: the server decides.
	await expect.poll(() => statusOf(child.requestId), { timeout: 20_000 }).toBe('offered');
	// Sent: the page no longer promises to send it.
	await expect(page.getByRole('main').getByText(/wird übertragen/i)).toHaveCount(0);

	// Staff member 2, still offline, records an Absage: saved on the device, waiting to be sent.
	await page2.getByRole('button', { name: 'Absage erteilen' }).click();
	await page2.getByLabel('Grund der Absage').selectOption({ label: 'Kein Platz frei' });
	await page2.getByRole('button', { name: 'Absage prüfen und senden' }).click();
	await page2.getByRole('dialog').getByRole('button', { name: 'Absage erteilen' }).click();
	const main2 = page2.getByRole('main');
	await expect(main2.getByText('Wird übertragen …')).toBeVisible();
	await expect(main2.getByText(/Die Änderung wird übertragen, sobald eine Verbindung besteht/)).toBeVisible();

	// Back online: the server refuses the Absage (the request is offered now).
	await context2.setOffline(false);
	await waitForEmptyOutbox(page2);
	expect(statusOf(child.requestId)).toBe('offered');
	expect(eventsOf(child.requestId)).toEqual(['register', 'offer']);
	await expect(main2.getByText(/wird übertragen/i)).toHaveCount(0);
	const refused = main2.getByRole('status').filter({ hasText: 'nicht übernommen' });
	await expect(refused).toBeVisible();
	await refused.getByRole('link', { name: /Achtung/ }).click();
	await expect(page2).toHaveURL(/\/achtung$/);
	await expect(page2.getByRole('article').filter({ hasText: `Mira ${lastName}` })).toHaveCount(1);
	await context2.close();
});
