// "Merken": bookmarks live on the device, so they survive a reload without network and can be
// removed on the Merkliste offline too.
import { expect, test, type Page } from '@playwright/test';
import { openForOffline } from '../helpers';

/** The bookmark button inside a Kita's entry of the finder list. */
const bookmarkButton = (page: Page, name: string) =>
	page.getByRole('article', { name, exact: true }).getByRole('button');

const bookmarkList = (page: Page) => page.getByRole('main').getByRole('listitem');
/** Each entry's link to its Kita page (beside it: "Kind hier anmelden", issue 13, point 6). */
const kitaLinks = (page: Page) =>
	bookmarkList(page).getByRole('link').filter({ hasNotText: 'Kind hier anmelden' });

test('bookmarked Kitas stay bookmarked offline and can be removed on the Merkliste', async ({
	page,
	context
}) => {
	// 60 of the hits shown (the list shows 20 at a time), for two Kitas far apart in it.
	await openForOffline(page, '/kitas?anzahl=60');
	await expect(page.getByRole('main').getByRole('article')).toHaveCount(60);
	const names = await page.getByRole('main').getByRole('article').getByRole('heading').allTextContents();
	// Two Kitas far apart in the list, bookmarked in reverse list order.
	const [FIRST, SECOND] = [names[40], names[3]] as [string, string];
	expect(FIRST).toBeTruthy();
	expect(SECOND).toBeTruthy();
	for (const name of [FIRST, SECOND]) {
		await expect(bookmarkButton(page, name)).toHaveAttribute('aria-pressed', 'false');
		await expect(bookmarkButton(page, name)).toHaveText(/Merken/);
		await bookmarkButton(page, name).click();
		await expect(bookmarkButton(page, name)).toHaveAttribute('aria-pressed', 'true');
		await expect(bookmarkButton(page, name)).toHaveText(/Gemerkt/);
	}
	await expect(page.getByRole('main').getByRole('button', { pressed: true })).toHaveCount(2);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('main').getByRole('status')).toHaveText('66 Einrichtungen gefunden');
	for (const name of [FIRST, SECOND]) {
		await expect(bookmarkButton(page, name)).toHaveAttribute('aria-pressed', 'true');
	}
	await expect(page.getByRole('main').getByRole('button', { pressed: true })).toHaveCount(2);

	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Merkliste' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Merkliste' })).toBeVisible();
	await expect(bookmarkList(page)).toHaveCount(2);
	// In the order they were bookmarked.
	await expect(kitaLinks(page)).toHaveText([FIRST, SECOND]);

	await page.getByRole('button', { name: `${FIRST} von der Merkliste entfernen` }).click();
	await expect(bookmarkList(page)).toHaveCount(1);
	await expect(kitaLinks(page)).toHaveText([SECOND]);

	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Merkliste' })).toBeVisible();
	await expect(kitaLinks(page)).toHaveText([SECOND]);

	// The entry leads to the Kita, whose button shows it as bookmarked.
	await bookmarkList(page).getByRole('link', { name: SECOND, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(SECOND);
	await expect(page.getByRole('main').getByRole('button', { pressed: true })).toHaveText(/Gemerkt/);
});
