// "Merken": the bookmark list lives only on this device and later seeds the registration's Kitas.
import { openLocalDb } from './data-layer';

export async function toggleBookmark(facilityId: string): Promise<boolean> {
	const db = await openLocalDb();
	return db.transaction('rw', db.bookmarks, async () => {
		if (await db.bookmarks.get(facilityId)) {
			await db.bookmarks.delete(facilityId);
			return false;
		}
		await db.bookmarks.put({ facilityId, addedAt: new Date().toISOString() });
		return true;
	});
}

export async function removeBookmark(facilityId: string): Promise<void> {
	await (await openLocalDb()).bookmarks.delete(facilityId);
}
