// "Merken": the bookmark list lives only on this device and later seeds the registration's Kitas.
import { localDb } from './local-db';

export async function toggleBookmark(facilityId: string): Promise<boolean> {
	const db = localDb();
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
	await localDb().bookmarks.delete(facilityId);
}
