import { describe, expect, it } from 'vitest';
import type { Draft } from './local-db';
import { pruneDrafts } from './retention';

function store(drafts: Draft[]) {
	const rows = new Map(drafts.map((d) => [d.id, d]));
	return {
		rows,
		drafts: {
			toArray: async () => [...rows.values()],
			bulkDelete: async (ids: string[]) => ids.forEach((id) => rows.delete(id))
		}
	};
}

describe('pruneDrafts', () => {
	it('deletes drafts unchanged for more than 60 days and keeps the rest', async () => {
		const db = store([
			{ id: 'registration', data: {}, updatedAt: '2026-09-01T10:00:00.000Z' },
			{ id: 'guardian-1', data: {}, updatedAt: '2026-11-20T10:00:00.000Z' },
			{ id: 'child', data: {}, updatedAt: '2026-09-26T09:00:00.000Z' }
		]);
		expect(await pruneDrafts(db, new Date('2026-11-25T09:00:00Z'))).toEqual(['registration']);
		expect([...db.rows.keys()]).toEqual(['guardian-1', 'child']);
		expect(await pruneDrafts(db, new Date('2026-11-25T09:00:00Z'))).toEqual([]);
	});
});
