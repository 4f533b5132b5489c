// Steps of the parent flows: logging in as the demo parent, adding a child, and reading what the
// server stored (straight from the e2e server's SQLite file, read-only) to prove "exactly once".
import { expect, type Locator, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { E2E_DATABASE_PATH } from '../../../playwright.config';

export const DEMO_PARENT = { email: 'eltern@demo.kita-portal.invalid', password: 'Eltern-Demo-2026' };
const DB_PATH = E2E_DATABASE_PATH;

export async function loginAsDemoParent(page: Page): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('E-Mail-Adresse').fill(DEMO_PARENT.email);
	await page.getByLabel('Passwort', { exact: true }).fill(DEMO_PARENT.password);
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
	// The menu's link: the overview the login lands on shows a second one once the shared demo
	// family holds a registration (another test of the run may have made it).
	await expect(
		page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Meine Anmeldungen' })
	).toBeVisible();
}

/** A child name no other test uses, so tests can share the demo parent. */
export function uniqueChild(): { firstName: string; lastName: string } {
	return {
		firstName: `Kind${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`,
		lastName: 'Testmann'
	};
}

export async function addChild(
	page: Page,
	child: { firstName: string; lastName: string },
	birthDate = '2024-03-10'
) {
	await page.goto('/familie');
	const form = page.getByRole('form', { name: 'Kind hinzufügen' }).last();
	await form.getByLabel('Vorname des Kindes').fill(child.firstName);
	await form.getByLabel('Nachname des Kindes').fill(child.lastName);
	await form.getByLabel('Geburtsdatum').fill(birthDate);
	await form.getByRole('button', { name: 'Kind hinzufügen' }).click();
	await expect(page.getByText(`${child.firstName} ${child.lastName}`)).toBeVisible();
}

/**
 * The family's first guardian, saved (again) through /familie: without it /anmeldung asks for it
 * first (issue 13, point 6). Saving over an existing one keeps its id, so tests may share the parent.
 */
/** Saves guardian 1 on /familie and waits until the server has it (`email`: the account logged in). */
export async function ensureGuardian(page: Page, email = DEMO_PARENT.email): Promise<void> {
	await page.goto('/familie');
	const form = page.getByRole('form', { name: 'Erziehungsberechtigte Person 1' });
	await fillGuardian(form);
	await form.getByRole('button', { name: 'Angaben speichern' }).click();
	await expect(form.getByRole('status')).toContainText('Gespeichert.');
	// Saved on this device is not yet on the server: a caller that closes this browser next (and
	// opens another device) needs it there (CI once lost it that way).
	await expect
		.poll(
			() =>
				serverDb(
					(db) =>
						db
							.prepare(
								`SELECT count(*) AS n FROM guardians g JOIN families f ON f.id = g.family_id
								 JOIN users u ON u.id = f.owner_user_id WHERE u.email = ? AND g.last_name = 'Testmann'`
							)
							.get(email) as { n: number }
				).n,
			{ timeout: 15_000 }
		)
		.toBeGreaterThan(0);
}

/** Fills the guardian form (of /familie or of the registration's "Zuerst Ihre Angaben"). */
export async function fillGuardian(form: Locator): Promise<void> {
	await form.getByLabel('Vorname').fill('Paula');
	await form.getByLabel('Nachname').fill('Testmann');
	await form.getByLabel('Straße und Hausnummer').fill('Steinerstraße 3');
	await form.getByLabel('Postleitzahl').fill('59457');
	await form.getByLabel('Ort').fill('Werl');
	await form.getByLabel('Telefon').fill('02922 123');
}

export function serverDb<T>(read: (db: Database.Database) => T): T {
	const db = new Database(DB_PATH, { readonly: true, fileMustExist: true });
	try {
		return read(db);
	} finally {
		db.close();
	}
}

export function requestsOfChild(firstName: string): { status: string; facility_id: string }[] {
	return serverDb(
		(db) =>
			db
				.prepare(
					'SELECT r.status, r.facility_id FROM requests r JOIN children c ON c.id = r.child_id WHERE c.first_name = ?'
				)
				.all(firstName) as { status: string; facility_id: string }[]
	);
}

export function countChildren(firstName: string): number {
	return serverDb(
		(db) =>
			(db.prepare('SELECT COUNT(*) AS n FROM children WHERE first_name = ?').get(firstName) as { n: number })
				.n
	);
}

/** Fills the registration form for one child at the first n hits of a search. */
export async function fillRegistration(
	page: Page,
	childName: string,
	search: string,
	count = 1
): Promise<string[]> {
	const childSelect = page.getByLabel('Für welches Kind?');
	const value = await childSelect.locator('option', { hasText: childName }).getAttribute('value');
	await childSelect.selectOption(value ?? '');
	await page.getByLabel('Einrichtung suchen (Name oder Ort)').fill(search);
	const names: string[] = [];
	for (let i = 0; i < count; i++) {
		const add = page.getByRole('button', { name: /hinzufügen$/ }).first();
		const label = (await add.getAttribute('aria-label')) ?? '';
		names.push(label.replace(/ hinzufügen$/, ''));
		await add.click();
		await page.getByLabel('Einrichtung suchen (Name oder Ort)').fill(search);
	}
	for (let i = 0; i < count; i++) {
		await page.locator(`#item-${i}-start`).fill('2027-08-01');
		await page.locator(`#item-${i}-hours`).selectOption({ index: 1 });
	}
	return names;
}

/** From the form to the summary ("Angaben prüfen"), then "Anmeldung absenden". */
export async function continueToSummary(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Weiter zur Zusammenfassung' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Angaben prüfen' })).toBeVisible();
}

export async function submitFromSummary(page: Page): Promise<void> {
	await continueToSummary(page);
	await page.getByRole('button', { name: 'Anmeldung absenden' }).click();
	// Sent once it is in the outbox: the page then shows the family's registrations.
	await expect(page).toHaveURL(/\/meine-anmeldungen/);
}

/** The child's section on "Meine Anmeldungen" (other tests add children to the same demo parent). */
export function childSection(page: Page, firstName: string) {
	return page.getByRole('region', { name: new RegExp(`^${firstName} `) });
}
