// Steps of the accessibility suite: sessions for each audience (written into the e2e database, as
// the login tests cover logging in), the UI language of a context, the data the pages need, and
// waiting until a page shows its content rather than a loading state.
import { expect, type BrowserContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { E2E_DATABASE_PATH } from '../../../playwright.config';
import { DEMO_ACCOUNTS, demoStaffFacilityIds } from '../../../server/demo/accounts';
import { childMatchKey } from '../../../src/lib/domain/family';
import type { Role } from '../../../src/lib/domain/roles';
import { freshTotp as freshTotpFor } from '../helpers';
import { sessionFor } from '../staff/steps';
import { t } from './catalogue';
import type { RouteParams } from './routes';

export function withDb<T>(fn: (db: Database.Database) => T): T {
	const db = new Database(E2E_DATABASE_PATH, { fileMustExist: true });
	db.pragma('busy_timeout = 5000');
	try {
		return db.transaction(() => fn(db))();
	} finally {
		db.close();
	}
}

export function demoAccount(role: Role) {
	const account = DEMO_ACCOUNTS.find((a) => a.role === role);
	if (!account) throw new Error(`no demo ${role}`);
	return account;
}

/** Shows the portal in `locale` from the first render on (as after a choice with the switcher). */
export async function useLocale(context: BrowserContext, locale: string): Promise<void> {
	await context.addInitScript((l) => {
		localStorage.setItem('PARAGLIDE_LOCALE', l);
		localStorage.setItem('kita-portal:locale-chosen', '1');
	}, locale);
}

/**
 * A complete session of a demo account (second factor given), as the login would leave it: the
 * cookie, and the user the browser remembers. Logging in itself is tested by the auth and keyboard
 * suites; here it would only cost time and TOTP steps.
 */
export async function signIn(context: BrowserContext, role: Role, baseURL: string): Promise<void> {
	const { token, user } = sessionFor(demoAccount(role).email);
	await context.addCookies([
		{ name: 'session', value: token, url: baseURL, httpOnly: true, sameSite: 'Lax' }
	]);
	await context.addInitScript((known) => {
		if (!localStorage.getItem('kita-portal:user')) localStorage.setItem('kita-portal:user', known);
	}, user);
}

/** Lets the newest session of a demo account end in `ms` (for the expiry warning). */
export function endSessionIn(role: Role, ms: number): void {
	withDb((db) => {
		db.prepare(
			`UPDATE sessions SET expires_at = ? WHERE id = (
				SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = ? ORDER BY s.created_at DESC LIMIT 1)`
		).run(new Date(Date.now() + ms).toISOString(), demoAccount(role).email);
	});
}

/** Waits until the page shows its content: a heading, no loading text, no "please log in". */
export async function waitForContent(page: Page, locale: string): Promise<void> {
	const main = page.getByRole('main');
	await expect(main.getByRole('heading', { level: 1 }).first()).toBeVisible({ timeout: 15_000 });
	for (const key of ['finder_loading', 'account_loading', 'staff_loading'])
		await expect(main).not.toContainText(t(locale, key), { timeout: 15_000 });
	await expect(main).not.toContainText(t(locale, 'login_required'));
	await expect(main).not.toContainText(t(locale, 'login_required_role'));
}

// ---------------------------------------------------------------------------------------------
// Data

/** A suffix that keeps names of different runs and retries apart. */
export function unique(): string {
	return `${Date.now().toString(36).slice(-4)}${Math.floor(Math.random() * 100)}`;
}

function nextSeq(db: Database.Database): number {
	return (
		db.prepare('UPDATE sync_state SET seq = seq + 1 WHERE id = 1 RETURNING seq').get() as { seq: number }
	).seq;
}

export interface ParentData {
	registrationId: string;
	childmindingRequestId: string;
	offeredFacility: string;
	childFirstName: string;
}

/**
 * The demo parent's family (created if missing) gets a child registered at two Kitas; the first
 * Kita has made an offer — the state in which parents answer an offer.
 */
export function seedParentWithOffer(childFirstName: string): ParentData {
	return withDb((db) => {
		const seq = nextSeq(db);
		const at = new Date().toISOString();
		const parent = db.prepare('SELECT id FROM users WHERE email = ?').get(demoAccount('parent').email) as {
			id: string;
		};
		let family = db.prepare('SELECT id FROM families WHERE owner_user_id = ?').get(parent.id) as
			{ id: string } | undefined;
		if (!family) {
			family = { id: crypto.randomUUID() };
			db.prepare(
				"INSERT INTO families (id, owner_user_id, source, claim_code_hash, created_at, updated_at, seq) VALUES (?, ?, 'online', NULL, ?, ?, ?)"
			).run(family.id, parent.id, at, at, seq);
			db.prepare(
				"INSERT INTO guardians (id, family_id, position, first_name, last_name, street, postcode, town, phone, email, updated_at, seq) VALUES (?, ?, 1, 'Erika', 'Musterfrau', 'Musterstraße 1', '59609', 'Anröchte', '02947 1234', 'eltern@demo.kita-portal.invalid', ?, ?)"
			).run(crypto.randomUUID(), family.id, at, seq);
		}
		const facilities = (
			db.prepare('SELECT id, name FROM facilities WHERE active = 1 ORDER BY name LIMIT 2').all() as {
				id: string;
				name: string;
			}[]
		).slice(0, 2);
		const childId = crypto.randomUUID();
		const birthDate = '2024-02-10';
		db.prepare(
			'INSERT INTO children (id, family_id, first_name, last_name, birth_date, match_key, created_at, updated_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
		).run(
			childId,
			family.id,
			childFirstName,
			'Musterfrau',
			birthDate,
			childMatchKey({ firstName: childFirstName, lastName: 'Musterfrau', birthDate }),
			at,
			at,
			seq
		);
		const registrationId = crypto.randomUUID();
		const n = (
			db
				.prepare(
					"INSERT INTO number_counters (name, value) VALUES ('KP-A11Y', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value"
				)
				.get() as { value: number }
		).value;
		db.prepare(
			"INSERT INTO registrations (id, number, family_id, child_id, submitted_at, submitted_by, source, seq) VALUES (?, ?, ?, ?, ?, ?, 'online', ?)"
		).run(registrationId, `KP-A11Y-${String(n).padStart(6, '0')}`, family.id, childId, at, parent.id, seq);
		const offerExpires = new Date(Date.now() + 14 * 24 * 3600_000).toISOString();
		const request = db.prepare(
			`INSERT INTO requests (id, registration_id, child_id, facility_id, kita_year_id, rank, start_date, weekly_hours,
				change_request, comment, status, registered_at, offered_at, offer_expires_at, offer_start_date, offer_weekly_hours,
				updated_at, seq)
			 VALUES (?, ?, ?, ?, '2026-27', ?, '2027-03-01', 35, 0, '', ?, ?, ?, ?, ?, ?, ?, ?)`
		);
		const event = db.prepare(
			'INSERT INTO request_events (id, request_id, at, actor_id, actor_role, event, from_status, to_status, reason, seq) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, NULL, ?)'
		);
		facilities.forEach((facility, i) => {
			const requestId = crypto.randomUUID();
			const offered = i === 0;
			request.run(
				requestId,
				registrationId,
				childId,
				facility.id,
				i + 1,
				offered ? 'offered' : 'registered',
				at,
				offered ? at : null,
				offered ? offerExpires : null,
				offered ? '2027-03-01' : null,
				offered ? 35 : null,
				at,
				seq
			);
			event.run(crypto.randomUUID(), requestId, at, 'parent', 'register', null, 'registered', seq);
			if (offered)
				event.run(crypto.randomUUID(), requestId, at, 'staff', 'offer', 'registered', 'offered', seq);
		});
		// The same child also waits for a child-minding place (for the Fachberatung's pages).
		const childmindingRequestId = crypto.randomUUID();
		db.prepare(
			"INSERT INTO childminder_requests (id, number, family_id, child_id, start_date, weekly_hours, comment, status, internal_note, submitted_at, updated_at, seq) VALUES (?, ?, ?, ?, '2027-03-01', 35, 'Wir suchen Hilfe bei der Suche.', 'submitted', '', ?, ?, ?)"
		).run(childmindingRequestId, `KP-A11Y-TP-${String(n).padStart(6, '0')}`, family.id, childId, at, at, seq);
		return {
			registrationId,
			childmindingRequestId,
			offeredFacility: facilities[0]?.name ?? '',
			childFirstName
		};
	});
}

/** A walk-in style request at the demo staff member's first Kita (for the staff request pages). */
export function seedStaffRequest(firstName: string): string {
	return withDb((db) => {
		const seq = nextSeq(db);
		const at = new Date().toISOString();
		const facilityId = demoStaffFacilityIds()[0] ?? '';
		const ids = {
			family: crypto.randomUUID(),
			child: crypto.randomUUID(),
			registration: crypto.randomUUID(),
			request: crypto.randomUUID()
		};
		const birthDate = '2023-09-15';
		db.prepare(
			"INSERT INTO families (id, owner_user_id, source, claim_code_hash, created_at, updated_at, seq) VALUES (?, NULL, 'online', NULL, ?, ?, ?)"
		).run(ids.family, at, at, seq);
		db.prepare(
			"INSERT INTO guardians (id, family_id, position, first_name, last_name, street, postcode, town, phone, email, updated_at, seq) VALUES (?, ?, 1, 'Selin', 'Yılmaz', 'Hauptstraße 3', '59609', 'Anröchte', '02947 5555', '', ?, ?)"
		).run(crypto.randomUUID(), ids.family, at, seq);
		db.prepare(
			'INSERT INTO children (id, family_id, first_name, last_name, birth_date, match_key, created_at, updated_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
		).run(
			ids.child,
			ids.family,
			firstName,
			'Yılmaz',
			birthDate,
			childMatchKey({ firstName, lastName: 'Yılmaz', birthDate }),
			at,
			at,
			seq
		);
		const n = (
			db
				.prepare(
					"INSERT INTO number_counters (name, value) VALUES ('KP-A11Y', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value"
				)
				.get() as { value: number }
		).value;
		db.prepare(
			"INSERT INTO registrations (id, number, family_id, child_id, submitted_at, submitted_by, source, seq) VALUES (?, ?, ?, ?, ?, NULL, 'online', ?)"
		).run(ids.registration, `KP-A11Y-${String(n).padStart(6, '0')}`, ids.family, ids.child, at, seq);
		db.prepare(
			"INSERT INTO requests (id, registration_id, child_id, facility_id, kita_year_id, rank, start_date, weekly_hours, change_request, comment, status, registered_at, updated_at, seq) VALUES (?, ?, ?, ?, '2026-27', 1, '2027-02-01', 35, 0, '', 'registered', ?, ?, ?)"
		).run(ids.request, ids.registration, ids.child, facilityId, at, at, seq);
		db.prepare(
			"INSERT INTO request_events (id, request_id, at, actor_id, actor_role, event, from_status, to_status, reason, seq) VALUES (?, ?, ?, NULL, 'parent', 'register', NULL, 'registered', NULL, ?)"
		).run(crypto.randomUUID(), ids.request, at, seq);
		return ids.request;
	});
}

// ---------------------------------------------------------------------------------------------
// TOTP for the keyboard-only logins

/** The code an authenticator app shows now for the demo account; waits for a step it has not used yet. */
export function freshTotp(page: Page, role: Role): Promise<string> {
	const account = demoAccount(role);
	return freshTotpFor(page, account.email, account.totpSecret ?? '');
}

/** After a TOTP login, waits for the next step so that a later login of the account is not a replay. */
export async function releaseTotpStep(page: Page): Promise<void> {
	const step = Math.floor(Date.now() / 30_000);
	while (Math.floor(Date.now() / 30_000) <= step) await page.waitForTimeout(500);
}

/** Data for every page with a parameter: a Kita, the parent's registration, a staff request, a child-minding request. */
export function seedRouteParams(facilityId: string, name: string): RouteParams {
	const parent = seedParentWithOffer(`${name}${unique()}`);
	return {
		facilityId,
		registrationId: parent.registrationId,
		childmindingRequestId: parent.childmindingRequestId,
		staffRequestId: seedStaffRequest(`${name}${unique()}`)
	};
}
