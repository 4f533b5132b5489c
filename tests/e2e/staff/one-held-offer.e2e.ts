// Issue 17, point 1: one child, one held offer. A family holds the offer of its second choice; its
// first choice offers too: the second is released at once, and both Kitas see it at their next
// pull, the family on its cards and in a mail. And an offer staff made offline for a child who
// meanwhile accepted elsewhere comes back as a conflict in "Achtung", with its reason.
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { openForOffline, waitForEmptyOutbox, waitForSync } from '../helpers';
import {
	createParentAccount,
	createStaffMember,
	eventsOf,
	loginAs,
	readDb,
	signInAs,
	staffKitas,
	statusOf,
	unique,
	withDb
} from './steps';

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
	for (const [width, height] of [
		[360, 740],
		[1280, 900]
	] as const) {
		await page.setViewportSize({ width, height });
		const path = testInfo.outputPath(`${name}-${width}.png`);
		await page.screenshot({ path, fullPage: true });
		await testInfo.attach(`${name}-${width}`, { path, contentType: 'image/png' });
	}
	await page.setViewportSize({ width: 1280, height: 720 });
}

const facilityName = (id: string) =>
	readDb((db) => (db.prepare('SELECT name FROM facilities WHERE id = ?').get(id) as { name: string }).name);

/**
 * The account's family with one child registered online at `kitas`, ranked in that order (as the
 * parent's own registration writes it). Returns the request ids in the same order.
 */
function seedRankedRegistration(
	email: string,
	firstName: string,
	lastName: string,
	kitas: string[]
): string[] {
	return withDb((db) => {
		const seq = (
			db.prepare('UPDATE sync_state SET seq = seq + 1 WHERE id = 1 RETURNING seq').get() as { seq: number }
		).seq;
		const at = new Date().toISOString();
		const user = db.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: string };
		const familyId = crypto.randomUUID();
		const childId = crypto.randomUUID();
		const registrationId = crypto.randomUUID();
		db.prepare(
			"INSERT INTO families (id, owner_user_id, source, claim_code_hash, created_at, updated_at, seq) VALUES (?, ?, 'online', NULL, ?, ?, ?)"
		).run(familyId, user.id, at, at, seq);
		db.prepare(
			"INSERT INTO guardians (id, family_id, position, first_name, last_name, street, postcode, town, phone, email, updated_at, seq) VALUES (?, ?, 1, 'Jelena', ?, 'Lindenweg 5', '59457', 'Werl', '02922 5555', ?, ?, ?)"
		).run(crypto.randomUUID(), familyId, lastName, email, at, seq);
		db.prepare(
			"INSERT INTO children (id, family_id, first_name, last_name, birth_date, match_key, created_at, updated_at, seq) VALUES (?, ?, ?, ?, '2023-05-04', ?, ?, ?, ?)"
		).run(childId, familyId, firstName, lastName, `${childId}-key`, at, at, seq);
		db.prepare(
			"INSERT INTO registrations (id, number, family_id, child_id, submitted_at, submitted_by, source, seq) VALUES (?, ?, ?, ?, ?, ?, 'online', ?)"
		).run(registrationId, `KP-E2E-${childId.slice(0, 8)}`, familyId, childId, at, user.id, seq);
		return kitas.map((facilityId, index) => {
			const requestId = crypto.randomUUID();
			db.prepare(
				"INSERT INTO requests (id, registration_id, child_id, facility_id, kita_year_id, rank, start_date, weekly_hours, change_request, comment, status, registered_at, updated_at, seq) VALUES (?, ?, ?, ?, '2026-27', ?, '2027-02-01', 35, 0, '', 'registered', ?, ?, ?)"
			).run(requestId, registrationId, childId, facilityId, index + 1, at, at, seq);
			db.prepare(
				"INSERT INTO request_events (id, request_id, at, actor_id, actor_role, event, from_status, to_status, reason, seq) VALUES (?, ?, ?, ?, 'parent', 'register', NULL, 'registered', NULL, ?)"
			).run(crypto.randomUUID(), requestId, at, user.id, seq);
			return requestId;
		});
	});
}

