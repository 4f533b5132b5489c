// Issue 13, defect 1: a query of the device's database that fails must not look like "nothing
// there". The test makes the browser's storage fail every read and expects the notice, with what to
// do, instead of an empty family page.
import { expect, test } from '@playwright/test';
import { waitForSync } from '../helpers';
import { loginAsDemoParent } from './steps';

test('a local database that cannot be read shows a notice, not an empty page', async ({ page }) => {
	const failures: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error' && message.text().includes('Local database query failed'))
			failures.push(message.text());
	});
	await loginAsDemoParent(page);
	await page.goto('/familie');
	await waitForSync(page);
	await expect(page.getByRole('alert').filter({ hasText: 'konnten nicht gelesen werden' })).toHaveCount(0);

	// From now on the browser's storage fails every read, as a corrupt or evicted backing store does
	// (Chromium's "UnknownError"). (A store simply deleted is re-created empty by Dexie.)
	await page.addInitScript(() => {
		const fail = () => {
			throw new DOMException('Internal error opening backing store', 'UnknownError');
		};
		for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype] as unknown as Record<
			string,
			unknown
		>[])
			for (const method of ['get', 'getAll', 'getAllKeys', 'openCursor', 'openKeyCursor', 'count'])
				proto[method] = fail;
	});
	await page.reload();

	const notice = page
		.getByRole('alert')
		.filter({ hasText: 'Die Daten auf diesem Gerät konnten nicht gelesen werden' });
	await expect(notice).toBeVisible();
	await expect(notice).toContainText('melden Sie sich ab und wieder an');
	await expect(notice.getByRole('button', { name: 'Seite neu laden' })).toBeVisible();
	// Not the empty family of a new account.
	await expect(page.getByText('Sie haben noch kein Kind eingetragen.')).toHaveCount(0);
	expect(failures).toHaveLength(1);
});
