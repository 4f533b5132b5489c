// A pull's answer applied to a real LocalDb (fake-indexeddb): resets, the rebase of pending
// mutations through the replay handed over, rejections, nothing applied without a replay, and a first
// sync's pages against its final patch (cookie, progress, device record).
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Municipality } from '$lib/domain/facility';
import type { DeviceRecord } from '$lib/sync/device-record';
import type { Patch, PullResult, Rejection } from '$lib/sync/protocol';
import { readLost, readRecord, writeRecord } from '../device-record-store';
import { LocalDb, localDbName } from '../local-db';
import { applyPage, applyPull } from './apply-patch';
import type { Replay } from './replay';
import { writer } from './writer';

// The replay the engine hands over: the mutation side's (loaded) or none (not loaded yet).
let replay: Replay | undefined;

const town = (id: string, name: string): Municipality => ({
	id: id as Municipality['id'],
	name,
	postcodes: []
});

/** The test's one mutation: renames a municipality, optimistically through the writer. */
const rename: Replay = async (db, name, args) => {
	if (name !== 'rename') throw new Error(`unknown mutation ${name}`);
	const { id, to } = args as { id: string; to: string };
	await writer(db).update('municipalities', id, { name: to });
};

type Final = Extract<PullResult, { kind: 'patch' }>;
type Page = Extract<PullResult, { kind: 'page' }>;
const noPatch = (): Patch => ({ put: {}, del: {} });
const final = (over: Partial<Final>): Final => ({
	kind: 'patch',
	reset: false,
	cookie: 'c1',
	lastMutationId: 0,
	patch: noPatch(),
	rejections: [],
	...over
});
const page = (over: Partial<Page>): Page => ({
	kind: 'page',
	reset: false,
	token: 't1',
	patch: noPatch(),
	...over
});

let db: LocalDb;
let userId: string;

/** Queues a mutation as queue-mutation.ts does: the outbox entry and its optimistic effect together. */
async function queue(id: number, args: { id: string; to: string }): Promise<void> {
	await db.transaction('rw', db.syncTables(), async () => {
		await db.outbox.add({ id, name: 'rename', args, createdAt: '2026-12-05T08:00:00.000Z' });
		await rename(db, 'rename', args);
	});
}

/** Everything a pull may change, to compare before and after. */
async function snapshot(): Promise<unknown> {
	return {
		municipalities: await db.municipalities.orderBy('id').toArray(),
		shadows: await db.shadows.toArray(),
		outbox: await db.outbox.toArray(),
		rejections: await db.rejections.toArray(),
		meta: await db.meta.orderBy('key').toArray()
	};
}

beforeEach(async () => {
	const items = new Map<string, string>();
	vi.stubGlobal('localStorage', {
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value),
		removeItem: (key: string) => void items.delete(key),
		clear: () => items.clear(),
		key: (i: number) => [...items.keys()][i] ?? null,
		get length() {
			return items.size;
		}
	});
	replay = rename;
	userId = `u-${crypto.randomUUID()}`;
	db = new LocalDb(localDbName(userId));
	await db.open();
});
afterEach(async () => {
	await db.delete();
	vi.unstubAllGlobals();
});

