import { describe, expect, it } from 'vitest';
import { jobLockKey, onOneNode } from './job-lock';
import { openDatabase } from '../db/database';

describe('job locks', () => {
	it('derive a stable signed 32-bit key from the job label (every node and start the same)', () => {
		// FNV-1a of "a" is 0xe40c292c: pinned, so that a change of the hash (nodes of two versions
		// side by side during a rolling update) cannot pass unnoticed.
		expect(jobLockKey('a')).toBe(0xe40c292c | 0);
		const labels = [
			'Mail delivery round',
			'Offer expiry round',
			'Carry-over round',
			'Round lapse',
			'Retention round'
		];
		const keys = labels.map(jobLockKey);
		expect(new Set(keys).size).toBe(labels.length);
		for (const key of keys) expect(Number.isInteger(key) && key >= -(2 ** 31) && key < 2 ** 31).toBe(true);
	});

	it('run every round on SQLite (one server, nothing to share)', async () => {
		const database = openDatabase(':memory:');
		try {
			expect(await onOneNode(database.db, 'Test round', () => Promise.resolve(7))).toEqual({
				ran: true,
				value: 7
			});
		} finally {
			await database.close();
		}
	});
});
