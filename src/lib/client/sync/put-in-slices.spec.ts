import 'fake-indexeddb/auto';
import Dexie, { type Table } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_SLICE, putInSlices } from './put-in-slices';

interface Row {
	id: string;
	n: number;
}

/** A table whose `bulkPut` takes `costMs` of the fake clock per row while it is called. */
function costlyTable(costMs: number) {
	let clock = 0;
	const slices: number[] = [];
	const stored: Row[] = [];
	const table = {
		bulkPut(rows: readonly Row[]) {
			slices.push(rows.length);
			clock += rows.length * costMs;
			stored.push(...rows);
			return Promise.resolve('') as never;
		}
	};
	return { table, slices, stored, now: () => clock };
}

const rows = (count: number): Row[] => Array.from({ length: count }, (_, n) => ({ id: `r${n}`, n }));

describe('putInSlices', () => {
	it('writes every row once, in order', async () => {
		const { table, stored, now } = costlyTable(0.5);
		await putInSlices(table, rows(1000), { now });
		expect(stored.map((r) => r.n)).toEqual(rows(1000).map((r) => r.n));
	});

	it('keeps each slice within the budget on a slow device, and grows slices on a fast one', async () => {
		const slow = costlyTable(2);
		await putInSlices(slow.table, rows(200), { now: slow.now, budgetMs: 8 });
		// The first slice is fixed; every later one is sized from the one before.
		expect(Math.max(...slow.slices.slice(1))).toBeLessThanOrEqual(4);

		const fast = costlyTable(0.01);
		await putInSlices(fast.table, rows(5000), { now: fast.now, budgetMs: 8 });
		expect(fast.slices.length).toBeLessThan(15);
		// Never more than twice the slice before.
		fast.slices.slice(1).forEach((size, i) => expect(size).toBeLessThanOrEqual(2 * (fast.slices[i] ?? 0)));
	});

	it('never issues more than MAX_SLICE rows at once, even when issuing seems to take no time', async () => {
		const free = costlyTable(0);
		await putInSlices(free.table, rows(10_000), { now: free.now });
		expect(Math.max(...free.slices)).toBe(MAX_SLICE);
		expect(free.slices.reduce((a, b) => a + b, 0)).toBe(10_000);
	});

	it('writes nothing for no rows', async () => {
		const { table, slices } = costlyTable(1);
		await putInSlices(table, [], {});
		expect(slices).toEqual([]);
	});

	describe('in one IndexedDB transaction', () => {
		let db: (Dexie & { rows: Table<Row, string>; other: Table<Row, string> }) | undefined;
		afterEach(async () => {
			await db?.delete();
		});

		it('stores all slices, or none when the transaction fails after them', async () => {
			db = new Dexie(`slices-${crypto.randomUUID()}`) as typeof db & Dexie;
			db.version(1).stores({ rows: 'id', other: 'id' });
			const d = db;
			// A fake clock that charges 3 ms a call: 300 rows go in six slices (8, 16, 32, 64, 128, 52).
			let clock = 0;
			const now = () => (clock += 3);
			await d.transaction('rw', d.rows, d.other, () => putInSlices(d.rows, rows(300), { now }));
			expect(await d.rows.count()).toBe(300);

			await d.rows.clear();
			const failed = d.transaction('rw', d.rows, d.other, async () => {
				await putInSlices(d.rows, rows(300), { now });
				await d.other.add({ id: 'x', n: 0 });
				await d.other.add({ id: 'x', n: 1 });
			});
			await expect(failed).rejects.toThrow();
			expect(await d.rows.count()).toBe(0);
		});
	});
});
