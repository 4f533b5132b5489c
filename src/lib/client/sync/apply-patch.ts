// Applies a pull result atomically: server rows, deletions, cookie, acknowledged outbox entries and
// rejections together; then re-applies the still pending mutations on top (rebase).
import type { EntityName, PullResult } from '$lib/sync/protocol';
import type { LocalDb } from '../local-db';
import { registeredReplay } from './replay';
import { deleteServerRow, putServerRow, restoreShadows } from './writer';

/** Thrown (rolling the transaction back) when pending mutations need the not yet loaded replay. */
export class ReplayNotLoaded extends Error {}

export async function applyPull(
	db: LocalDb,
	result: Extract<PullResult, { kind: 'patch' }>,
	at: Date
): Promise<void> {
	const tables = db.synced();
	await db.transaction('rw', db.syncTables(), async () => {
		if (result.reset) {
			await Promise.all(Object.values(tables).map((t) => t.clear()));
			await db.shadows.clear();
		}
		for (const [entity, ids] of Object.entries(result.patch.del)) {
			for (const id of ids ?? []) await deleteServerRow(db, entity as EntityName, id);
		}
		for (const [entity, rows] of Object.entries(result.patch.put)) {
			if (!rows?.length) continue;
			// Fast path for big patches (first load of a queue): rows no pending mutation touched.
			if ((await db.shadows.count()) === 0) await tables[entity as EntityName].bulkPut(rows);
			else for (const row of rows) await putServerRow(db, entity as EntityName, row);
		}
		if (result.rejections.length)
			await db.rejections.bulkPut(result.rejections.map((r) => ({ ...r, dismissed: 0 as const })));
		await db.outbox.where('id').belowOrEqual(result.lastMutationId).delete();
		await restoreShadows(db);
		const pending = await db.outbox.orderBy('id').toArray();
		const replay = registeredReplay();
		if (pending.length > 0 && !replay) throw new ReplayNotLoaded();
		for (const entry of pending) await replay?.(db, entry.name, entry.args);
		await db.meta.bulkPut([
			{ key: 'cookie', value: result.cookie },
			{ key: 'lastSyncAt', value: at.toISOString() }
		]);
	});
}
