// Issue 17, point 2: in the queue sorted by the Kita's admission criteria, staff move a child with a
// written reason; the order changes at once, the move reaches the server with its reason, and the
// order survives a reload.
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations, waitForEmptyOutbox, waitForSync } from '../helpers';
import { loginAsDemoStaff, readDb, seedRequests, staffKitas, unique } from './steps';

const REASON = 'Härtefall, Bescheid des Jugendamts liegt vor';

/** The first names in the queue's rows, in the order shown. */
async function order(page: Page): Promise<string[]> {
	const names = await page.locator('main table tbody th[scope="row"] a').allTextContents();
	return names.map((n) => n.split(', ')[1] ?? n);
}

test('staff move a child with a reason; the order changes and survives a reload', async ({ page }) => {
	test.setTimeout(90_000);
	const lastName = unique('Rang');
	const kita = staffKitas()[0] ?? '';
	seedRequests(kita, 3, { lastName, firstName: (i) => ['Alma', 'Bruno', 'Cleo'][i] ?? 'Kind' });

	await loginAsDemoStaff(page);
	await page.goto('/kita');
	await waitForSync(page);
	await page.getByLabel('Angezeigte Einrichtung').selectOption(kita);
	await page.getByLabel('Name des Kindes').fill(lastName);
	await page.getByRole('button', { name: 'Nach Aufnahmekriterien sortieren' }).click();
	await expect(page.locator('main table tbody tr')).toHaveCount(3);
	const before = await order(page);
	const last = before[2] ?? '';

	await page.getByRole('button', { name: `${last} ${lastName} in der Rangfolge verschieben` }).click();
	const form = page.getByRole('form', { name: `${last} ${lastName} verschieben` });
	await expect(form.getByText('Derzeit Platz 3 von 3 in dieser Liste.')).toBeVisible();
	await form.getByLabel('Auf einen bestimmten Platz').check();
	await form.getByLabel('Platz', { exact: true }).fill('1');
	// Without a reason nothing moves.
	await form.getByRole('button', { name: 'Verschieben' }).click();
	await expect(form.getByRole('alert')).toContainText('Bitte begründen Sie die Verschiebung.');
	await expectNoA11yViolations(page);
	expect(await order(page)).toEqual(before);

	await form.getByLabel('Begründung').fill(REASON);
	await form.getByRole('button', { name: 'Verschieben' }).click();
	await expect(form).toHaveCount(0);
	const moved = [last, before[0] ?? '', before[1] ?? ''];
	await expect.poll(() => order(page)).toEqual(moved);
	await expect(page.getByText(`Verschoben: ${REASON}`)).toBeVisible();
	await waitForEmptyOutbox(page);
	expect(
		readDb((db) =>
			db
				.prepare(
					'SELECT m.reason, m.placement FROM queue_moves m JOIN requests r ON r.id = m.request_id JOIN children c ON c.id = r.child_id WHERE c.last_name = ?'
				)
				.all(lastName)
		)
	).toEqual([{ reason: REASON, placement: 'before' }]);

	await page.reload();
	await waitForSync(page);
	await expect(page.locator('main table tbody tr')).toHaveCount(3);
	expect(await order(page)).toEqual(moved);
	await expect(page.getByRole('button', { name: 'Nach Aufnahmekriterien sortieren' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
});