describe('applyPull', () => {
	it('a reset clears the synced tables and shadows, keeps the outbox and re-applies it', async () => {
		await db.municipalities.bulkPut([town('m1', 'Server'), town('gone', 'Not in scope any more')]);
		await queue(1, { id: 'm1', to: 'Mine' });
		// A pending change to a row the new scope lacks: its old shadow must not bring the row back.
		await queue(2, { id: 'gone', to: 'Mine too' });
		const clientId = (await db.meta.get('clientId'))?.value;

		await applyPull(
			db,
			final({ reset: true, patch: { put: { municipalities: [town('m1', 'Server v2')] }, del: {} } }),
			new Date('2026-12-05T09:00:00Z'),
			replay
		);

		expect(await db.municipalities.toArray()).toEqual([town('m1', 'Mine')]);
		expect(await db.outbox.toArray()).toEqual([
			{ id: 1, name: 'rename', args: { id: 'm1', to: 'Mine' }, createdAt: '2026-12-05T08:00:00.000Z' },
			{ id: 2, name: 'rename', args: { id: 'gone', to: 'Mine too' }, createdAt: '2026-12-05T08:00:00.000Z' }
		]);
		// The shadow is the server's new row, not the one from before the reset.
		expect((await db.shadows.get('municipalities|m1'))?.row).toEqual(town('m1', 'Server v2'));
		expect((await db.meta.get('clientId'))?.value).toBe(clientId);
	});

	it('drops acknowledged outbox entries and re-applies the later ones on top of the server’s rows', async () => {
		await db.municipalities.put(town('m1', 'Server v1'));
		await queue(1, { id: 'm1', to: 'First' });
		await queue(2, { id: 'm1', to: 'Second' });
		const spy = vi.fn(rename);
		replay = spy;

		await applyPull(
			db,
			final({
				lastMutationId: 1,
				patch: { put: { municipalities: [town('m1', 'First (server)')] }, del: {} }
			}),
			new Date('2026-12-05T09:00:00Z'),
			replay
		);

		expect((await db.outbox.toArray()).map((e) => e.id)).toEqual([2]);
		expect(spy).toHaveBeenCalledTimes(1);
		expect(spy).toHaveBeenCalledWith(db, 'rename', { id: 'm1', to: 'Second' });
		expect((await db.municipalities.get('m1'))?.name).toBe('Second');
		expect((await db.shadows.get('municipalities|m1'))?.row).toEqual(town('m1', 'First (server)'));
	});

	it('once every entry is acknowledged, the server’s rows stand and no shadow is left', async () => {
		await db.municipalities.put(town('m1', 'Server v1'));
		await queue(1, { id: 'm1', to: 'Mine' });

		await applyPull(
			db,
			final({
				lastMutationId: 1,
				patch: { put: { municipalities: [town('m1', 'Mine (server)')] }, del: {} }
			}),
			new Date('2026-12-05T09:00:00Z'),
			replay
		);

		expect(await db.municipalities.toArray()).toEqual([town('m1', 'Mine (server)')]);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.shadows.count()).toBe(0);
	});

	it('stores rejections, not yet dismissed, and a refused change leaves no trace', async () => {
		await db.municipalities.put(town('m1', 'Server'));
		await queue(1, { id: 'm1', to: 'Refused' });
		const rejection: Rejection = {
			mutationId: 1,
			name: 'rename',
			args: { id: 'm1', to: 'Refused' },
			at: '2026-12-05T09:00:00.000Z',
			code: 'conflict',
			message: 'Someone was first'
		};

		await applyPull(db, final({ lastMutationId: 1, rejections: [rejection] }), new Date(), replay);

		expect(await db.rejections.toArray()).toEqual([{ ...rejection, dismissed: 0 }]);
		expect(await db.municipalities.toArray()).toEqual([town('m1', 'Server')]);
	});

	it('applies deletions, and a deletion of a row a pending mutation changed waits in its shadow', async () => {
		await db.municipalities.bulkPut([town('m1', 'Server'), town('m2', 'Plain')]);
		await queue(1, { id: 'm1', to: 'Mine' });

		await applyPull(
			db,
			final({ patch: { put: {}, del: { municipalities: ['m1', 'm2'] } } }),
			new Date(),
			replay
		);

		// The pending rename re-runs on a row the server no longer has: update() changes nothing.
		expect(await db.municipalities.toArray()).toEqual([]);
		expect(await db.outbox.count()).toBe(1);
	});

	it('without a replay, pending entries leave the whole answer unapplied (replayNeeded)', async () => {
		await db.municipalities.put(town('m1', 'Server'));
		await queue(1, { id: 'm1', to: 'Mine' });
		await db.meta.put({ key: 'cookie', value: 'old' });
		replay = undefined;
		const before = await snapshot();

		expect(
			await applyPull(
				db,
				final({
					reset: true,
					cookie: 'new',
					lastMutationId: 0,
					patch: { put: { municipalities: [town('m9', 'New')] }, del: {} },
					rejections: [{ mutationId: 0, name: 'x', at: '2026-12-05T09:00:00.000Z', code: 'c', message: 'm' }]
				}),
				new Date(),
				replay
			)
		).toEqual({ kind: 'replayNeeded' });

		expect(await snapshot()).toEqual(before);
	});

	it('without a replay and nothing pending, the answer applies', async () => {
		replay = undefined;
		await applyPull(
			db,
			final({ cookie: 'c2', patch: { put: { municipalities: [town('m1', 'Server')] }, del: {} } }),
			new Date('2026-12-05T09:00:00Z'),
			replay
		);
		expect(await db.municipalities.toArray()).toEqual([town('m1', 'Server')]);
		expect((await db.meta.get('cookie'))?.value).toBe('c2');
	});
});

