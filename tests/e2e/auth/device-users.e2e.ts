// Issue 14, points 1 and 2: one browser, several people. An outbox is sent only under its own
// user's session; a second login waits for the first person to log out; every tab follows a login or
// logout; a session that ended keeps the device's data and says so at once.
import { expect, test } from '@playwright/test';
import { freshTotp, openForOffline, waitForEmptyOutbox, waitForSync } from '../helpers';
import {
	DEMO_STAFF,
	fillWalkin,
	loginAsDemoStaff,
	readDb,
	seedRequests,
	staffKitas,
	unique,
	withDb
} from '../staff/steps';
import { login } from './steps';

const PARENT = { email: 'eltern@demo.kita-portal.invalid', password: 'Eltern-Demo-2026' };

const clientsOf = (email: string) =>
	readDb((db) =>
		(
			db
				.prepare(
					'SELECT c.client_id FROM sync_clients c JOIN users u ON u.id = c.user_id WHERE u.email = ? ORDER BY 1'
				)
				.all(email) as { client_id: string }[]
		).map((r) => r.client_id)
	);

const walkinsNamed = (lastName: string) =>
	readDb(
		(db) =>
			(db.prepare('SELECT COUNT(*) AS n FROM children WHERE last_name = ?').get(lastName) as { n: number }).n
	);

test("staff A's unsent walk-in is neither sent under parent B's login nor lost, and goes through once A logs in again", async ({
	page,
	context
}) => {
	const lastName = unique('Geraet');
	await loginAsDemoStaff(page);
	await openForOffline(page, '/kita/vor-ort');
	await page.getByLabel('Angezeigte Einrichtung').selectOption(staffKitas()[0] ?? '');
	// Sends fail (a weak line): the walk-in waits in A's outbox; the family holds its receipt. (On the
	// context: every tab of this browser pushes the same outbox.)
	await context.route('**/api/trpc/sync.push**', (route) => route.abort('connectionreset'));
	await fillWalkin(page, { firstName: 'Lina', lastName, birthDate: '2023-09-09' });
	await page.getByLabel(/Datenschutzhinweis unterschrieben/).check();
	await page.getByRole('button', { name: 'Anmeldung speichern' }).click();
	await expect(page.getByRole('region', { name: /Anmeldebestätigung/ })).toBeVisible();

	// A second tab: the login page does not let B in while A is logged in on this browser.
	const tab2 = await context.newPage();
	await tab2.goto('/login');
	await expect(tab2.getByText(/Auf diesem Gerät ist .* angemeldet/)).toBeVisible();
	await expect(tab2.getByLabel('E-Mail-Adresse')).toBeHidden();
	// B logs in all the same (an old tab, a script): the browser's cookie is now B's.
	const response = await tab2.request.post('/api/trpc/auth.login', {
		headers: { 'content-type': 'application/json', 'x-kita-portal': '1' },
		data: { email: PARENT.email, password: PARENT.password }
	});
	expect(response.ok()).toBe(true);

	// Tab 1 gets its connection back and pushes A's outbox with B's cookie: refused, kept, A is asked.
	const clientsBefore = clientsOf(PARENT.email);
	await context.unroute('**/api/trpc/sync.push**');
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(page.getByRole('alert').filter({ hasText: 'Sitzung abgelaufen' })).toBeVisible();
	expect(walkinsNamed(lastName)).toBe(0);
	// A's client id was not bound to B: B's clients are the same as before the push.
	expect(clientsOf(PARENT.email)).toEqual(clientsBefore);

	// A logs in again in tab 1 (from the notice, without reloading: a reload would ask the server,
	// which now knows B): the walk-in arrives once, as A's.
	await tab2.close();
	await page.getByRole('alert').getByRole('link', { name: 'Erneut anmelden' }).click();
	await page.getByLabel('E-Mail-Adresse').fill(DEMO_STAFF.email);
	await page.getByLabel('Passwort', { exact: true }).fill(DEMO_STAFF.password);
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
	await page
		.getByLabel('Code aus der App')
		.fill(await freshTotp(page, DEMO_STAFF.email, DEMO_STAFF.totpSecret));
	await page.getByRole('button', { name: 'Bestätigen' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Sitzung abgelaufen' })).toHaveCount(0);
	await waitForEmptyOutbox(page);
	expect(walkinsNamed(lastName)).toBe(1);
});

test('a logout in one tab is followed at once by the other tabs', async ({ page, context }) => {
	await login(page, PARENT.email, PARENT.password);
	const banner = page.getByRole('banner');
	await expect(banner.getByText('Angemeldet: Erika Musterfrau')).toBeVisible();
	const tab2 = await context.newPage();
	await tab2.goto('/meine-anmeldungen');
	await expect(tab2.getByRole('banner').getByText('Angemeldet: Erika Musterfrau')).toBeVisible();

	await tab2.getByRole('banner').getByRole('button', { name: 'Abmelden' }).click();
	await expect(tab2.getByRole('banner').getByRole('link', { name: 'Eltern-Login' })).toBeVisible();
	// The first tab no longer shows Erika as logged in, without a click.
	await expect(banner.getByRole('link', { name: 'Eltern-Login' })).toBeVisible({ timeout: 15_000 });
	await expect(banner.getByText('Angemeldet: Erika Musterfrau')).toHaveCount(0);
});

test('a session that ended on the server keeps the queue on the device and says so at the next focus', async ({
	page
}) => {
	const lastName = unique('Sitzung');
	const kita = staffKitas()[0] ?? '';
	seedRequests(kita, 3, { lastName });
	await loginAsDemoStaff(page);
	await page.goto('/kita');
	await page.getByLabel('Angezeigte Einrichtung').selectOption(kita);
	await waitForSync(page);
	const rows = page.getByRole('main').getByRole('row').filter({ hasText: lastName });
	await expect(rows).toHaveCount(3);

	withDb((db) =>
		db
			.prepare('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = ?)')
			.run('kita-leitung@demo.kita-portal.invalid')
	);
	const pulled = page.waitForResponse((r) => r.url().includes('/api/trpc/sync.pull'));
	await page.evaluate(() => window.dispatchEvent(new Event('focus')));
	await pulled;
	await expect(page.getByRole('alert').filter({ hasText: 'Sitzung abgelaufen' })).toBeVisible();
	await expect(rows).toHaveCount(3);

	// After the new login the pull goes on as usual, the queue unchanged.
	await loginAsDemoStaff(page);
	await page.goto('/kita');
	await page.getByLabel('Angezeigte Einrichtung').selectOption(kita);
	await waitForSync(page);
	await expect(rows).toHaveCount(3);
});
