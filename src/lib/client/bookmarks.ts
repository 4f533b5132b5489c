// "Merken": the bookmark list lives only on this device and later seeds the registration's Kitas.
import { openLocalDb } from './data-layer';

/**
 * Bookmarks a Kita or takes it off the list, as the button showed it when tapped: a tap means "the
 * opposite of what I see", also when what the device holds has changed meanwhile (another tab, or a
 * tap held while the app loaded and its list was not read yet, held-taps.ts) — never a toggle back.
 */
export async function setBookmark(facilityId: string, bookmarked: boolean): Promise<void> {
	const db = await openLocalDb();
	await db.transaction('rw', db.bookmarks, async () => {
		if (!bookmarked) await db.bookmarks.delete(facilityId);
		else if (!(await db.bookmarks.get(facilityId)))
			await db.bookmarks.put({ facilityId, addedAt: new Date().toISOString() });
	});
}

export async function removeBookmark(facilityId: string): Promise<void> {
	await (await openLocalDb()).bookmarks.delete(facilityId);
}