describe('a first sync: pages, then the final patch', () => {
	async function recordPending(ids: number[]): Promise<DeviceRecord> {
		const clientId = (await db.meta.get('clientId'))?.value ?? '';
		const change = (id: number) => ({ id, name: 'rename', names: {}, at: '2026-12-05T08:00:00.000Z' });
		const record: DeviceRecord = { userId, clientId, highest: Math.max(...ids), pending: ids.map(change) };
		writeRecord(userId, record);
		return record;
	}

	it('a page stores its progress, leaves the cookie and the device record alone', async () => {
		await db.meta.put({ key: 'cookie', value: 'kept' });
		await queue(1, { id: 'm1', to: 'One' });
		await queue(2, { id: 'm2', to: 'Two' });
		// Change 3 is in the record but in no outbox: settling would name it lost and queue a stand-in.
		const record = await recordPending([1, 2, 3]);
		const progress = { token: 't2', received: { municipalities: 1 }, total: { municipalities: 3 } };

		await applyPage(
			db,
			page({ token: 't2', patch: { put: { municipalities: [town('m1', 'Server')] }, del: {} } }),
			progress,
			replay
		);

		expect(JSON.parse((await db.meta.get('firstSync'))?.value ?? 'null')).toEqual(progress);
		expect((await db.meta.get('cookie'))?.value).toBe('kept');
		expect(await db.meta.get('lastSyncAt')).toBeUndefined();
		expect(readRecord(userId)).toEqual(record);
		expect(readLost(userId)).toEqual([]);
		// A page acknowledges nothing: the outbox stays whole and is re-applied on the page's rows.
		expect((await db.outbox.toArray()).map((e) => e.id)).toEqual([1, 2]);
		expect((await db.municipalities.get('m1'))?.name).toBe('One');
	});

	it('a first page with reset drops the cookie of an earlier copy', async () => {
		await db.meta.put({ key: 'cookie', value: 'stale' });
		await db.municipalities.put(town('old', 'Old'));

		await applyPage(
			db,
			page({ reset: true, token: 't1', total: { municipalities: 1 } }),
			{ token: 't1' },
			replay
		);

		expect(await db.meta.get('cookie')).toBeUndefined();
		expect(await db.municipalities.count()).toBe(0);
		expect(JSON.parse((await db.meta.get('firstSync'))?.value ?? 'null')).toEqual({ token: 't1' });
	});

	it('the final patch stores the cookie and lastSyncAt, removes firstSync and settles the record', async () => {
		await queue(1, { id: 'm1', to: 'One' });
		await queue(2, { id: 'm2', to: 'Two' });
		const record = await recordPending([1, 2]);
		await applyPage(db, page({ token: 't2' }), { token: 't2' }, replay);
		const at = new Date('2026-12-05T09:30:00Z');

		const settled = await applyPull(db, final({ cookie: 'c-final', lastMutationId: 1 }), at, replay);

		expect((await db.meta.get('cookie'))?.value).toBe('c-final');
		expect((await db.meta.get('lastSyncAt'))?.value).toBe(at.toISOString());
		expect(await db.meta.get('firstSync')).toBeUndefined();
		expect(settled).toEqual({ kind: 'applied', value: { lost: [], filled: 0 } });
		expect(readRecord(userId)).toEqual({ ...record, pending: [record.pending[1]] });
	});
});
