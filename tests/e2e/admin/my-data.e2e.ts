// A parent downloads everything the portal holds about the family (printable page and JSON file),
// and deletes the account: refused while an offer is open, then done — local data gone too.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createParentAccount, unique, withDb } from '../staff/steps';
import { loginAsParent, seedChildmindingRequest } from './steps';

test('a parent downloads their data and deletes the account', async ({ page }) => {
	const email = `${unique('daten')}@example.org`;
	createParentAccount(email);
	const lastName = unique('Datenkind');
	const request = seedChildmindingRequest({
		firstName: 'Ida',
		lastName,
		comment: 'Gern in Werl.',
		ownerEmail: email
	});
	withDb((db) =>
		db
			.prepare("UPDATE childminder_requests SET internal_note = 'Nur für die Fachberatung' WHERE id = ?")
			.run(request.id)
	);

	await loginAsParent(page, email);
	await page.goto('/konto');
	await page.getByRole('link', { name: 'Meine Daten: herunterladen oder Konto löschen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Meine Daten' })).toBeVisible();
	await page.getByRole('button', { name: 'Meine Daten abrufen' }).click();
	const children = page.getByRole('region', { name: /^Kinder \(1\)/ });
	await expect(children).toContainText(`Ida`);
	await expect(children).toContainText(lastName);
	await expect(page.getByRole('region', { name: /^Kindertagespflege \(1\)/ })).toContainText('Gern in Werl.');
	await expect(page.getByRole('button', { name: 'Drucken' })).toBeVisible();
	await expect(page.getByText('Nur für die Fachberatung')).toHaveCount(0);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Als Datei herunterladen (JSON)' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^kita-portal-meine-daten-\d{4}-\d{2}-\d{2}\.json$/);
	const file = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as {
		tables: Record<string, Record<string, unknown>[]>;
	};
	expect(file.tables.users?.[0]).toMatchObject({ email });
	expect(file.tables.users?.[0]).not.toHaveProperty('password_hash');
	expect(file.tables.children).toEqual([expect.objectContaining({ first_name: 'Ida', last_name: lastName })]);
	expect(file.tables.guardians?.length).toBe(1);
	expect(JSON.stringify(file)).not.toContain('Nur für die Fachberatung');

	// An open offer blocks the deletion, with the reason.
	const userId = withDb(
		(db) => (db.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: string }).id
	);
	const facility = withDb(
		(db) =>
			(db.prepare('SELECT id FROM facilities WHERE active = 1 ORDER BY name LIMIT 1').get() as { id: string })
				.id
	);
	const offered = withDb((db) => {
		const seq = (
			db.prepare('UPDATE sync_state SET seq = seq + 1 WHERE id = 1 RETURNING seq').get() as { seq: number }
		).seq;
		const child = db.prepare('SELECT id FROM children WHERE family_id = ?').get(request.familyId) as {
			id: string;
		};
		const registrationId = crypto.randomUUID();
		const requestId = crypto.randomUUID();
		const at = new Date().toISOString();
		db.prepare(
			"INSERT INTO registrations (id, number, family_id, child_id, submitted_at, submitted_by, source, seq) VALUES (?, ?, ?, ?, ?, ?, 'online', ?)"
		).run(registrationId, `KP-E2E-D-${Date.now()}`, request.familyId, child.id, at, userId, seq);
		db.prepare(
			"INSERT INTO requests (id, registration_id, child_id, facility_id, kita_year_id, rank, start_date, weekly_hours, change_request, comment, status, registered_at, offered_at, offer_expires_at, updated_at, seq) VALUES (?, ?, ?, ?, '2027-28', 1, '2027-08-01', 35, 0, '', 'offered', ?, ?, ?, ?, ?)"
		).run(
			requestId,
			registrationId,
			child.id,
			facility,
			at,
			at,
			new Date(Date.now() + 14 * 86_400_000).toISOString(),
			at,
			seq
		);
		return requestId;
	});
	await page.reload();
	await expect(page.getByRole('alert')).toContainText('Eine Kita hat Ihnen ein Vertragsangebot gemacht.');
	await expect(page.getByRole('button', { name: 'Konto löschen' })).toHaveCount(0);

	withDb((db) => db.prepare("UPDATE requests SET status = 'declined' WHERE id = ?").run(offered));
	await page.reload();
	await page.getByLabel('Aktuelles Passwort').fill('Eltern-Demo-2026');
	await page.getByRole('button', { name: 'Konto löschen' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Endgültig löschen' }).click();
	await expect(page.getByText('Ihr Konto wurde gelöscht.')).toBeVisible();
	expect(withDb((db) => db.prepare('SELECT id FROM users WHERE email = ?').get(email))).toBeUndefined();
	const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
	expect(names).not.toContain(`kita-portal-${userId}`);
	expect(
		withDb((db) =>
			db.prepare('SELECT first_name, last_name FROM children WHERE family_id = ?').get(request.familyId)
		)
	).toEqual({
		first_name: '',
		last_name: ''
	});
});
