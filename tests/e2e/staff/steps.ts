// Steps of the staff flows: logging in as the demo Kita staff member (password and TOTP, as a person
// would), and preparing or checking data straight in the e2e server's SQLite file — the "meanwhile
// on the server" of the conflict tests. Every write takes the next seq, as the server's own do.
import { expect, type Page } from '@playwright/test';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import Database from 'better-sqlite3';
import { E2E_DATABASE_PATH } from '../../../playwright.config';
import { childMatchKey } from '../../../src/lib/domain/family';
import { demoStaffFacilityIds } from '../../../server/demo/accounts';
import { freshTotp } from '../helpers';

export const DEMO_STAFF = {
	email: 'kita-leitung@demo.kita-portal.invalid',
	password: 'Kita-Demo-2026',
	totpSecret: 'HVYWWIBLAQKSUAQRWQW36PE7I6IK2YTX'
};
/** The demo parent's password hash, reused for parent accounts the tests add (they log in normally). */
const PARENT_PASSWORD = 'Eltern-Demo-2026';

export function staffKitas(): string[] {
	return demoStaffFacilityIds();
}

/** Logs in through /login and the second-factor page; a TOTP code counts once, so wait for a fresh one. */
export async function loginAsDemoStaff(page: Page): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('E-Mail-Adresse').fill(DEMO_STAFF.email);
	await page.getByLabel('Passwort', { exact: true }).fill(DEMO_STAFF.password);
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
	await page
		.getByLabel('Code aus der App')
		.fill(await freshTotp(page, DEMO_STAFF.email, DEMO_STAFF.totpSecret));
	await page.getByRole('button', { name: 'Bestätigen' }).click();
	await expect(page.getByRole('link', { name: 'Warteliste' })).toBeVisible();
}

export async function loginAs(page: Page, email: string): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort', { exact: true }).fill(PARENT_PASSWORD);
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
	await expect(page.getByRole('link', { name: 'Meine Anmeldungen' })).toBeVisible();
}

export function withDb<T>(fn: (db: Database.Database) => T): T {
	const db = new Database(E2E_DATABASE_PATH, { fileMustExist: true });
	db.pragma('busy_timeout = 5000');
	try {
		return db.transaction(() => fn(db))();
	} finally {
		db.close();
	}
}

function nextSeq(db: Database.Database): number {
	return (
		db.prepare('UPDATE sync_state SET seq = seq + 1 WHERE id = 1 RETURNING seq').get() as { seq: number }
	).seq;
}

