import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { Draft } from './local-db';

// The database of the user of the moment, as the data layer gives it once loaded.
vi.mock('./data-layer', () => ({ openLocalDb: async () => (await import('./local-db')).localDb() }));
const { pruneDrafts, pruneDraftsInBackground } = await import('./retention');

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

describe('pruning at a start, while the user changes', () => {
	it('leaves no unhandled rejection when a login closes the database under it', async () => {
		// The root layout prunes at every start; a login held while the app loaded comes right after
		// and closes the visitor's database under the read (local-db.ts localDb()). The one-held-offer
		// e2e saw that as a page error "DatabaseClosedError".
		const { session } = await import('./session.svelte');
		const { localDb } = await import('./local-db');
		const unhandled: unknown[] = [];
		const onUnhandled = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', onUnhandled);
		try {
			session.user = null;
			const visitor = localDb();
			// The login comes while the visitor's database is being opened for the read.
			const opening = new Promise<void>((resolve) => {
				const open = visitor.open.bind(visitor);
				visitor.open = () => (resolve(), open());
			});
			pruneDraftsInBackground();
			await opening;
			session.user = {
				userId: `user-${crypto.randomUUID()}`,
				role: 'parent',
				name: 'P',
				email: 'p@x.invalid'
			} as never;
			localDb();
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(unhandled).toEqual([]);
		} finally {
			process.off('unhandledRejection', onUnhandled);
		}
	});
});
