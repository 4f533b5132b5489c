// "Merken" does what the button showed when it was tapped: a tap held while the app loaded (its
// list not read yet: ☆ on a Kita already bookmarked) must not take the Kita off the list.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalDb } from './local-db';

const local = new LocalDb(`bookmarks-test-${crypto.randomUUID()}`);
vi.mock('./data-layer', () => ({ openLocalDb: () => Promise.resolve(local) }));
const { setBookmark } = await import('./bookmarks');

describe('setBookmark', () => {
	beforeAll(() => local.open());
	afterAll(() => local.delete());

	it('bookmarks as shown, keeps the first date when asked twice, and takes it off only when asked to', async () => {
		await setBookmark('kita-1', true);
		const first = await local.bookmarks.get('kita-1');
		expect(first).toBeDefined();
		await setBookmark('kita-1', true); // the same wish again (a stale ☆): still bookmarked, not toggled
		expect(await local.bookmarks.get('kita-1')).toEqual(first);
		await setBookmark('kita-1', false);
		expect(await local.bookmarks.get('kita-1')).toBeUndefined();
		await setBookmark('kita-1', false); // a stale ★: nothing to remove, nothing added
		expect(await local.bookmarks.count()).toBe(0);
	});
});