export function unique(prefix: string): string {
	return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

export interface SeededChild {
	childId: string;
	requestId: string;
	familyId: string;
	firstName: string;
	lastName: string;
}

/**
 * A family with one child and one request at `facilityId`, written as the server would (online or
 * walk-in). `count` children share one seq, as one large import would.
 */
export function seedRequests(
	facilityId: string,
	count: number,
	options: {
		source?: 'online' | 'walkin';
		firstName?: (i: number) => string;
		lastName?: string;
		birthDate?: string;
		startDate?: string;
		kitaYearId?: string;
		claimCodeHash?: string | null;
	} = {}
): SeededChild[] {
	return withDb((db) => {
		const seq = nextSeq(db);
		const at = new Date().toISOString();
		const number = db.prepare(
			"INSERT INTO number_counters (name, value) VALUES ('KP-E2E', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value"
		);
		const family = db.prepare(
			'INSERT INTO families (id, owner_user_id, source, claim_code_hash, created_at, updated_at, seq) VALUES (?, NULL, ?, ?, ?, ?, ?)'
		);
		const guardian = db.prepare(
			"INSERT INTO guardians (id, family_id, position, first_name, last_name, street, postcode, town, phone, email, updated_at, seq) VALUES (?, ?, 1, 'Erika', ?, 'Hauptstraße 1', '59609', 'Anröchte', '02947 1234', '', ?, ?)"
		);
		const child = db.prepare(
			'INSERT INTO children (id, family_id, first_name, last_name, birth_date, match_key, created_at, updated_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
		);
		const registration = db.prepare(
			'INSERT INTO registrations (id, number, family_id, child_id, submitted_at, submitted_by, source, seq) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)'
		);
		const request = db.prepare(
			"INSERT INTO requests (id, registration_id, child_id, facility_id, kita_year_id, rank, start_date, weekly_hours, change_request, comment, status, registered_at, updated_at, seq) VALUES (?, ?, ?, ?, ?, 1, ?, 35, 0, '', 'registered', ?, ?, ?)"
		);
		const event = db.prepare(
			"INSERT INTO request_events (id, request_id, at, actor_id, actor_role, event, from_status, to_status, reason, seq) VALUES (?, ?, ?, NULL, 'parent', 'register', NULL, 'registered', NULL, ?)"
		);
		const out: SeededChild[] = [];
		for (let i = 0; i < count; i++) {
			const ids = {
				familyId: crypto.randomUUID(),
				childId: crypto.randomUUID(),
				registrationId: crypto.randomUUID(),
				requestId: crypto.randomUUID()
			};
			const firstName = options.firstName?.(i) ?? `Kind${i}`;
			const lastName = options.lastName ?? 'Seed';
			const birthDate = options.birthDate ?? '2023-05-04';
			const source = options.source ?? 'online';
			family.run(ids.familyId, source, options.claimCodeHash ?? null, at, at, seq);
			guardian.run(crypto.randomUUID(), ids.familyId, lastName, at, seq);
			child.run(
				ids.childId,
				ids.familyId,
				firstName,
				lastName,
				birthDate,
				childMatchKey({ firstName, lastName, birthDate }),
				at,
				at,
				seq
			);
			const n = (number.get() as { value: number }).value;
			registration.run(
				ids.registrationId,
				`KP-E2E-${String(n).padStart(6, '0')}`,
				ids.familyId,
				ids.childId,
				at,
				source,
				seq
			);
			request.run(
				ids.requestId,
				ids.registrationId,
				ids.childId,
				facilityId,
				options.kitaYearId ?? '2026-27',
				options.startDate ?? '2027-02-01',
				at,
				at,
				seq
			);
			event.run(crypto.randomUUID(), ids.requestId, at, seq);
			out.push({
				childId: ids.childId,
				requestId: ids.requestId,
				familyId: ids.familyId,
				firstName,
				lastName
			});
		}
		return out;
	});
}

/** "Meanwhile on the server": the parents withdrew the request (what their own mutation writes). */
export function withdrawOnServer(requestId: string): void {
	withDb((db) => {
		const seq = nextSeq(db);
		const at = new Date().toISOString();
		db.prepare("UPDATE requests SET status = 'withdrawn', updated_at = ?, seq = ? WHERE id = ?").run(
			at,
			seq,
			requestId
		);
		db.prepare(
			"INSERT INTO request_events (id, request_id, at, actor_id, actor_role, event, from_status, to_status, reason, seq) VALUES (?, ?, ?, NULL, 'parent', 'withdraw', 'registered', 'withdrawn', NULL, ?)"
		).run(crypto.randomUUID(), requestId, at, seq);
	});
}

/** A parent account that logs in with the demo parent's password (hash copied, no sign-up needed). */
export function createParentAccount(email: string): void {
	withDb((db) => {
		const demo = db
			.prepare("SELECT password_hash FROM users WHERE email = 'eltern@demo.kita-portal.invalid'")
			.get() as {
			password_hash: string;
		};
		const at = new Date().toISOString();
		db.prepare(
			"INSERT INTO users (id, email, password_hash, role, first_name, last_name, locale, email_confirmed_at, privacy_consent_at, active, created_at, updated_at) VALUES (?, ?, ?, 'parent', 'Jelena', 'Offline', 'de', ?, ?, 1, ?, ?)"
		).run(crypto.randomUUID(), email, demo.password_hash, at, at, at, at);
	});
}

/**
 * The account `email`'s own family with one child and no request anywhere (as the parent's own
 * saveGuardian/saveChild write it): no Kita has a reason to see this family.
 */
export function seedOnlineChild(
	email: string,
	child: { firstName: string; lastName: string; birthDate: string },
	guardianFirstName: string
): { familyId: string; childId: string } {
	return withDb((db) => {
		const seq = nextSeq(db);
		const at = new Date().toISOString();
		const user = db.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: string };
		const ids = { familyId: crypto.randomUUID(), childId: crypto.randomUUID() };
		db.prepare(
			"INSERT INTO families (id, owner_user_id, source, claim_code_hash, created_at, updated_at, seq) VALUES (?, ?, 'online', NULL, ?, ?, ?)"
		).run(ids.familyId, user.id, at, at, seq);
		db.prepare(
			"INSERT INTO guardians (id, family_id, position, first_name, last_name, street, postcode, town, phone, email, updated_at, seq) VALUES (?, ?, 1, ?, ?, 'Lindenweg 5', '59457', 'Werl', '02922 5555', ?, ?, ?)"
		).run(crypto.randomUUID(), ids.familyId, guardianFirstName, child.lastName, email, at, seq);
		db.prepare(
			'INSERT INTO children (id, family_id, first_name, last_name, birth_date, match_key, created_at, updated_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
		).run(
			ids.childId,
			ids.familyId,
			child.firstName,
			child.lastName,
			child.birthDate,
			childMatchKey(child),
			at,
			at,
			seq
		);
		// Registered somewhere (child-minding), so that a walk-in of the same child is a possible
		// duplicate: children registered nowhere are not matched (no existence oracle for staff).
		db.prepare(
			"INSERT INTO childminder_requests (id, number, family_id, child_id, start_date, weekly_hours, comment, status, internal_note, submitted_at, updated_at, seq) VALUES (?, ?, ?, ?, '2027-08-01', 35, '', 'submitted', '', ?, ?, ?)"
		).run(crypto.randomUUID(), `TP-E2E-${ids.childId.slice(0, 8)}`, ids.familyId, ids.childId, at, at, seq);
		return ids;
	});
}

