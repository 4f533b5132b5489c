// Applies a pull result atomically: server rows, deletions, cookie, acknowledged outbox entries and
// rejections together; then re-applies the still pending mutations on top (rebase), and settles the
// device record: acknowledged changes leave it, changes a lost database took with it are named.
import { nextIdAfter, settle, type RecordedChange } from '$lib/sync/device-record';
import type { EntityName, Patch, PullResult, Rejection } from '$lib/sync/protocol';
import { LOST_ON_DEVICE } from '$lib/sync/read-records';
import { addLost, readRecord, writeRecord } from '../device-record-store';
import { ownerOf, type LocalDb, type MetaRow } from '../local-db';
import { putInSlices } from './put-in-slices';
import type { Replay } from './replay';
import { deleteServerRow, putServerRow, restoreShadows } from './writer';

/**
 * An answer either applied, or not touched at all because mutations are pending and the replay
 * (the mutation side) is not loaded: the caller loads it and applies again. Checked first thing
 * in the transaction, so nothing has to be rolled back.
 */
export type ApplyResult<T> = { kind: 'applied'; value: T } | { kind: 'replayNeeded' };

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
	at: Date,
	replay: Replay | undefined
): Promise<ApplyResult<Settlement>> {
	return apply(
		db,
		result,
		replay,
		[
			{ key: 'cookie', value: result.cookie },
			{ key: 'lastSyncAt', value: at.toISOString() }
		],
		['firstSync'],
		at
	);
}

/**
 * A page of a first sync, with the progress to keep (continuation token and counts) in the same
 * transaction: a reload or a dropped connection goes on after the last page applied.
 */
export function applyPage(
	db: LocalDb,
	page: Extract<PullResult, { kind: 'page' }>,
	progress: { token: string },
	replay: Replay | undefined
): Promise<ApplyResult<Settlement>> {
	// No settlement of the device record here: a page carries no lastMutationId (the last one does).
	return apply(
		db,
		{ reset: page.reset, patch: page.patch, rejections: [], lastMutationId: 0 },
		replay,
		[{ key: 'firstSync', value: JSON.stringify(progress) }],
		page.reset ? ['cookie'] : []
	);
}

const NOTHING_SETTLED: Settlement = { lost: [], filled: 0 };

/** Applies an answer; with `settleAt` (the last answer) the device record is settled too. */
async function apply(
	db: LocalDb,
	result: Applied,
	replay: Replay | undefined,
	meta: MetaRow[],
	drop: MetaRow['key'][],
	settleAt?: Date
): Promise<ApplyResult<Settlement>> {
	const tables = db.synced();
	return db.transaction('rw', db.syncTables(), async (): Promise<ApplyResult<Settlement>> => {
		// Read inside the transaction: no tab can queue a mutation until it ends.
		const stillPending = await db.outbox.where('id').above(result.lastMutationId).count();
		if (stillPending > 0 && !replay) return { kind: 'replayNeeded' };
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
			if ((await db.shadows.count()) === 0) await putInSlices(tables[entity as EntityName], rows);
			else for (const row of rows) await putServerRow(db, entity as EntityName, row);
		}
		if (result.rejections.length)
			await db.rejections.bulkPut(result.rejections.map((r) => ({ ...r, dismissed: 0 as const })));
		await db.outbox.where('id').belowOrEqual(result.lastMutationId).delete();
		await restoreShadows(db);
		const pending = await db.outbox.orderBy('id').toArray();
		for (const entry of pending) await replay?.(db, entry.name, entry.args);
		await db.meta.bulkDelete(drop);
		await db.meta.bulkPut(meta);
		const value = settleAt ? await settleRecord(db, result.lastMutationId, settleAt) : NOTHING_SETTLED;
		return { kind: 'applied', value };
	});
}

export interface Settlement {
	/** Changes lost with an earlier local database of this user (for the notice). */
	lost: RecordedChange[];
	/** Stand-ins queued for lost mutation ids: a push is due. */
	filled: number;
}

/**
 * Inside the pull's transaction (no tab queues meanwhile): the server's lastMutationId against the
 * device record and the outbox. Returns the changes lost with an earlier database of this user.
 */
async function settleRecord(db: LocalDb, lastMutationId: number, at: Date): Promise<Settlement> {
	const owner = ownerOf(db);
	const record = readRecord(owner);
	if (!record) return { lost: [], filled: 0 };
	const [clientId, next, outboxIds] = await Promise.all([
		db.meta.get('clientId'),
		db.meta.get('nextMutationId'),
		db.outbox.toCollection().primaryKeys()
	]);
	// The record of a database with another client id cannot be checked against this pull.
	if (clientId?.value !== record.clientId) return { lost: [], filled: 0 };
	const nextId = Number(next?.value ?? '1');
	const settled = settle(record, lastMutationId, outboxIds, nextId);
	if (settled.holes.length) {
		// The server applies a client's mutations in order only: a stand-in for each lost id lets it
		// go on to the changes made since, and ids keep counting above them.
		await db.outbox.bulkAdd(
			settled.holes.map((id) => ({ id, name: LOST_ON_DEVICE, args: null, createdAt: at.toISOString() }))
		);
		const highest = Math.max(...settled.holes);
		await db.meta.put({ key: 'nextMutationId', value: String(nextIdAfter({ ...record, highest }, nextId)) });
	}
	// The lost ones move from the record to the notice's list at once, so that none is dropped.
	addLost(owner, settled.lost);
	writeRecord(owner, settled.record);
	return { lost: settled.lost, filled: settled.holes.length };
}
