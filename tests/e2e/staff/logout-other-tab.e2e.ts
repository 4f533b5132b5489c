// Issue 14, point 5: every tab shows the outbox as it is. "Trotzdem abmelden" in one tab deletes the
// device's data with a walk-in not yet sent; the other tab, which shows that walk-in's receipt,
// must not go on presenting it as saved. (tab-follow.ts reloads it into the logged-out state; the
// case of a tab that reads the logout late, after the same user logged in again, is in its spec.)
import { expect, test } from '@playwright/test';
import { openForOffline, waitForSync } from '../helpers';
import { DEMO_STAFF, fillWalkin, readDb, signInAs, staffKitas, unique } from './steps';

const walkinsNamed = (lastName: string) =>
	readDb(
		(db) =>
			(db.prepare('SELECT COUNT(*) AS n FROM children WHERE last_name = ?').get(lastName) as { n: number }).n
	);

test('a walk-in discarded by "Trotzdem abmelden" in one tab is no longer shown as saved in another', async ({
	page,
	context
}) => {
	const lastName = unique('Verworfen');
	await signInAs(page, DEMO_STAFF.email);
	await openForOffline(page, '/kita');

	const tab2 = await context.newPage();
	await tab2.goto('/kita/vor-ort');
	await waitForSync(tab2);
	await tab2.getByLabel('Angezeigte Einrichtung').selectOption(staffKitas()[0] ?? '');

	await context.setOffline(true);
	await fillWalkin(tab2, { firstName: 'Ida', lastName, birthDate: '2023-10-10' });
	await tab2.getByLabel(/Datenschutzhinweis unterschrieben/).check();
	await tab2.getByRole('button', { name: 'Anmeldung speichern' }).click();
	const receipt = tab2.getByRole('region', { name: /Anmeldebestätigung/ });
	await expect(receipt).toBeVisible();
	await expect(tab2.getByText(/Die Anmeldung ist gespeichert/)).toBeVisible();

	// The connection is back but sends fail: logging out is possible, the walk-in still unsent.
	await context.route('**/api/trpc/sync.push**', (route) => route.abort('connectionreset'));
	await context.setOffline(false);
	await page.getByRole('banner').getByRole('button', { name: 'Abmelden' }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog).toContainText('1 Änderung, die noch nicht an den Server übertragen wurde');
	await dialog.getByRole('button', { name: 'Trotzdem abmelden' }).click();
	await expect(page.getByRole('banner').getByRole('link', { name: 'Eltern-Login' })).toBeVisible();

	// The other tab no longer presents the discarded walk-in as saved, nor its receipt.
	await expect(receipt).toHaveCount(0, { timeout: 15_000 });
	await expect(tab2.getByText(/Die Anmeldung ist gespeichert/)).toHaveCount(0);
	await expect(tab2.getByRole('banner').getByRole('link', { name: 'Eltern-Login' })).toBeVisible();
	await context.unroute('**/api/trpc/sync.push**');
	expect(walkinsNamed(lastName)).toBe(0);
});
