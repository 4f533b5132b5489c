// Reads a Kita's queue from the local database: its requests through the facilityId index and
// their children in one bulk read, joined into rows by the domain.
import type { Child } from '$lib/domain/family';
import { buildQueueRows, type QueueRow } from '$lib/domain/queue';
import { localDb } from '../local-db';

/** Loads one Kita's requests through the facilityId index and their children in one bulk read. */
export async function loadQueueRows(facilityId: string): Promise<QueueRow[]> {
	const started = performance.now();
	const db = localDb();
	const requests = await db.requests.where('facilityId').equals(facilityId).toArray();
	const childIds = [...new Set(requests.map((r) => r.childId))];
	const children = (await db.children.bulkGet(childIds)).filter((c): c is Child => c !== undefined);
	const rows = buildQueueRows(requests, new Map(children.map((c) => [c.id, c])), facilityId);
	performance.measure('queue:load', { start: started, duration: performance.now() - started });
	return rows;
}
