// Issue 14, point 3: a local database the browser deleted or emptied comes back with the client id
// of the device record (so the server can say which changes it got) and counts mutation ids on above
// the highest ever queued (so none repeats); a logout deletes the record with the database.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DeviceRecord } from '$lib/sync/device-record';
import { readRecord, writeRecord } from './device-record-store';
import { deleteLocalDb, LocalDb, localDbName } from './local-db';

beforeAll(() => {
	const items = new Map<string, string>();
	globalThis.localStorage = {
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value),
		removeItem: (key: string) => void items.delete(key),
		clear: () => items.clear(),
		key: (i: number) => [...items.keys()][i] ?? null,
		get length() {
			return items.size;
		}
	};
});

const record = (clientId: string): DeviceRecord => ({
	userId: 'u-evicted',
	clientId,
	highest: 7,
	pending: [{ id: 7, name: 'withdrawRequest', names: {}, at: '2026-12-05T08:00:00Z' }]
});

async function meta(db: LocalDb): Promise<{ clientId?: string; next?: string }> {
	return {
		clientId: (await db.meta.get('clientId'))?.value,
		next: (await db.meta.get('nextMutationId'))?.value
	};
}

describe('a local database re-created from the device record', () => {
	it('a new database of a user without a record gets a fresh client id', async () => {
		const db = new LocalDb(localDbName('u-fresh'));
		const { clientId, next } = await meta(db);
		expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
		expect(next).toBeUndefined();
		db.close();
	});

	it('a deleted database comes back with the recorded client id, ids above the highest', async () => {
		const clientId = crypto.randomUUID();
		writeRecord('u-evicted', record(clientId));
		const db = new LocalDb(localDbName('u-evicted'));
		expect(await meta(db)).toEqual({ clientId, next: '8' });
		db.close();
	});

	it('an emptied database takes the recorded client id back when it opens', async () => {
		const clientId = crypto.randomUUID();
		writeRecord('u-emptied', { ...record(clientId), userId: 'u-emptied' });
		const first = new LocalDb(localDbName('u-emptied'));
		await first.meta.clear();
		first.close();
		const again = new LocalDb(localDbName('u-emptied'));
		expect(await meta(again)).toEqual({ clientId, next: '8' });
		again.close();
	});

	it('a logout deletes the record with the database: nothing is reported lost afterwards', async () => {
		writeRecord('u-logout', { ...record(crypto.randomUUID()), userId: 'u-logout' });
		await deleteLocalDb('u-logout');
		expect(readRecord('u-logout')).toBeNull();
	});
});
