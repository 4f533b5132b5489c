// Issue 14, point 7: an entry on /achtung names the child and the Kita, what was tried with what the
// user typed, what happened instead and by whom (a role, never a person), and offers the next step.
// The parent and the staff member act offline; "meanwhile on the server" the Kita (or a colleague)
// makes an offer first.
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations, openForOffline, waitForEmptyOutbox, waitForSync } from '../helpers';
import {
	createParentAccount,
	loginAs,
	loginAsDemoStaff,
	readDb,
	seedRequests,
	staffKitas,
	statusOf,
	unique,
	withDb
} from '../staff/steps';

/** "Meanwhile on the server": staff member `actorId` of the Kita made an offer (what makeOffer writes). */
function offerOnServer(requestId: string, actorId: string): void {
	withDb((db) => {
		const seq = (
			db.prepare('UPDATE sync_state SET seq = seq + 1 WHERE id = 1 RETURNING seq').get() as { seq: number }
		).seq;
		const now = new Date();
		const at = now.toISOString();
		const expires = new Date(now.getTime() + 14 * 86_400_000).toISOString();
		db.prepare(
			"UPDATE requests SET status = 'offered', offered_at = ?, offer_expires_at = ?, offer_start_date = '2027-02-01', offer_weekly_hours = 35, offer_note = '', updated_at = ?, seq = ? WHERE id = ?"
		).run(at, expires, at, seq, requestId);
		db.prepare(
			"INSERT INTO request_events (id, request_id, at, actor_id, actor_role, event, from_status, to_status, reason, seq) VALUES (?, ?, ?, ?, 'staff', 'offer', 'registered', 'offered', NULL, ?)"
		).run(crypto.randomUUID(), requestId, at, actorId, seq);
	});
}

/** The page at a phone's and a desktop's width, kept with the test's results to look at. */
async function screenshots(page: Page, name: string): Promise<void> {
	for (const width of [360, 1280]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
	}
}

function kitaName(facilityId: string): string {
	return readDb(
		(db) => (db.prepare('SELECT name FROM facilities WHERE id = ?').get(facilityId) as { name: string }).name
	);
}

test('a withdrawal made offline while the Kita made an offer: the entry names child, Kita, the offer by the Kita, and offers "Angebot ablehnen"', async ({
	page,
	context
}) => {
	const email = `${unique('angebot').toLowerCase()}@example.org`;
	createParentAccount(email);
	const kita = staffKitas()[0] ?? '';
	const lastName = unique('Kontext');
	const [child] = seedRequests(kita, 1, { lastName, firstName: () => 'Lotta' });
	if (!child) throw new Error('seed failed');
	// The seeded family becomes this parent's own.
	withDb((db) =>
		db
			.prepare('UPDATE families SET owner_user_id = (SELECT id FROM users WHERE email = ?) WHERE id = ?')
			.run(email, child.familyId)
	);
	const consoleErrors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(message.text());
	});

	await loginAs(page, email);
	await openForOffline(page, '/meine-anmeldungen');
	await waitForSync(page);
	const card = page.getByRole('article').filter({ hasText: kitaName(kita) });
	await expect(card).toBeVisible();

	await context.setOffline(true);
	await card.getByRole('button', { name: 'Zurückziehen' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Zurückziehen' }).click();
	// Meanwhile the Kita made an offer.
	offerOnServer(child.requestId, crypto.randomUUID());

	await context.setOffline(false);
	await waitForEmptyOutbox(page);
	expect(statusOf(child.requestId)).toBe('offered');

	await page.getByRole('link', { name: 'Achtung (1)' }).click();
	const entry = page.getByRole('article');
	await expect(entry).toHaveCount(1);
	await expect(entry.getByRole('heading', { level: 2 })).toHaveText(
		`Das Zurückziehen der Anmeldung von Lotta ${lastName} bei ${kitaName(kita)} wurde nicht übernommen.`
	);
	await expect(entry).toContainText('Die Anmeldung wurde inzwischen von der Kita geändert.');
	await expect(entry).toContainText('Aktueller Stand: Vertragsangebot – von der Kita, am');
	await expect(entry).not.toContainText('auf diesem Gerät nicht gespeichert');
	const decline = entry.getByRole('link', { name: 'Angebot ablehnen' });
	await expect(decline).toHaveAttribute('href', `/meine-anmeldungen#r-${child.requestId}`);
	await expectNoA11yViolations(page);
	await screenshots(page, 'achtung-parent');

	// Logging out now would delete the entry with what was tried: the warning says so, by rule of number.
	await page.getByRole('banner').getByRole('button', { name: 'Abmelden' }).click();
	const warning = page.getByRole('dialog', { name: 'Nicht übernommene Änderungen' });
	await expect(warning).toContainText(
		'Unter „Achtung“ steht noch 1 Änderung, die der Server nicht übernommen hat. Beim Abmelden wird dieser Hinweis mit Ihren Eingaben gelöscht.'
	);
	await warning.getByRole('button', { name: 'Abbrechen' }).click();

	// The link leads to the offer, where it can be declined.
	await decline.click();
	const offered = page.getByRole('article').filter({ hasText: kitaName(kita) });
	await expect(offered.getByRole('button', { name: 'Angebot ablehnen' })).toBeVisible();
	expect(consoleErrors.filter((text) => !/Failed to load resource|net::ERR/.test(text))).toEqual([]);
});

