// A query of the local database that fails (schema error, a database the browser closed or evicted)
// must not look like an empty result (issue 13, defect 1): live() marks it failed, the data layer
// shows a notice, and the console hears of it once.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { firstRenderDone } from './data-layer';
import { follow, type LiveState } from './live.svelte';
import { LocalDb } from './local-db';

describe('follow (the state behind live())', () => {
	let db: LocalDb;
	beforeAll(async () => {
		firstRenderDone();
		db = new LocalDb(`live-test-${crypto.randomUUID()}`);
		await db.open();
	});
	afterAll(async () => {
		await db.delete();
	});

	const fresh = (): LiveState<string[]> => ({ current: ['before'], loaded: false, failed: false });

	it('sets the error state, not an empty result, when the query fails, and reports it once', async () => {
		const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
		const schema = fresh();
		const stopSchema = follow(schema, () =>
			db.guardians
				.where('lastName')
				.equals('x')
				.toArray()
				.then((rows) => rows.map((g) => g.id))
		);
		const closed = fresh();
		// A table the database does not have (an older schema, a store the browser lost).
		const stopClosed = follow(closed, () =>
			db
				.table('evicted')
				.toArray()
				.then((rows: { id: string }[]) => rows.map((row) => row.id))
		);

		await vi.waitFor(() => expect([schema.failed, closed.failed]).toEqual([true, true]));
		for (const state of [schema, closed]) {
			expect(state.loaded).toBe(false);
			expect(state.current).toEqual(['before']);
		}
		expect(consoleError).toHaveBeenCalledTimes(1);
		expect(String(consoleError.mock.calls[0]?.[0])).toContain('Local database query failed');

		stopSchema();
		stopClosed();
		consoleError.mockRestore();
	});

	it('loads a working query as before', async () => {
		await db.children.put({
			id: 'c1',
			familyId: 'f1',
			firstName: 'Mia',
			lastName: 'S',
			birthDate: '2023-01-01'
		} as never);
		const state = fresh();
		const stop = follow(state, () => db.children.toArray().then((rows) => rows.map((c) => c.id)));
		await vi.waitFor(() => expect(state.loaded).toBe(true));
		expect(state.current).toEqual(['c1']);
		expect(state.failed).toBe(false);
		stop();
	});
});
