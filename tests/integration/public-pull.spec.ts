import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/lib/sync/protocol';
import { nextSeq } from '../../server/db/seq';
import { createTestApp, type TestApp } from './harness';

describe('sync.pull in the public scope', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		await t.close();
	});

	const pull = (cookie: string | null) =>
		t.caller().sync.pull({ clientId: null, userId: null, schemaVersion: SCHEMA_VERSION, cookie });

	it('returns every active Kita on the first pull and nothing on the next', async () => {
		const first = await pull(null);
		if (first.kind !== 'patch') throw new Error('expected a patch');
		const active = await t.app.database.db
			.selectFrom('facilities')
			.select('id')
			.where('active', '=', 1)
			.execute();
		expect(first.reset).toBe(true);
		expect(first.patch.put.facilities?.map((f) => f.id).sort()).toEqual(active.map((r) => r.id).sort());
		expect(active.length).toBeGreaterThanOrEqual(60);
		expect(first.patch.put.municipalities).toHaveLength(11);
		expect(first.patch.put.kitaYears?.map((y) => y.label)).toEqual(['2026/27', '2027/28']);
		expect(first.patch.put.capacities?.length).toBeGreaterThan(100);

		const second = await pull(first.cookie);
		if (second.kind !== 'patch') throw new Error('expected a patch');
		expect(second.reset).toBe(false);
		expect(second.patch).toEqual({ put: {}, del: {} });
		expect(second.cookie).toBe(first.cookie);
	});

	it('sends a changed Kita alone, and a deactivated one as a deletion', async () => {
		const first = await pull(null);
		if (first.kind !== 'patch') throw new Error('expected a patch');
		const [a, b] = first.patch.put.facilities ?? [];
		if (!a || !b) throw new Error('demo data missing');
		const db = t.app.database.db;
		await db.transaction().execute(async (tx) => {
			const seq = await nextSeq(tx);
			await tx
				.updateTable('facilities')
				.set({ opening_hours: 'Mo–Fr 7:00–17:00', seq })
				.where('id', '=', a.id)
				.execute();
			await tx.updateTable('facilities').set({ active: 0, seq }).where('id', '=', b.id).execute();
		});
		const next = await pull(first.cookie);
		if (next.kind !== 'patch') throw new Error('expected a patch');
		expect(next.reset).toBe(false);
		expect(next.patch.put.facilities).toEqual([{ ...a, openingHours: 'Mo–Fr 7:00–17:00' }]);
		expect(next.patch.del.facilities).toEqual([b.id]);
		expect(next.patch.del.capacities?.every((key) => key.startsWith(`${b.id}|`))).toBe(true);
		expect(next.patch.put.municipalities).toBeUndefined();
	});

	it.each([
		['garbage', 'not-a-cookie'],
		['valid base64 of the wrong shape', Buffer.from('{"x":1}').toString('base64url')],
		['another scope', Buffer.from(JSON.stringify({ v: 1, scope: 'staff:x', seq: 1 })).toString('base64url')],
		[
			'a seq from the future',
			Buffer.from(JSON.stringify({ v: 1, scope: 'public', seq: 999999 })).toString('base64url')
		]
	])('answers %s with a reset, not an error', async (_label, cookie) => {
		const result = await pull(cookie);
		if (result.kind !== 'patch') throw new Error('expected a patch');
		expect(result.reset).toBe(true);
		expect(result.patch.put.facilities?.length).toBeGreaterThanOrEqual(60);
	});

	it('tells a client older than the server to update', async () => {
		const result = await t
			.caller()
			.sync.pull({ clientId: null, schemaVersion: 0 as number, cookie: null })
			.catch((e: Error) => e);
		// schemaVersion 0 fails validation (positive int): a clear input error, never a 500.
		expect(result).toBeInstanceOf(Error);
		expect((result as Error & { code?: string }).code).toBe('BAD_REQUEST');
	});
});
