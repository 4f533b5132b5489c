// The walk-in form and its receipt (issue 13, point 11): required fields marked (the phone number
// too), the privacy checkbox beside its label, an error summary that reads as sentences and leads
// to each field; a receipt that names the district's youth office, the portal's address where the
// family claims the registration, and — printed offline — that the number follows after the sync;
// printed again later from the request's page with only that family's data.
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations, openForOffline, waitForEmptyOutbox, waitForSync } from '../helpers';
import { t } from '../a11y/catalogue';
import { signIn, waitForContent } from '../a11y/steps';
import { createParentAccount, readDb, seedOnlineChild, staffKitas, unique, withDb } from './steps';

const de = (key: string, params: Record<string, string | number> = {}) => t('de', key, params);

async function fillWalkin(page: Page, child: { firstName: string; lastName: string; birthDate: string }) {
	const guardian = page.getByRole('group', { name: de('staff_walkin_guardian_1') });
	await guardian.getByLabel(de('field_first_name')).fill('Jelena');
	await guardian.getByLabel(de('field_last_name')).fill(child.lastName);
	await guardian.getByLabel(de('field_street')).fill('Bahnhofstraße 12');
	await guardian.getByLabel(de('field_postcode')).fill('59609');
	await guardian.getByLabel(de('field_town')).fill('Anröchte');
	await guardian.getByLabel(de('field_phone')).fill('02947 4567');
	const group = page.getByRole('group', { name: de('staff_walkin_child') });
	await group.getByLabel(de('field_child_first_name')).fill(child.firstName);
	await group.getByLabel(de('field_child_last_name')).fill(child.lastName);
	await group.getByLabel(de('field_birth_date')).fill(child.birthDate);
	await page.getByLabel(de('registration_start')).fill('2027-02-01');
}

/** The label text shown for a control (with its visual marks), found through the control's id. */
async function shownLabel(page: Page, controlId: string): Promise<string> {
	return (await page.locator(`label[for="${controlId}"]`).textContent())?.replace(/\s+/g, ' ').trim() ?? '';
}

