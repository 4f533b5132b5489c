// Someone reports a barrier through /barriere-melden; the demo admin finds the report under
// Verwaltung → Barriere-Meldungen with the contact given, and marks it handled after a confirmation.
import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from '../helpers';
import { unique, withDb } from '../staff/steps';
import { DEMO_ADMIN, loginWithTotp } from './steps';

test('an admin finds a reported barrier and marks it handled', async ({ page, context }) => {
	const text = `${unique('Barriere')}: Der Kalender lässt sich nicht mit der Tastatur bedienen.`;
	await page.goto('/barriere-melden');
	await page.getByLabel('Ihre Nachricht').fill(text);
	await page.getByLabel('Auf welcher Seite? (freiwillig)').fill('/anmeldung');
	await page.getByLabel('Ihr Name (freiwillig)').fill('Ute Beispiel');
	await page.getByLabel('Ihre E-Mail-Adresse (freiwillig)').fill('ute@example.org');
	await page.getByLabel('Ich möchte eine Antwort per E-Mail').check();
	await page.getByRole('button', { name: 'Nachricht senden' }).click();
	await expect(page.getByRole('heading', { name: 'Vielen Dank!' })).toBeFocused();

	await loginWithTotp(page, DEMO_ADMIN);
	await page.getByRole('navigation').getByRole('link', { name: 'Barriere-Meldungen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Meldungen zur Barrierefreiheit' })).toBeVisible();
	await expect(page.getByLabel('Bearbeitungsstand')).toHaveValue('open');

	const table = page.getByRole('table', { name: /Meldungen zur Barrierefreiheit, neueste zuerst/ });
	const row = table.getByRole('row').filter({ hasText: text });
	await expect(row).toContainText('Barriere im Portal');
	await expect(row).toContainText('/anmeldung');
	await expect(row).toContainText('Ute Beispiel');
	await expect(row.getByRole('link', { name: 'ute@example.org' })).toHaveAttribute(
		'href',
		'mailto:ute@example.org'
	);
	await expect(row).toContainText('möchte eine Antwort per E-Mail');
	await expect(row).toContainText('Deutsch');
	await expect(row.getByRole('cell', { name: 'offen', exact: true })).toBeVisible();
	await expectNoA11yViolations(page);

	// Cancelling leaves the entry open and gives the focus back to the button.
	const mark = row.getByRole('button', { name: /^Als erledigt markieren: Meldung vom / });
	await mark.click();
	const dialog = page.getByRole('dialog', { name: /als erledigt markieren\?$/ });
	await expect(dialog).toBeVisible();
	await expectNoA11yViolations(page);
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(mark).toBeFocused();

	await mark.click();
	await dialog.getByRole('button', { name: 'Als erledigt markieren' }).click();
	const notice = page.getByRole('status').filter({ hasText: 'ist als erledigt markiert.' });
	await expect(notice).toBeFocused();
	await expect(table.getByRole('row').filter({ hasText: text })).toHaveCount(0);

	await page.getByLabel('Bearbeitungsstand').selectOption('handled');
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	const handled = page.getByRole('table').getByRole('row').filter({ hasText: text });
	await expect(handled).toContainText('erledigt am');
	await expect(handled.getByRole('button')).toHaveCount(0);

	const stored = withDb((db) => {
		const row = db.prepare('SELECT id, handled_at, handled_by FROM feedback WHERE message = ?').get(text) as {
			id: string;
			handled_at: string | null;
			handled_by: string | null;
		};
		const audited = db
			.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'feedback.handle' AND target_id = ?")
			.get(row.id) as { n: number };
		return { ...row, audited: audited.n };
	});
	expect(stored.handled_at).not.toBeNull();
	expect(stored.handled_by).not.toBeNull();
	expect(stored.audited).toBe(1);

	// Offline the list cannot be read: the office pages' usual hint, not an empty list.
	await context.setOffline(true);
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(
		page.getByRole('main').getByRole('status').filter({ hasText: 'Verbindung zum Server' })
	).toBeVisible();
	await expect(page.getByRole('table')).toHaveCount(0);
	await context.setOffline(false);
	await expect(page.getByRole('table').getByRole('row').filter({ hasText: text })).toBeVisible();
});
