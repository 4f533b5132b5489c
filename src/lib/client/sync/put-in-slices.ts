// A big patch (the catalogue on a visitor's first page, a Kita's queue on a first sync) written in
// slices inside the pull's transaction. IndexedDB copies every row (structured clone) while `put`
// is called, so one `bulkPut` of the whole patch was one long task on a phone: 25 ms for the
// catalogue's 66 Kitas on this machine, 100 ms at Lighthouse's 4× slowdown, in which the page
// answered no tap. Each slice is issued when the one before has been stored, in a task of its own;
// the transaction stays one, so a pull is still applied whole or not at all.
import type { Table } from 'dexie';

/** Main-thread time one slice may take: well below the 50 ms at which a task counts as long. */
export const SLICE_BUDGET_MS = 8;
const FIRST_SLICE = 8;
/**
 * Never more rows at once, whatever the clock says: with a table hook (or a locked transaction) Dexie
 * issues the puts later, the measured time is about zero, and slices would grow without end.
 */
export const MAX_SLICE = 1000;

export interface SliceOptions {
	budgetMs?: number;
	now?: () => number;
}

/**
 * `table.bulkPut(rows)` in slices sized to the device: each slice is as big as the last one's
 * copying allows within the budget (at most twice as big), measured while `bulkPut` issues it.
 */
export async function putInSlices<Row>(
	table: Pick<Table<Row>, 'bulkPut'>,
	rows: readonly Row[],
	{ budgetMs = SLICE_BUDGET_MS, now = () => performance.now() }: SliceOptions = {}
): Promise<void> {
	let size = FIRST_SLICE;
	for (let start = 0; start < rows.length;) {
		const slice = rows.slice(start, start + size);
		start += slice.length;
		const issuing = now();
		// Dexie issues the puts (and IndexedDB copies the rows) before this call returns.
		const stored = table.bulkPut(slice);
		const spent = Math.max(now() - issuing, 0.01);
		await stored;
		size = Math.max(1, Math.min(size * 2, MAX_SLICE, Math.floor((slice.length * budgetMs) / spent)));
	}
}