/** A staff member of one Kita, signed in on a browser of their own, on the request's page. */
async function staffOf(browser: Browser, kita: string, requestId: string) {
	const email = `${unique('leitung')}@kita.invalid`;
	createStaffMember(email, [kita]);
	const context = await browser.newContext();
	const page = await context.newPage();
	await signInAs(page, email);
	await openForOffline(page, `/kita/anfrage/${requestId}`);
	return { context, page };
}

async function makeOffer(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Vertragsangebot machen' }).click();
	await page.getByRole('button', { name: 'Angebot prüfen und senden' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Vertragsangebot machen' }).click();
}

test('the first choice offers: the second choice’s offer is released, and both Kitas see it at their next pull', async ({
	browser,
	page
}, testInfo) => {
	test.setTimeout(120_000);
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(`${error.message}\n${error.stack ?? ''}`));
	const [kitaA, kitaB] = staffKitas() as [string, string];
	const email = `${unique('eltern')}@example.invalid`;
	const lastName = unique('Einzig');
	createParentAccount(email);
	// A is the family's first choice, B its second.
	const [requestA, requestB] = seedRankedRegistration(email, 'Ida', lastName, [kitaA, kitaB]) as [
		string,
		string
	];
	const heading = { level: 1, name: `Ida ${lastName}` } as const;

	// Kita B offers first: the family holds the offer of its second choice.
	const b = await staffOf(browser, kitaB, requestB);
	await expect(b.page.getByRole('heading', heading)).toBeVisible();
	await makeOffer(b.page);
	await waitForEmptyOutbox(b.page);
	await expect.poll(() => statusOf(requestB), { timeout: 20_000 }).toBe('offered');

	// Kita A, the first choice, offers: B's offer is released in the same step.
	const a = await staffOf(browser, kitaA, requestA);
	await makeOffer(a.page);
	await waitForEmptyOutbox(a.page);
	await expect.poll(() => statusOf(requestA), { timeout: 20_000 }).toBe('offered');
	expect(statusOf(requestB)).toBe('released');
	expect(eventsOf(requestB)).toEqual(['register', 'offer', 'release']);
	await expect(a.page.getByRole('main').getByText('Vertragsangebot').first()).toBeVisible();

	// Kita B sees it at its next pull: the place is free again; its history says why, not where.
	// Another child waits at B for the same year and hours.
	const waiting = `${unique('eltern')}@example.invalid`;
	createParentAccount(waiting);
	seedRankedRegistration(waiting, 'Ole', unique('Wartend'), [kitaB]);
	await b.page.reload();
	await waitForSync(b.page);
	const mainB = b.page.getByRole('main');
	await expect(mainB.getByText('Angebot freigegeben').first()).toBeVisible();
	await expect(mainB.getByText('Freigegeben zugunsten eines höher gewünschten Angebots')).toBeVisible();
	await expect(mainB).not.toContainText(facilityName(kitaA));
	await expect(mainB.getByRole('button', { name: 'Vertragsangebot machen' })).toHaveCount(0);
	// The place is free again: the waiting children it fits are suggested, each one a request at B
	// of the same year and hours (a second family waits there at least).
	const freed = mainB.getByRole('region', { name: 'Der Platz ist wieder frei' });
	const suggested = freed.getByRole('link');
	await expect(suggested.first()).toBeVisible();
	const count = await suggested.count();
	expect(count).toBeGreaterThanOrEqual(1);
	expect(count).toBeLessThanOrEqual(3);
	for (const href of await suggested.evaluateAll((links) => links.map((l) => l.getAttribute('href') ?? ''))) {
		const id = href.replace('/kita/anfrage/', '');
		const row = readDb(
			(db) =>
				db
					.prepare('SELECT facility_id, kita_year_id, weekly_hours, status FROM requests WHERE id = ?')
					.get(id) as Record<string, unknown>
		);
		expect(row).toEqual({
			facility_id: kitaB,
			kita_year_id: '2026-27',
			weekly_hours: 35,
			status: 'registered'
		});
	}
	await shoot(b.page, testInfo, 'kita-b-released');

	// The family sees which offer it holds, and got a mail naming both Kitas and their places.
	await loginAs(page, email);
	await page.goto('/meine-anmeldungen');
	await waitForSync(page);
	const section = page.getByRole('region', { name: /^Ida / });
	await expect(section.getByText('Angebot freigegeben')).toBeVisible();
	await expect(section.getByText(/weiter oben eingetragen haben/)).toBeVisible();
	await expect(section.getByRole('button', { name: 'Angebot annehmen' })).toHaveCount(1);
	await shoot(page, testInfo, 'family-released');
	const mail = readDb(
		(db) =>
			db
				.prepare("SELECT text_body FROM mail_outbox WHERE kind = 'offerReleased' AND to_address = ?")
				.all(email) as { text_body: string }[]
	);
	expect(mail).toHaveLength(1);
	expect(mail[0]?.text_body).toContain(`${facilityName(kitaA)} – Ihr Wunsch 1`);
	expect(mail[0]?.text_body).toContain(`${facilityName(kitaB)} (Ihr Wunsch 2)`);
	expect(errors).toEqual([]);
	await a.context.close();
	await b.context.close();
});

test('an offer made offline for a child who meanwhile accepted elsewhere comes back in "Achtung" with the reason', async ({
	browser
}, testInfo) => {
	test.setTimeout(120_000);
	const [kitaA, kitaB] = staffKitas() as [string, string];
	const email = `${unique('eltern')}@example.invalid`;
	const lastName = unique('Zusage');
	createParentAccount(email);
	const [requestA, requestB] = seedRankedRegistration(email, 'Noah', lastName, [kitaA, kitaB]) as [
		string,
		string
	];

	// Kita B opens the request and loses the connection.
	const b = await staffOf(browser, kitaB, requestB);
	await b.context.setOffline(true);

	// Meanwhile Kita A offers and records the parents' acceptance: B's request ends.
	const a = await staffOf(browser, kitaA, requestA);
	await makeOffer(a.page);
	await waitForEmptyOutbox(a.page);
	await a.page.getByRole('button', { name: 'Zusage der Eltern erfassen' }).click();
	await a.page.getByRole('dialog').getByRole('button', { name: 'Zusage der Eltern erfassen' }).click();
	await waitForEmptyOutbox(a.page);
	await expect.poll(() => statusOf(requestA), { timeout: 20_000 }).toBe('accepted');
	expect(statusOf(requestB)).toBe('withdrawn');

	// Kita B, offline, makes its offer; back online, the server refuses it with the reason.
	await makeOffer(b.page);
	await expect(b.page.getByRole('main').getByText('Wird übertragen …')).toBeVisible();
	await b.context.setOffline(false);
	await waitForEmptyOutbox(b.page);
	expect(statusOf(requestB)).toBe('withdrawn');
	expect(eventsOf(requestB)).toEqual(['register', 'acceptElsewhere']);
	const refused = b.page.getByRole('main').getByRole('status').filter({ hasText: 'nicht übernommen' });
	await expect(refused).toBeVisible();
	await refused.getByRole('link', { name: /Achtung/ }).click();
	await expect(b.page).toHaveURL(/\/achtung$/);
	const article = b.page.getByRole('article').filter({ hasText: `Noah ${lastName}` });
	await expect(article).toHaveCount(1);
	await expect(article).toContainText('inzwischen ein Angebot einer anderen Einrichtung angenommen');
	await shoot(b.page, testInfo, 'kita-b-attention');
	await a.context.close();
	await b.context.close();
});