test('a staff Absage with a typed comment, refused because a colleague’s offer came first: the comment is shown and "Text kopieren" copies it', async ({
	page,
	context
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	const kita = staffKitas()[0] ?? '';
	const lastName = unique('Absage');
	const [child] = seedRequests(kita, 1, { lastName, firstName: () => 'Emil' });
	if (!child) throw new Error('seed failed');
	const comment = 'Bitte ab September, Oma betreut im August';

	await loginAsDemoStaff(page);
	await openForOffline(page, '/kita');
	await page.getByLabel('Angezeigte Einrichtung').selectOption(kita);
	await page.getByLabel('Name des Kindes').fill(lastName);
	await page.getByRole('link', { name: `${lastName}, Emil` }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Emil ${lastName}` })).toBeVisible();

	await context.setOffline(true);
	await page.getByRole('button', { name: 'Absage erteilen' }).click();
	await page.getByLabel('Grund der Absage').selectOption({ label: 'Sonstiges' });
	await page.getByLabel('Erläuterung').fill(comment);
	await page.getByRole('button', { name: 'Absage prüfen und senden' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Absage erteilen' }).click();
	// Meanwhile another staff member of the Kita made an offer.
	offerOnServer(child.requestId, crypto.randomUUID());

	await context.setOffline(false);
	await waitForEmptyOutbox(page);
	expect(statusOf(child.requestId)).toBe('offered');

	await page.getByRole('link', { name: /^Achtung/ }).click();
	const entry = page.getByRole('article').filter({ hasText: `Emil ${lastName}` });
	await expect(entry).toHaveCount(1);
	await expect(entry.getByRole('heading', { level: 2 })).toHaveText(
		`Ihre Absage an Emil ${lastName} (${kitaName(kita)}) wurde nicht übernommen.`
	);
	await expect(entry.getByRole('term')).toHaveText(['Grund der Absage', 'Notiz']);
	await expect(entry.getByRole('definition')).toHaveText(['Sonstiges', comment]);
	await screenshots(page, 'achtung-staff');
	await expect(entry).toContainText(
		'Aktueller Stand: Vertragsangebot – von einer anderen Mitarbeiterin oder einem anderen Mitarbeiter Ihrer Kita'
	);
	await expectNoA11yViolations(page);

	await entry.getByRole('button', { name: 'Text kopieren' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'in die Zwischenablage kopiert' })).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(comment);
});

test('the logout warning names each change not yet sent, with child and Kita, and counts by rule', async ({
	page,
	context
}) => {
	const email = `${unique('abmelden').toLowerCase()}@example.org`;
	createParentAccount(email);
	const kita = staffKitas()[0] ?? '';
	const lastName = unique('Warnung');
	const [child] = seedRequests(kita, 1, { lastName, firstName: () => 'Ida' });
	if (!child) throw new Error('seed failed');
	withDb((db) =>
		db
			.prepare('UPDATE families SET owner_user_id = (SELECT id FROM users WHERE email = ?) WHERE id = ?')
			.run(email, child.familyId)
	);
	await loginAs(page, email);
	await page.goto('/meine-anmeldungen');
	await waitForSync(page);
	// Sends fail (a weak line): the withdrawal waits on the device.
	await context.route('**/api/trpc/sync.push**', (route) => route.abort('connectionreset'));
	const card = page.getByRole('article').filter({ hasText: kitaName(kita) });
	await card.getByRole('button', { name: 'Zurückziehen' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Zurückziehen' }).click();

	await page.getByRole('banner').getByRole('button', { name: 'Abmelden' }).click();
	const warning = page.getByRole('dialog', { name: 'Noch nicht übertragene Änderungen' });
	await expect(warning).toContainText(
		'Auf diesem Gerät gibt es 1 Änderung, die noch nicht an den Server übertragen wurde. Beim Abmelden wird sie gelöscht.'
	);
	await expect(warning.getByRole('listitem')).toHaveText([
		`Anmeldung zurückziehen: Ida ${lastName}, ${kitaName(kita)}`
	]);
	await expectNoA11yViolations(page);
	await screenshots(page, 'logout-warning');
	await warning.getByRole('button', { name: 'Abbrechen' }).click();
	await expect(page.getByRole('banner').getByRole('button', { name: 'Abmelden' })).toBeVisible();
});
