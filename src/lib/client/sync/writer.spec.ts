// Optimistic writes on a real LocalDb (fake-indexeddb): the server's version of a row a pending
// mutation changed is kept once as a shadow, pulled rows of such a row become the new shadow, and
// restoreShadows puts the server's truth back before the pending mutations re-run.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Municipality } from '$lib/domain/facility';
import type { CapacityRow } from '$lib/sync/protocol';
import { LocalDb } from '../local-db';
import { deleteServerRow, putServerRow, restoreShadows, writer } from './writer';

const town = (id: string, name: string): Municipality => ({
	id: id as Municipality['id'],
	name,
	postcodes: []
});

let db: LocalDb;
beforeEach(async () => {
	db = new LocalDb(`writer-test-${crypto.randomUUID()}`);
	await db.open();
});
afterEach(async () => {
	await db.delete();
});

describe('writer: optimistic writes keep the server’s version', () => {
	it('keeps the server’s row in shadows once, however often the row is written locally', async () => {
		await db.municipalities.put(town('m1', 'Server'));
		const w = writer(db);
		await w.update('municipalities', 'm1', { name: 'Local 1' });
		await w.put('municipalities', town('m1', 'Local 2'));
		await w.update('municipalities', 'm1', { name: 'Local 3' });

		expect(await db.shadows.toArray()).toEqual([
			{ key: 'municipalities|m1', table: 'municipalities', id: 'm1', row: town('m1', 'Server') }
		]);
		expect((await db.municipalities.get('m1'))?.name).toBe('Local 3');
		expect((await w.get('municipalities', 'm1'))?.name).toBe('Local 3');
	});

	it('remembers that a row created locally was absent on the server', async () => {
		await writer(db).put('municipalities', town('new', 'Local'));
		const shadow = await db.shadows.get('municipalities|new');
		expect(shadow).toBeDefined();
		expect(shadow?.row).toBeUndefined();
	});

	it('keys capacities by their key, not an id', async () => {
		const w = writer(db);
		const capacity = {
			key: 'f1|y1|u3|35',
			facilityId: 'f1',
			kitaYearId: 'y1',
			ageBand: 'u3',
			weeklyHours: 35,
			places: 2
		} as unknown as CapacityRow;
		await w.put('capacities', capacity);
		expect(await db.shadows.get('capacities|f1|y1|u3|35')).toMatchObject({ id: 'f1|y1|u3|35' });
	});
});

describe('server rows arriving for a row with a pending mutation', () => {
	it('stores the server’s row as the shadow and leaves the optimistic row in place', async () => {
		await db.municipalities.put(town('m1', 'Server v1'));
		await writer(db).update('municipalities', 'm1', { name: 'Optimistic' });

		await putServerRow(db, 'municipalities', town('m1', 'Server v2'));

		expect((await db.municipalities.get('m1'))?.name).toBe('Optimistic');
		expect((await db.shadows.get('municipalities|m1'))?.row).toEqual(town('m1', 'Server v2'));
	});

	it('writes a server row straight into the table when no mutation touched it', async () => {
		await putServerRow(db, 'municipalities', town('m2', 'Server'));
		expect(await db.municipalities.get('m2')).toEqual(town('m2', 'Server'));
		expect(await db.shadows.count()).toBe(0);
	});

	it('a server deletion of a shadowed row marks the shadow absent and keeps the optimistic row', async () => {
		await db.municipalities.bulkPut([town('m1', 'Server'), town('m2', 'Plain')]);
		await writer(db).update('municipalities', 'm1', { name: 'Optimistic' });

		await deleteServerRow(db, 'municipalities', 'm1');
		await deleteServerRow(db, 'municipalities', 'm2');

		expect((await db.municipalities.get('m1'))?.name).toBe('Optimistic');
		const shadow = await db.shadows.get('municipalities|m1');
		expect(shadow).toBeDefined();
		expect(shadow?.row).toBeUndefined();
		expect(await db.municipalities.get('m2')).toBeUndefined();
	});
});

describe('restoreShadows', () => {
	it('puts the server’s versions back, deletes rows the server does not have, and empties shadows', async () => {
		await db.municipalities.bulkPut([town('m1', 'Server'), town('m3', 'Untouched')]);
		const w = writer(db);
		await w.update('municipalities', 'm1', { name: 'Optimistic' });
		await w.put('municipalities', town('new', 'Created locally'));
		await putServerRow(db, 'municipalities', town('m1', 'Server v2'));

		await restoreShadows(db);

		expect(await db.municipalities.orderBy('id').toArray()).toEqual([
			town('m1', 'Server v2'),
			town('m3', 'Untouched')
		]);
		expect(await db.shadows.count()).toBe(0);
	});
});
