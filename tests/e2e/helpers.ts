// Shared steps of the e2e suite: waiting for the service worker and the sync, reading the demo data
// through the public sync API, and the accessibility check.
import AxeBuilder from '@axe-core/playwright';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import Database from 'better-sqlite3';
import { E2E_DATABASE_PATH } from '../../playwright.config';
import { SCHEMA_VERSION } from '../../src/lib/sync/version';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

/** Runs a script in the page; false while the document is being replaced (e.g. by a reload). */
async function evaluateOrFalse(page: Page, script: () => boolean | Promise<boolean>): Promise<boolean> {
	try {
		return await page.evaluate(script);
	} catch {
		return false;
	}
}

/** True when the current document was loaded through a service worker and is controlled by it. */
function loadedThroughWorker(): boolean {
	const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
	return navigator.serviceWorker.controller !== null && (navigation?.workerStart ?? 0) > 0;
}

/** True once a service worker controls the page. */
export function isControlled(page: Page): Promise<boolean> {
	return evaluateOrFalse(page, () => navigator.serviceWorker.controller !== null);
}

/**
 * Waits until the service worker controls the page, then reloads, so that the page shown was
 * served by the worker (and a reload the app itself may start on the first claim is behind us).
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await expect
		.poll(() => isControlled(page), { message: 'no service worker took control', timeout: 15_000 })
		.toBe(true);
	await page.reload();
	expect(await evaluateOrFalse(page, loadedThroughWorker), 'page not served by the service worker').toBe(
		true
	);
}

/** The sync indicator in the page header. */
export function syncIndicator(page: Page): Locator {
	return page.getByRole('banner').getByRole('status');
}

/** Waits until the local database holds a completed pull and no pull is running. */
export async function waitForSync(page: Page): Promise<void> {
	const indicator = syncIndicator(page);
	await expect(indicator).toContainText('Letzter Abgleich', { timeout: 15_000 });
	await expect(indicator).not.toContainText('Noch nicht abgeglichen');
	await expect(indicator).not.toContainText('Wird abgeglichen');
}

/**
 * Waits until every change of this device reached the server: nothing shown as being sent, the
 * indicator online with no pending changes, and a sync done. Back online, the engine may wait for
 * its next retry (≤ 10 s) when the browser does not report the connection (as Chromium 150 under
 * Playwright's offline emulation does not).
 */
export async function waitForEmptyOutbox(page: Page): Promise<void> {
	const indicator = syncIndicator(page);
	await expect(page.getByText('Wird übertragen …')).toHaveCount(0, { timeout: 20_000 });
	await expect(indicator).not.toContainText('noch nicht übertragen', { timeout: 20_000 });
	await expect(indicator).toContainText('Online', { timeout: 20_000 });
	await waitForSync(page);
}

/** Opens a page online and waits until it works offline: worker in control, data synced. */
export async function openForOffline(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await waitForServiceWorker(page);
	await waitForSync(page);
}

// ---------------------------------------------------------------------------------------------
// Demo data through the public API, to pick test cases without hard-coding ids

export interface PublicFacility {
	id: string;
	name: string;
	municipalityId: string;
	provider: string;
	street: string;
	postcode: string;
	town: string;
	minAgeMonths: number;
	maxAgeMonths: number;
	features: string[];
	active: boolean;
}

export interface PublicCapacity {
	facilityId: string;
	kitaYearId: string;
	places: number;
	contracted: number;
}

export interface PublicData {
	municipalities: { id: string; name: string }[];
	kitaYears: { id: string; label: string }[];
	facilities: PublicFacility[];
	capacities: PublicCapacity[];
}

/** Everything an anonymous client pulls on its first sync. */
export async function pullPublicData(request: APIRequestContext): Promise<PublicData> {
	const input = encodeURIComponent(
		JSON.stringify({ clientId: null, userId: null, schemaVersion: SCHEMA_VERSION, cookie: null })
	);
	const response = await request.get(`/api/trpc/sync.pull?input=${input}`);
	expect(response.ok(), `sync.pull answered ${response.status()}`).toBe(true);
	const body = (await response.json()) as {
		result: { data: { kind: string; patch: { put: PublicData } } };
	};
	expect(body.result.data.kind).toBe('patch');
	return body.result.data.patch.put;
}

// ---------------------------------------------------------------------------------------------
// Accessibility

/** Fails with a readable list of WCAG 2.1 A/AA violations axe finds on the page as it is now. */
export async function expectNoA11yViolations(page: Page): Promise<void> {
	const { violations } = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const report = violations
		.map(
			(v) =>
				`${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n` +
				v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')
		)
		.join('\n');
	expect(
		violations.map((v) => v.id),
		`axe violations on ${page.url()}:\n${report}`
	).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// TOTP: a code counts once per 30-s step (replay protection), and the demo accounts are shared by
// several test files, so a login waits for a step the server has not accepted for the account yet.

export async function freshTotp(page: Page, email: string, secret: string): Promise<string> {
	const db = new Database(E2E_DATABASE_PATH, { readonly: true, fileMustExist: true });
	let used: number;
	try {
		used =
			(
				db.prepare('SELECT totp_last_step FROM users WHERE email = ?').get(email) as {
					totp_last_step: number | null;
				}
			).totp_last_step ?? 0;
	} finally {
		db.close();
	}
	while (Math.floor(Date.now() / 30_000) <= used) await page.waitForTimeout(500);
	return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(Date.now() / 30_000)), 6);
}
