// Issue 7: the parent flow (sign-up, registration, answering an offer) and the Kita's offer work
// with the keyboard alone — every step is reached with Tab and done with Enter, Space or typing,
// with a visible focus at every stop and the focus moving in reading order.
import { expect, test } from '@playwright/test';
import { demoStaffFacilityIds } from '../../../server/demo/accounts';
import { t } from './catalogue';
import { activate, fromTop, tabTo, typeInto } from './keyboard';
import { demoAccount, freshTotp, releaseTotpStep, withDb } from './steps';

test.use({ serviceWorkers: 'block' });

const de = (key: string, params: Record<string, string | number> = {}) => t('de', key, params);

function newestMailLink(to: string, path: string): string {
	const body = withDb(
		(db) =>
			(
				db
					.prepare('SELECT text_body FROM mail_outbox WHERE to_address = ? ORDER BY rowid DESC LIMIT 1')
					.get(to) as { text_body: string } | undefined
			)?.text_body ?? ''
	);
	const link = body.split(/\s+/).find((word) => word.includes(path));
	if (!link) throw new Error(`no ${path} link mailed to ${to}`);
	return link;
}

function requestStatus(childFirstName: string): string[] {
	return withDb((db) =>
		(
			db
				.prepare(
					'SELECT r.status FROM requests r JOIN children c ON c.id = r.child_id WHERE c.first_name = ? ORDER BY r.rank'
				)
				.all(childFirstName) as { status: string }[]
		).map((r) => r.status)
	);
}