test.describe('walk-in form and receipt', () => {
	test.beforeEach(async ({ context, baseURL }) => {
		await signIn(context, 'staff', baseURL ?? '');
	});

	test('required fields are marked, the phone number among them', async ({ page }) => {
		await page.goto('/kita/vor-ort');
		await waitForContent(page, 'de');
		await expect(page.getByRole('main')).toContainText(de('staff_walkin_required_hint'));
		const guardian = page.getByRole('group', { name: de('staff_walkin_guardian_1') });
		const required = [
			'field_first_name',
			'field_last_name',
			'field_street',
			'field_postcode',
			'field_town',
			'field_phone'
		];
		for (const key of required) {
			// The accessible name stays the plain label: the star is for the eye only.
			const field = guardian.getByRole('textbox', { name: de(key), exact: true });
			await expect(field, de(key)).toHaveAttribute('required', '');
			expect(await shownLabel(page, (await field.getAttribute('id')) ?? ''), de(key)).toMatch(/\*$/);
		}
		const email = guardian.getByLabel(de('staff_walkin_email_optional'));
		await expect(email).not.toHaveAttribute('required');
		expect(await shownLabel(page, (await email.getAttribute('id')) ?? '')).not.toContain('*');
		for (const key of ['field_child_first_name', 'field_child_last_name', 'field_birth_date'])
			await expect(
				page.getByRole('group', { name: de('staff_walkin_child') }).getByLabel(de(key)),
				de(key)
			).toHaveAttribute('required', '');
		await expect(page.getByLabel(de('registration_start'))).toHaveAttribute('required', '');
		await expect(page.getByLabel(de('staff_walkin_privacy_signed'))).toHaveAttribute('required', '');
	});

	test('the privacy checkbox sits beside its label, not above it', async ({ page }) => {
		for (const width of [1280, 360]) {
			await page.setViewportSize({ width, height: 900 });
			await page.goto('/kita/vor-ort');
			await waitForContent(page, 'de');
			const checkbox = await page.getByLabel(de('staff_walkin_privacy_signed')).elementHandle();
			const label = await page
				.getByRole('group', { name: de('staff_walkin_privacy') })
				.getByText(de('staff_walkin_privacy_signed'))
				.elementHandle();
			if (!checkbox || !label) throw new Error('checkbox or label not shown');
			// Both boxes from one layout (read one after the other, a notice shown in between moved one
			// of them), polled until the page has settled.
			const placed = () =>
				page.evaluate(
					([a, b]) => {
						const box = a.getBoundingClientRect();
						const text = b.getBoundingClientRect();
						// Same line: the text starts right of the box, and the box is within the text's first line.
						return {
							rightOfBox: text.x >= box.x + box.width,
							withinFirstLine: box.y < text.y + 24 && box.y + box.height > text.y
						};
					},
					[checkbox, label] as const
				);
			await expect.poll(placed, { message: `at ${width} px` }).toEqual({
				rightOfBox: true,
				withinFirstLine: true
			});
		}
	});

	test('the error summary reads without ".:", names the missing phone number and leads to each field', async ({
		page
	}) => {
		await page.goto('/kita/vor-ort');
		await waitForContent(page, 'de');
		// Everything but the phone number, and an email address instead: still refused.
		await fillWalkin(page, { firstName: 'Lina', lastName: unique('Summary'), birthDate: '2023-09-09' });
		const guardian = page.getByRole('group', { name: de('staff_walkin_guardian_1') });
		await guardian.getByLabel(de('field_phone')).fill('');
		await guardian.getByLabel(de('staff_walkin_email_optional')).fill('jelena@example.org');
		await page.getByRole('button', { name: de('staff_walkin_save') }).click();

		const summary = page.getByRole('alert');
		const links = summary.getByRole('link');
		await expect(links).toHaveCount(2);
		const lines = (await links.allTextContents()).map((l) => l.trim());
		for (const line of lines) expect(line).not.toMatch(/[.!?]\s*:/);
		expect(lines).toEqual([
			`${de('staff_walkin_guardian_1')}: ${de('field_phone')}: ${de('staff_walkin_phone_required')}`,
			`${de('staff_walkin_privacy')}: ${de('staff_walkin_privacy_missing')}`
		]);
		await links.nth(0).click();
		await expect(guardian.getByLabel(de('field_phone'))).toBeFocused();
		await links.nth(1).click();
		await expect(page.getByLabel(de('staff_walkin_privacy_signed'))).toBeFocused();
		// The field says it too, and is marked invalid.
		await expect(guardian.getByLabel(de('field_phone'))).toHaveAttribute('aria-invalid', 'true');
		await expectNoA11yViolations(page);
	});

	// Issue 15, point 8: the walk-in form uses the Field pattern of the other forms — each error is
	// said at its field (with the "Fehler:" prefix for screen readers) and ties to the control.
	test('each error sits at its field as in the other forms, named in the control’s description', async ({
		page
	}) => {
		await page.goto('/kita/vor-ort');
		await waitForContent(page, 'de');
		await page.getByRole('button', { name: de('staff_walkin_save') }).click();
		await expect(page.getByRole('alert')).toBeVisible();
		const guardian = page.getByRole('group', { name: de('staff_walkin_guardian_1') });
		const phone = guardian.getByLabel(de('field_phone'));
		await expect(phone).toHaveAttribute('aria-invalid', 'true');
		await expect(phone).toHaveAccessibleDescription(
			`${de('form_error_prefix')} ${de('staff_walkin_phone_required')}`
		);
		const privacy = page.getByLabel(de('staff_walkin_privacy_signed'));
		await expect(privacy).toHaveAccessibleDescription(
			`${de('form_error_prefix')} ${de('staff_walkin_privacy_missing')}`
		);
		// Filled, the error goes at the next try; the others stay.
		await phone.fill('02947 4567');
		await page.getByRole('button', { name: de('staff_walkin_save') }).click();
		await expect(phone).not.toHaveAttribute('aria-invalid', 'true');
		await expect(privacy).toHaveAttribute('aria-invalid', 'true');
		await expectNoA11yViolations(page);
	});

	test('the receipt names the youth office and the portal, says offline that the number follows, and is printed again from the request page', async ({
		page,
		context,
		baseURL
	}) => {
		const origin = baseURL ?? '';
		const lastName = unique('Beleg');
		const kita = staffKitas()[0] ?? '';
		await openForOffline(page, '/kita/vor-ort');
		await page.getByLabel(de('staff_kita_switch')).selectOption(kita);
		// The address comes from the server's configuration (ORIGIN, as in its mails).
		await expect(page.locator('meta[name="portal-origin"]')).toHaveAttribute('content', origin);

		await context.setOffline(true);
		await fillWalkin(page, { firstName: 'Lina', lastName, birthDate: '2023-09-09' });
		await page.getByLabel(de('staff_walkin_privacy_signed')).check();
		await page.getByRole('button', { name: de('staff_walkin_save') }).click();
		const receipt = page.getByRole('region', { name: de('staff_receipt_title') });
		await expect(receipt).toContainText(de('receipt_org'));
		await expect(receipt).toContainText(de('staff_number_pending'));
		await expect(receipt).toContainText(de('staff_receipt_number_later'));
		await expect(receipt.locator('[data-portal-url]')).toHaveText(origin);
		await expect(receipt.locator('[data-claim-url]')).toHaveText(`${origin}/familie/uebernehmen`);
		await expect(receipt.locator('[data-claim-code]')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

		// Printed: the receipt alone, without the portal's header, menus and buttons.
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('banner')).toBeHidden();
		await expect(receipt.getByRole('button')).toHaveCount(0);
		await expect(receipt.locator('[data-claim-code]')).toBeVisible();
		await page.screenshot({ path: 'test-results/walkin-receipt-offline-print.png', fullPage: true });
		await page.emulateMedia({ media: 'screen' });

		// Back online: the number arrives and replaces the note.
		await context.setOffline(false);
		await waitForEmptyOutbox(page);
		await expect(receipt).toContainText(/KP-2026-\d{6}/);
		await expect(receipt).not.toContainText(de('staff_receipt_number_later'));

		const row = readDb(
			(db) =>
				db
					.prepare(
						'SELECT r.id, reg.number, f.claim_code_hash FROM requests r JOIN registrations reg ON reg.id = r.registration_id JOIN families f ON f.id = reg.family_id JOIN children c ON c.id = r.child_id WHERE c.last_name = ?'
					)
					.get(lastName) as { id: string; number: string; claim_code_hash: string }
		);

		// Later, on the request's page: a copy without the code (it exists only on the first paper).
		await page.goto(`/kita/anfrage/${row.id}`);
		await waitForSync(page);
		await page.getByRole('button', { name: de('staff_receipt_reprint') }).click();
		const copy = page.getByRole('region', { name: de('staff_receipt_title') });
		await expect(copy).toContainText(row.number);
		await expect(copy).toContainText(de('receipt_org'));
		await expect(copy).toContainText(`Lina ${lastName}`);
		await expect(copy).toContainText(`Jelena ${lastName}`);
		await expect(copy.locator('[data-portal-url]')).toHaveText(origin);
		await expect(copy).toContainText(de('staff_receipt_code_first'));
		await expect(copy.locator('[data-claim-code]')).toHaveCount(0);
		await expectNoA11yViolations(page);

		// A new code for a lost receipt: on the copy, and only its hash on the server.
		await page.getByRole('button', { name: de('staff_claim_renew') }).click();
		await page
			.getByRole('dialog')
			.getByRole('button', { name: de('staff_claim_renew') })
			.click();
		const code = copy.locator('[data-claim-code]');
		await expect(code).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		await expect(copy.locator('[data-claim-url]')).toHaveText(`${origin}/familie/uebernehmen`);
		await waitForEmptyOutbox(page);
		const renewed = readDb(
			(db) =>
				(
					db
						.prepare(
							'SELECT f.claim_code_hash FROM registrations reg JOIN families f ON f.id = reg.family_id WHERE reg.number = ?'
						)
						.get(row.number) as { claim_code_hash: string }
				).claim_code_hash
		);
		expect(renewed).not.toBe(row.claim_code_hash);

		await page.emulateMedia({ media: 'print' });
		await expect(copy).toBeVisible();
		await expect(page.getByRole('heading', { name: de('staff_history') })).toBeHidden();
		await expect(page.getByRole('banner')).toBeHidden();
		await page.screenshot({ path: 'test-results/walkin-receipt-reprint-print.png', fullPage: true });
	});

	test('a copy for a walk-in linked into another family shows only its own family, and no code once claimed', async ({
		page
	}) => {
		const lastName = unique('Kopie');
		const kita = staffKitas()[0] ?? '';
		const child = { firstName: 'Mats', lastName, birthDate: '2023-06-06' };
		// Another family's account holds the child; the walk-in was linked into it and later claimed.
		const otherEmail = `${lastName.toLowerCase()}@example.org`;
		createParentAccount(otherEmail);
		const other = seedOnlineChild(otherEmail, child, 'Karla');
		const claimerEmail = `${lastName.toLowerCase()}-walkin@example.org`;
		createParentAccount(claimerEmail);
		const requestId = withDb((db) => {
			const seq = (
				db.prepare('UPDATE sync_state SET seq = seq + 1 WHERE id = 1 RETURNING seq').get() as { seq: number }
			).seq;
			const at = new Date().toISOString();
			const claimer = db.prepare('SELECT id FROM users WHERE email = ?').get(claimerEmail) as { id: string };
			const ids = {
				family: crypto.randomUUID(),
				child: crypto.randomUUID(),
				registration: crypto.randomUUID(),
				request: crypto.randomUUID()
			};
			db.prepare(
				"INSERT INTO families (id, owner_user_id, source, claim_code_hash, created_at, updated_at, seq) VALUES (?, ?, 'walkin', NULL, ?, ?, ?)"
			).run(ids.family, claimer.id, at, at, seq);
			db.prepare(
				"INSERT INTO guardians (id, family_id, position, first_name, last_name, street, postcode, town, phone, email, updated_at, seq) VALUES (?, ?, 1, 'Jelena', ?, 'Bahnhofstraße 12', '59609', 'Anröchte', '02947 4567', '', ?, ?)"
			).run(crypto.randomUUID(), ids.family, lastName, at, seq);
			db.prepare(
				"INSERT INTO children (id, family_id, first_name, last_name, birth_date, match_key, merged_into, created_at, updated_at, seq) VALUES (?, ?, 'Mats', ?, '2023-06-06', 'x', ?, ?, ?, ?)"
			).run(ids.child, ids.family, lastName, other.childId, at, at, seq);
			db.prepare(
				"INSERT INTO registrations (id, number, family_id, child_id, submitted_at, submitted_by, source, seq) VALUES (?, ?, ?, ?, ?, NULL, 'walkin', ?)"
			).run(ids.registration, `KP-E2E-${ids.request.slice(0, 6)}`, ids.family, ids.child, at, seq);
			db.prepare(
				"INSERT INTO requests (id, registration_id, child_id, facility_id, kita_year_id, rank, start_date, weekly_hours, change_request, comment, status, registered_at, updated_at, seq) VALUES (?, ?, ?, ?, '2026-27', 1, '2027-02-01', 35, 0, '', 'registered', ?, ?, ?)"
			).run(ids.request, ids.registration, other.childId, kita, at, at, seq);
			return ids.request;
		});

		await page.goto(`/kita/anfrage/${requestId}`);
		await waitForSync(page);
		// The page shows both families' contacts (the link was agreed); the copy only the walk-in's.
		await expect(page.getByRole('main')).toContainText('Karla');
		await expect(page.getByRole('main')).toContainText(de('staff_receipt_claimed'));
		await expect(page.getByRole('button', { name: de('staff_claim_renew') })).toHaveCount(0);
		await page.getByRole('button', { name: de('staff_receipt_reprint') }).click();
		const copy = page.getByRole('region', { name: de('staff_receipt_title') });
		await expect(copy).toContainText(`Jelena ${lastName}`);
		await expect(copy).toContainText(`Mats ${lastName}`);
		await expect(copy).not.toContainText('Karla');
		await expect(copy).not.toContainText('Lindenweg');
		await expect(copy).not.toContainText(otherEmail);
		await expect(copy).toContainText(de('staff_receipt_claimed'));
		await expect(copy.locator('[data-claim-code]')).toHaveCount(0);
	});
});
