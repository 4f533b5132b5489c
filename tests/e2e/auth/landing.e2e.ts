// Issue 13, point 5: after login each role lands on its own start — parents on their overview
// (children, open requests, offers with their answer time, the next step), staff on their queue,
// the Fachberatung on theirs, admins on the youth office's overview — and an explicit `next` wins.
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations, waitForServiceWorker, waitForSync } from '../helpers';
import { DEMO_ADMIN, DEMO_ADVISER, loginWithTotp, type DemoLogin } from '../admin/steps';
import { createParentAccount, DEMO_STAFF, seedRequests, staffKitas, unique, withDb } from '../staff/steps';

const PASSWORD = 'Eltern-Demo-2026';

async function loginParent(page: Page, email: string, path = '/login'): Promise<void> {
	await page.goto(path);
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
}

/** A family of the account `email` with one child whose request at the first staff Kita is offered. */
function seedFamilyWithOffer(email: string, expiresAt: Date): { child: string; kita: string } {
	const facilityId = staffKitas()[0] ?? '';
	const [seeded] = seedRequests(facilityId, 1, { firstName: () => unique('Mila'), lastName: 'Überblick' });
	if (!seeded) throw new Error('no child seeded');
	return withDb((db) => {
		const seq = (
			db.prepare('UPDATE sync_state SET seq = seq + 1 WHERE id = 1 RETURNING seq').get() as { seq: number }
		).seq;
		const user = db.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: string };
		db.prepare('UPDATE families SET owner_user_id = ?, seq = ? WHERE id = ?').run(
			user.id,
			seq,
			seeded.familyId
		);
		db.prepare(
			"UPDATE requests SET status = 'offered', offered_at = ?, offer_expires_at = ?, seq = ? WHERE id = ?"
		).run(new Date().toISOString(), expiresAt.toISOString(), seq, seeded.requestId);
		const kita = (db.prepare('SELECT name FROM facilities WHERE id = ?').get(facilityId) as { name: string })
			.name;
		return { child: `${seeded.firstName} ${seeded.lastName}`, kita };
	});
}

test('a parent without a family lands on the overview, which asks for the family first', async ({ page }) => {
	const email = `${unique('neu')}@example.org`;
	createParentAccount(email);
	await loginParent(page, email);
	await expect(page).toHaveURL(/\/uebersicht$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
	const next = page.getByRole('region', { name: 'Nächster Schritt' });
	await expect(next).toContainText('Legen Sie Ihre Familie an');
	await expect(page.getByRole('listitem').filter({ hasText: 'Familie anlegen' })).toHaveAttribute(
		'aria-current',
		'step'
	);
	await expect(page.getByText('Sie haben noch kein Kind eingetragen.')).toBeVisible();
	await next.getByRole('link', { name: 'Familie anlegen' }).click();
	await expect(page).toHaveURL(/\/familie$/);

	// The public start page no longer asks a logged-in parent to create an account.
	await page.getByRole('navigation').getByRole('link', { name: 'Startseite' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Willkommen im Kita-Portal' })).toBeVisible();
	await expect(page.getByText('erstellen Sie ein Benutzerkonto')).toHaveCount(0);
	await expect(page.getByText('Ihr Benutzerkonto haben Sie bereits')).toBeVisible();
	await page.getByRole('link', { name: 'Zur Übersicht' }).click();
	await expect(page).toHaveURL(/\/uebersicht$/);
});

test('a parent with a family sees the offer with its answer time, offline too', async ({ page, context }) => {
	const email = `${unique('familie')}@example.org`;
	createParentAccount(email);
	const expiresAt = new Date(Date.now() + 10 * 24 * 3600_000);
	const { child, kita } = seedFamilyWithOffer(email, expiresAt);
	await loginParent(page, email);
	await expect(page).toHaveURL(/\/uebersicht$/);
	await waitForServiceWorker(page);
	await waitForSync(page);

	const next = page.getByRole('region', { name: 'Nächster Schritt' });
	await expect(next).toContainText('Eine Einrichtung bietet Ihnen einen Platz an');
	const deadline = new Intl.DateTimeFormat('de-DE', {
		dateStyle: 'medium',
		timeZone: 'Europe/Berlin'
	}).format(expiresAt);
	const offers = page.getByRole('region', { name: 'Angebote mit Frist' });
	await expect(offers).toContainText(kita);
	await expect(offers).toContainText(child);
	await expect(offers).toContainText(`Rückmeldung bis ${deadline}`);
	const childSection = page.getByRole('region', { name: new RegExp(child) });
	await expect(childSection).toContainText('Vertragsangebot');
	await expect(page.getByRole('listitem').filter({ hasText: 'Familie anlegen' })).toContainText('erledigt');
	await expectNoA11yViolations(page);

	// From the local database: the same overview without a connection.
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('region', { name: 'Angebote mit Frist' })).toContainText(kita);
	await context.setOffline(false);
});

test('an explicit next wins over the landing of the role', async ({ page }) => {
	const email = `${unique('weiter')}@example.org`;
	createParentAccount(email);
	await loginParent(page, `${email}`, '/login?next=%2Fmeine-anmeldungen');
	await expect(page).toHaveURL(/\/meine-anmeldungen$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Meine Anmeldungen' })).toBeVisible();
});

const office: [string, DemoLogin, RegExp, string][] = [
	['Kita staff land on their queue', DEMO_STAFF, /\/kita$/, 'Warteliste'],
	['the Fachberatung lands on its queue', DEMO_ADVISER, /\/fachberatung$/, 'Kindertagespflege-Anmeldungen'],
	['admins land on the youth office overview', DEMO_ADMIN, /\/verwaltung\/berichte$/, 'Berichte']
];
for (const [name, account, url, navLink] of office) {
	test(name, async ({ page }) => {
		await loginWithTotp(page, account);
		await expect(page).toHaveURL(url);
		await expect(page.getByRole('navigation').getByRole('link', { name: navLink })).toHaveAttribute(
			'aria-current',
			'page'
		);
	});
}
