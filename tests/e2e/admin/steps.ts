// Steps of the youth office's flows: logging in as the demo admin or Fachberatung (password and a
// TOTP code computed as an authenticator app does), and data written straight into the e2e
// server's database — the "meanwhile a family registered" of the tests.
import { expect, type Page } from '@playwright/test';
import { childMatchKey } from '../../../src/lib/domain/family';
import { freshTotp } from '../helpers';
import { withDb } from '../staff/steps';

export interface DemoLogin {
	email: string;
	password: string;
	totpSecret: string;
}

export const DEMO_ADMIN: DemoLogin = {
	email: 'admin@demo.kita-portal.invalid',
	password: 'Admin-Demo-2026',
	totpSecret: '6RL32BDOCT42WEKFINSZHJJEBPXBRDA4'
};

export const DEMO_ADVISER: DemoLogin = {
	email: 'fachberatung@demo.kita-portal.invalid',
	password: 'Fachberatung-Demo-2026',
	totpSecret: '7GILO2SW43QZ2MJ7YMUP3VCST5LVXNOD'
};

export const DEMO_PARENT = { email: 'eltern@demo.kita-portal.invalid', password: 'Eltern-Demo-2026' };

/** Logs in through /login and the second-factor page, as a person with an authenticator app would. */
export async function loginWithTotp(page: Page, account: DemoLogin): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('E-Mail-Adresse').fill(account.email);
	await page.getByLabel('Passwort', { exact: true }).fill(account.password);
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
	await page.getByLabel('Code aus der App').fill(await freshTotp(page, account.email, account.totpSecret));
	await page.getByRole('button', { name: 'Bestätigen' }).click();
	await expect(page.getByRole('banner').getByRole('button', { name: 'Abmelden' })).toBeVisible();
}

export async function loginAsParent(page: Page, email = DEMO_PARENT.email): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort', { exact: true }).fill(DEMO_PARENT.password);
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
	await expect(page.getByRole('link', { name: 'Meine Anmeldungen' })).toBeVisible();
}

function nextSeq(db: import('better-sqlite3').Database): number {
	return (
		db.prepare('UPDATE sync_state SET seq = seq + 1 WHERE id = 1 RETURNING seq').get() as { seq: number }
	).seq;
}

/** A family (of the account `ownerEmail`, or a walk-in one) with a child and a child-minding request. */
export function seedChildmindingRequest(options: {
	firstName: string;
	lastName: string;
	comment?: string;
	ownerEmail?: string;
}): { id: string; number: string; familyId: string } {
	return withDb((db) => {
		const seq = nextSeq(db);
		const at = new Date().toISOString();
		const owner = options.ownerEmail
			? (
					db.prepare('SELECT id FROM users WHERE email = ?').get(options.ownerEmail) as
						{ id: string } | undefined
				)?.id
			: undefined;
		const existing = owner
			? (
					db.prepare('SELECT id FROM families WHERE owner_user_id = ?').get(owner) as
						{ id: string } | undefined
				)?.id
			: undefined;
		const familyId = existing ?? crypto.randomUUID();
		if (!existing) {
			db.prepare(
				'INSERT INTO families (id, owner_user_id, source, claim_code_hash, created_at, updated_at, seq) VALUES (?, ?, ?, NULL, ?, ?, ?)'
			).run(familyId, owner ?? null, owner ? 'online' : 'walkin', at, at, seq);
			db.prepare(
				"INSERT INTO guardians (id, family_id, position, first_name, last_name, street, postcode, town, phone, email, updated_at, seq) VALUES (?, ?, 1, 'Petra', ?, 'Lindenweg 4', '59457', 'Werl', '02922 5555', 'petra@example.org', ?, ?)"
			).run(crypto.randomUUID(), familyId, options.lastName, at, seq);
		}
		const childId = crypto.randomUUID();
		const birthDate = '2025-06-01';
		db.prepare(
			'INSERT INTO children (id, family_id, first_name, last_name, birth_date, match_key, created_at, updated_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
		).run(
			childId,
			familyId,
			options.firstName,
			options.lastName,
			birthDate,
			childMatchKey({ firstName: options.firstName, lastName: options.lastName, birthDate }),
			at,
			at,
			seq
		);
		const n = (
			db
				.prepare(
					"INSERT INTO number_counters (name, value) VALUES ('TP-E2E', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value"
				)
				.get() as { value: number }
		).value;
		const id = crypto.randomUUID();
		const number = `TP-E2E-${String(n).padStart(6, '0')}`;
		db.prepare(
			"INSERT INTO childminder_requests (id, number, family_id, child_id, start_date, weekly_hours, comment, status, internal_note, submitted_at, updated_at, seq) VALUES (?, ?, ?, ?, '2027-03-01', 35, ?, 'submitted', '', ?, ?, ?)"
		).run(id, number, familyId, childId, options.comment ?? '', at, at, seq);
		return { id, number, familyId };
	});
}

export function childmindingRow(id: string): { status: string; internal_note: string } {
	return withDb(
		(db) =>
			db.prepare('SELECT status, internal_note FROM childminder_requests WHERE id = ?').get(id) as {
				status: string;
				internal_note: string;
			}
	);
}
