// An admin deactivates and re-activates an office account, assigns Kitas to a staff member and
// ends every session of an account, from /verwaltung/konten.
import { expect, test } from '@playwright/test';
import { unique, withDb } from '../staff/steps';
import { DEMO_ADMIN, loginWithTotp } from './steps';

function seedStaff(email: string, lastName: string): { id: string; kitas: string[] } {
	return withDb((db) => {
		const id = crypto.randomUUID();
		const at = new Date().toISOString();
		const kitas = (
			db.prepare('SELECT id FROM facilities WHERE active = 1 ORDER BY name LIMIT 2').all() as { id: string }[]
		).map((k) => k.id);
		db.prepare(
			"INSERT INTO users (id, email, password_hash, role, first_name, last_name, locale, email_confirmed_at, active, created_at, updated_at) VALUES (?, ?, 'x', 'staff', 'Sina', ?, 'de', ?, 1, ?, ?)"
		).run(id, email, lastName, at, at, at);
		db.prepare('INSERT INTO user_facilities (user_id, facility_id) VALUES (?, ?)').run(id, kitas[0]);
		db.prepare(
			'INSERT INTO sessions (id, user_id, created_at, expires_at, mfa_verified) VALUES (?, ?, ?, ?, 1)'
		).run(crypto.randomUUID().replace(/-/g, ''), id, at, new Date(Date.now() + 3600_000).toISOString());
		return { id, kitas };
	});
}

const user = (id: string) =>
	withDb((db) => ({
		active: (db.prepare('SELECT active FROM users WHERE id = ?').get(id) as { active: number }).active,
		sessions: (db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?').get(id) as { n: number }).n,
		kitas: (
			db
				.prepare('SELECT facility_id FROM user_facilities WHERE user_id = ? ORDER BY facility_id')
				.all(id) as { facility_id: string }[]
		).map((r) => r.facility_id)
	}));

test('an admin deactivates, re-activates, assigns Kitas and ends sessions', async ({ page }) => {
	const lastName = unique('Konto');
	const staff = seedStaff(`${lastName.toLowerCase()}@example.org`, lastName);
	await loginWithTotp(page, DEMO_ADMIN);
	await page.goto('/verwaltung/konten');
	const row = page.getByRole('row', { name: new RegExp(lastName) });
	await expect(row).toContainText('aktiv');

	await row.getByRole('button', { name: `Deaktivieren: Sina ${lastName}` }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Deaktivieren' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `Erledigt – Deaktivieren: Sina ${lastName}.` })
	).toBeVisible();
	await expect(row).toContainText('deaktiviert');
	expect(user(staff.id)).toMatchObject({ active: 0, sessions: 0 });

	await row.getByRole('button', { name: `Reaktivieren: Sina ${lastName}` }).click();
	await expect(row.getByRole('button', { name: `Deaktivieren: Sina ${lastName}` })).toBeVisible();
	expect(user(staff.id).active).toBe(1);

	await row.getByRole('button', { name: `Kitas zuordnen: Sina ${lastName}` }).click();
	const kitas = row.getByRole('group', { name: `Kitas von Sina ${lastName}` });
	await kitas.getByRole('checkbox').nth(1).check();
	await row.getByRole('button', { name: 'Zuordnung speichern' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Erledigt – Kitas zuordnen' })).toBeVisible();
	expect(user(staff.id).kitas).toHaveLength(2);

	withDb((db) =>
		db
			.prepare(
				'INSERT INTO sessions (id, user_id, created_at, expires_at, mfa_verified) VALUES (?, ?, ?, ?, 1)'
			)
			.run(
				crypto.randomUUID().replace(/-/g, ''),
				staff.id,
				new Date().toISOString(),
				new Date(Date.now() + 3600_000).toISOString()
			)
	);
	await row.getByRole('button', { name: `Alle Sitzungen beenden: Sina ${lastName}` }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Alle Sitzungen beenden' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Erledigt – Alle Sitzungen beenden' })
	).toBeVisible();
	expect(user(staff.id)).toMatchObject({ active: 1, sessions: 0 });
	// The admin's own row offers nothing that would lock the office out.
	await expect(
		page.getByRole('row', { name: /Adam Admin/ }).getByRole('button', { name: /Deaktivieren/ })
	).toHaveCount(0);
});