test('parents sign up, register and accept the offer the Kita made — by keyboard only', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(240_000);
	const stamp = Date.now().toString(36);
	const email = `tastatur-${stamp}@example.org`;
	const password = 'Nur mit der Tastatur 2026';
	const child = { firstName: `Tasso${stamp}`, lastName: 'Tastmann' };
	const kitaId = demoStaffFacilityIds()[0] ?? '';
	const kita = withDb(
		(db) => (db.prepare('SELECT name FROM facilities WHERE id = ?').get(kitaId) as { name: string }).name
	);

	await test.step('sign up', async () => {
		await page.goto('/');
		await activate(page, page.getByRole('banner').getByRole('link', { name: de('header_login') }));
		await expect(page.getByRole('heading', { level: 1, name: de('header_login') })).toBeVisible();
		await activate(page, page.getByRole('link', { name: de('login_create_account') }));
		await expect(page.getByRole('heading', { level: 1, name: de('signup_title') })).toBeVisible();
		const field = (key: string) => page.getByRole('textbox', { name: de(key), exact: true });
		await typeInto(page, field('signup_first_name'), 'Leyla');
		await typeInto(page, field('signup_last_name'), 'Tastmann');
		await typeInto(page, field('signup_street'), 'Am Markt 3');
		await typeInto(page, field('signup_postcode'), '59609');
		await typeInto(page, field('signup_town'), 'Anröchte');
		await typeInto(page, field('auth_email'), email);
		await typeInto(page, page.getByRole('textbox', { name: de('auth_password'), exact: true }), password);
		await tabTo(page, page.getByRole('checkbox', { name: /Datenschutzerklärung/ }));
		await page.keyboard.press('Space');
		const captcha = page.locator('altcha-widget').getByRole('checkbox');
		await tabTo(page, captcha);
		await page.keyboard.press('Space');
		await expect(captcha).toBeChecked({ timeout: 30_000 });
		await activate(page, page.getByRole('button', { name: de('signup_submit') }));
		await expect(page.getByRole('heading', { level: 1, name: de('signup_done_title') })).toBeVisible();
	});

	await test.step('confirm the address and log in', async () => {
		await page.goto(newestMailLink(email, '/konto/bestaetigen'));
		await expect(page.getByText(de('confirm_done'))).toBeVisible();
		await activate(page, page.getByRole('main').getByRole('link', { name: de('auth_to_login') }));
		await typeInto(page, page.getByRole('textbox', { name: de('auth_email'), exact: true }), email);
		await typeInto(page, page.getByRole('textbox', { name: de('auth_password'), exact: true }), password);
		await page.keyboard.press('Enter');
		await expect(page.getByRole('link', { name: de('nav_my_requests') })).toBeVisible();
	});

	await test.step('enter the child', async () => {
		await fromTop(page);
		await activate(
			page,
			page.getByRole('navigation', { name: de('nav_label') }).getByRole('link', { name: de('nav_family') })
		);
		// The family's own data first: without it the registration asks for it (issue 13, point 6).
		const guardian = page.getByRole('form', { name: de('family_guardian_1') });
		await typeInto(
			page,
			guardian.getByRole('textbox', { name: de('field_first_name'), exact: true }),
			'Leyla'
		);
		await typeInto(
			page,
			guardian.getByRole('textbox', { name: de('field_last_name'), exact: true }),
			child.lastName
		);
		await typeInto(
			page,
			guardian.getByRole('textbox', { name: de('field_street'), exact: true }),
			'Am Markt 3'
		);
		await typeInto(page, guardian.getByRole('textbox', { name: de('field_postcode'), exact: true }), '59609');
		await typeInto(page, guardian.getByRole('textbox', { name: de('field_town'), exact: true }), 'Anröchte');
		await typeInto(
			page,
			guardian.getByRole('textbox', { name: de('field_phone'), exact: true }),
			'02947 123'
		);
		await activate(page, guardian.getByRole('button', { name: de('family_save_guardian') }));
		// Saved on the device, or already sent (issue 14, point 4: the state is said as it is).
		const either = [de('saved_locally'), de('change_sent')].map((t) =>
			t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
		);
		await expect(guardian.getByRole('status')).toHaveText(new RegExp(`^(${either.join('|')})$`));
		const form = page.getByRole('form', { name: de('child_add') }).last();
		await typeInto(page, form.getByLabel(de('field_child_first_name')), child.firstName);
		await typeInto(page, form.getByLabel(de('field_child_last_name')), child.lastName);
		// Chromium's date field in German order: day, month, year.
		await typeInto(page, form.getByLabel(de('field_birth_date')), '10032024');
		await activate(page, form.getByRole('button', { name: de('child_add') }));
		await expect(page.getByText(`${child.firstName} ${child.lastName}`)).toBeVisible();
	});

	await test.step('register the child at the Kita', async () => {
		await fromTop(page);
		await activate(
			page,
			page
				.getByRole('navigation', { name: de('nav_label') })
				.getByRole('link', { name: de('nav_registration') })
		);
		const childSelect = page.getByLabel(de('registration_choose_child'));
		await tabTo(page, childSelect);
		const option = await childSelect.locator('option', { hasText: child.firstName }).getAttribute('value');
		while ((await childSelect.inputValue()) !== option) await page.keyboard.press('ArrowDown');
		await typeInto(page, page.getByLabel(de('registration_search')), kita);
		await activate(page, page.getByRole('button', { name: de('registration_add_named', { name: kita }) }));
		// Within the running Kita year, so that the Kita's queue shows it by default.
		await typeInto(page, page.getByLabel(de('registration_start')), '01032027');
		const hours = page.getByLabel(de('registration_hours'));
		await tabTo(page, hours);
		await page.keyboard.press('ArrowDown');
		await expect(hours).not.toHaveValue('');
		// Check your answers (issue 13, point 8), then send.
		await activate(page, page.getByRole('button', { name: de('registration_continue') }));
		await expect(page.getByRole('heading', { level: 1, name: de('check_title') })).toBeVisible();
		await activate(page, page.getByRole('button', { name: de('registration_submit') }));
		await expect(page.getByText(de('my_requests_sent'))).toBeVisible();
		await expect.poll(() => requestStatus(child.firstName), { timeout: 20_000 }).toEqual(['registered']);
	});

	await test.step('the Kita makes an offer', async () => {
		const staffContext = await browser.newContext({ baseURL, serviceWorkers: 'block', locale: 'de-DE' });
		const staff = await staffContext.newPage();
		const account = demoAccount('staff');
		await staff.goto('/login');
		await typeInto(staff, staff.getByRole('textbox', { name: de('auth_email'), exact: true }), account.email);
		await typeInto(
			staff,
			staff.getByRole('textbox', { name: de('auth_password'), exact: true }),
			account.password
		);
		await staff.keyboard.press('Enter');
		const code = staff.getByLabel(de('mfa_code'));
		await expect(code).toBeVisible();
		await typeInto(staff, code, await freshTotp(staff, 'staff'));
		await staff.keyboard.press('Enter');
		await expect(staff.getByRole('link', { name: de('nav_staff_queue') })).toBeVisible();

		await staff.goto('/kita');
		// The demo staff member works at two Kitas: choose the one the child was registered at.
		const shown = staff.getByLabel(de('staff_kita_switch'));
		await tabTo(staff, shown);
		for (let i = 0; i < 5 && (await shown.inputValue()) !== kitaId; i++)
			await staff.keyboard.press('ArrowDown');
		await expect(shown).toHaveValue(kitaId);
		const row = staff.getByRole('link', { name: `${child.lastName}, ${child.firstName}` });
		await expect(row).toBeVisible({ timeout: 20_000 });
		await activate(staff, row);
		await activate(staff, staff.getByRole('button', { name: de('staff_action_offer') }));
		await activate(staff, staff.getByRole('button', { name: de('staff_offer_send') }));
		const dialog = staff.getByRole('dialog', { name: de('staff_confirm_offer_title') });
		await expect(dialog).toBeVisible();
		// The dialog takes the focus; Enter confirms.
		await expect(dialog.getByRole('button', { name: de('staff_action_offer') })).toBeFocused();
		await staff.keyboard.press('Enter');
		await expect(staff.getByRole('main').getByText(de('status_offered')).first()).toBeVisible();
		await expect.poll(() => requestStatus(child.firstName), { timeout: 20_000 }).toEqual(['offered']);
		await releaseTotpStep(staff);
		await staffContext.close();
	});

	await test.step('an offer whose answer time has passed shows no accept button, before any job ran', async () => {
		// A copy of this browser (its login and local database) whose clock runs 15 days ahead: past
		// the 14-day answer time. A clock belongs to a whole context, hence the copy.
		const copy = await browser.newContext({
			baseURL,
			serviceWorkers: 'block',
			locale: 'de-DE',
			storageState: await page.context().storageState({ indexedDB: true })
		});
		await copy.clock.install({ time: new Date(Date.now() + 15 * 24 * 3600_000) });
		const later = await copy.newPage();
		await later.goto('/meine-anmeldungen');
		await expect(later.getByText(de('status_offer_lapsed'))).toBeVisible({ timeout: 20_000 });
		await expect(later.getByRole('button', { name: de('offer_accept') })).toHaveCount(0);
		await expect(later.getByRole('button', { name: de('offer_decline') })).toBeVisible();
		await copy.close();
	});

	await test.step('the parents accept the offer', async () => {
		await page.goto('/meine-anmeldungen');
		const accept = page.getByRole('button', { name: de('offer_accept') });
		await expect(accept).toBeVisible({ timeout: 20_000 });
		// What accepting means, and that phone or a visit count too (issue 13, point 12).
		await expect(page.getByText(de('offer_explain'))).toBeVisible();
		await activate(page, accept);
		const dialog = page.getByRole('dialog', { name: de('offer_accept_title', { name: kita }) });
		await expect(dialog).toBeVisible();
		await expect(dialog.getByRole('button', { name: de('offer_accept') })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.getByRole('main').getByText(de('status_accepted')).first()).toBeVisible();
		await expect.poll(() => requestStatus(child.firstName), { timeout: 20_000 }).toEqual(['accepted']);
	});
});
