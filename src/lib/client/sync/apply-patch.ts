// Applies a pull result atomically: server rows, deletions, cookie, acknowledged outbox entries and
// rejections together; then re-applies the still pending mutations on top (rebase).
import type { EntityName, Patch, PullResult, Rejection } from '$lib/sync/protocol';
import type { LocalDb, MetaRow } from '../local-db';
import { registeredReplay } from './replay';
import { deleteServerRow, putServerRow, restoreShadows } from './writer';

/** Thrown (rolling the transaction back) when pending mutations need the not yet loaded replay. */
export class ReplayNotLoaded extends Error {}

interface Applied {
	reset: boolean;
	patch: Patch;
	rejections: Rejection[];
	lastMutationId: number;
}

/** A pull's last (or only) answer: with it the device holds the whole scope, and the cookie. */
export function applyPull(
	db: LocalDb,
	result: Extract<PullResult, { kind: 'patch' }>,
	at: Date
): Promise<void> {
	return apply(
		db,
		result,
		[
			{ key: 'cookie', value: result.cookie },
			{ key: 'lastSyncAt', value: at.toISOString() }
		],
		['firstSync']
	);
}

/**
 * A page of a first sync, with the progress to keep (continuation token and counts) in the same
 * transaction: a reload or a dropped connection goes on after the last page applied.
 */
export function applyPage(
	db: LocalDb,
	page: Extract<PullResult, { kind: 'page' }>,
	progress: { token: string }
): Promise<void> {
	return apply(
		db,
		{ reset: page.reset, patch: page.patch, rejections: [], lastMutationId: 0 },
		[{ key: 'firstSync', value: JSON.stringify(progress) }],
		page.reset ? ['cookie'] : []
	);
}

async function apply(db: LocalDb, result: Applied, meta: MetaRow[], drop: MetaRow['key'][]): Promise<void> {
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
		await db.meta.bulkDelete(drop);
		await db.meta.bulkPut(meta);
	});
}
