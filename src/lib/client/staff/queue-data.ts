// Reads a Kita's queue from the local database, joined into rows by the domain.
import { buildQueueRows, type QueueRow } from '$lib/domain/queue';
import { db } from '../data-layer';

/** Loads one Kita's requests through the facilityId index, and the children the staff member holds. */
export async function loadQueueRows(facilityId: string): Promise<QueueRow[]> {
	const started = performance.now();
	// Two getAll calls in one read transaction: far quicker than 10,000 single gets of children.
	const [requests, children] = await db.transaction('r', db.requests, db.children, () =>
		Promise.all([db.requests.where('facilityId').equals(facilityId).toArray(), db.children.toArray()])
	);
	const read = performance.now();
	const rows = buildQueueRows(requests, new Map(children.map((c) => [c.id, c])), facilityId);
	// Measured for the benchmark (tests/e2e/staff/queue-10k.e2e.ts): reading and joining apart.
	performance.measure('queue:read', { start: started, duration: read - started });
	performance.measure('queue:build', { start: read, duration: performance.now() - read });
	return rows;
}
