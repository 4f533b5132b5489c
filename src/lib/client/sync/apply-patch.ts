// Applies a pull result to the local database atomically: rows, deletions and cookie together.
import type { PullResult } from '$lib/sync/protocol';
import type { LocalDb } from '../local-db';

export async function applyPull(
	db: LocalDb,
	result: Extract<PullResult, { kind: 'patch' }>,
	at: Date
): Promise<void> {
	const tables = db.synced();
	await db.transaction('rw', [...Object.values(tables), db.meta], async () => {
		if (result.reset) await Promise.all(Object.values(tables).map((t) => t.clear()));
		for (const [entity, ids] of Object.entries(result.patch.del)) {
			if (ids?.length) await tables[entity as keyof typeof tables].bulkDelete(ids);
		}
		for (const [entity, rows] of Object.entries(result.patch.put)) {
			if (rows?.length) await tables[entity as keyof typeof tables].bulkPut(rows);
		}
		await db.meta.bulkPut([
			{ key: 'cookie', value: result.cookie },
			{ key: 'lastSyncAt', value: at.toISOString() }
		]);
	});
}