export function readDb<T>(fn: (db: Database.Database) => T): T {
	const db = new Database(E2E_DATABASE_PATH, { readonly: true, fileMustExist: true });
	try {
		return fn(db);
	} finally {
		db.close();
	}
}

export function eventsOf(requestId: string): string[] {
	return readDb((db) =>
		(
			db
				.prepare('SELECT event FROM request_events WHERE request_id = ? ORDER BY at, rowid')
				.all(requestId) as {
				event: string;
			}[]
		).map((r) => r.event)
	);
}

export function statusOf(requestId: string): string {
	return readDb(
		(db) =>
			(db.prepare('SELECT status FROM requests WHERE id = ?').get(requestId) as { status: string }).status
	);
}

/** Fills the front desk's walk-in form ("Anmeldung vor Ort") for a family without internet. */
export async function fillWalkin(
	page: Page,
	child: { firstName: string; lastName: string; birthDate: string }
): Promise<void> {
	const guardian = page.getByRole('group', { name: 'Erziehungsberechtigte Person' });
	await guardian.getByLabel('Vorname').fill('Jelena');
	await guardian.getByLabel('Nachname').fill(child.lastName);
	await guardian.getByLabel('Straße und Hausnummer').fill('Bahnhofstraße 12');
	await guardian.getByLabel('Postleitzahl').fill('59609');
	await guardian.getByLabel('Ort').fill('Anröchte');
	await guardian.getByLabel(/^Telefon/).fill('02947 4567');
	const group = page.getByRole('group', { name: 'Kind' });
	await group.getByLabel('Vorname des Kindes').fill(child.firstName);
	await group.getByLabel('Nachname des Kindes').fill(child.lastName);
	await group.getByLabel('Geburtsdatum').fill(child.birthDate);
	await page.getByLabel('Gewünschter Betreuungsbeginn').fill('2027-02-01');
}

/** A second staff member of `facilityIds` (no password: the tests sign them in with signInAs). */
export function createStaffMember(email: string, facilityIds: string[]): void {
	withDb((db) => {
		const at = new Date().toISOString();
		const id = crypto.randomUUID();
		db.prepare(
			"INSERT INTO users (id, email, password_hash, role, first_name, last_name, locale, email_confirmed_at, active, created_at, updated_at) VALUES (?, ?, NULL, 'staff', 'Sina', 'Zweite', 'de', ?, 1, ?, ?)"
		).run(id, email, at, at, at);
		const link = db.prepare('INSERT INTO user_facilities (user_id, facility_id) VALUES (?, ?)');
		for (const facilityId of facilityIds) link.run(id, facilityId);
	});
}

/**
 * A session of the account `email` written into the database as a login with its second factor
 * would write it, and the user as the app keeps it in localStorage.
 */
export function sessionFor(email: string): { token: string; user: string } {
	const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
	const user = withDb((db) => {
		const row = db
			.prepare('SELECT id, role, first_name, last_name, locale FROM users WHERE email = ?')
			.get(email) as { id: string; role: string; first_name: string; last_name: string; locale: string };
		const now = Date.now();
		db.prepare(
			'INSERT INTO sessions (id, user_id, created_at, expires_at, mfa_verified) VALUES (?, ?, ?, ?, 1)'
		).run(
			encodeHexLowerCase(sha256(new TextEncoder().encode(token))),
			row.id,
			new Date(now).toISOString(),
			new Date(now + 12 * 3600_000).toISOString()
		);
		const facilityIds = (
			db
				.prepare('SELECT facility_id FROM user_facilities WHERE user_id = ? ORDER BY facility_id')
				.all(row.id) as {
				facility_id: string;
			}[]
		).map((r) => r.facility_id);
		return {
			userId: row.id,
			role: row.role,
			firstName: row.first_name,
			lastName: row.last_name,
			facilityIds,
			locale: row.locale
		};
	});
	return { token, user: JSON.stringify(user) };
}

/**
 * Signs `email` in on this page's browser context without the login form (a session written as
 * the login writes it, second factor done), and tells the app who is logged in — once, unlike an
 * init script, so that a later logout stays a logout after a reload.
 */
export async function signInAs(page: Page, email: string): Promise<void> {
	const { token, user } = sessionFor(email);
	await page.goto('/hilfe');
	const url = new URL(page.url()).origin;
	await page.context().addCookies([{ name: 'session', value: token, url, httpOnly: true, sameSite: 'Lax' }]);
	await page.evaluate((known) => localStorage.setItem('kita-portal:user', known), user);
}
