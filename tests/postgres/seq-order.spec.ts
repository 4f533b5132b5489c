// Issue 18 point 2: in PostgreSQL two transactions may commit in the opposite order of the seq
// values they took. The portal's counter is one row that a writer updates (nextSeq): the row stays
// locked until the writer's transaction ends, so the next writer gets its seq only after the
// previous one committed, and a pull that has seen seq N has seen every row stamped ≤ N. Proved here
// by interleaving two writers and a puller on purpose — and shown to be needed: a counter that does
// not wait (a SEQUENCE) lets the puller skip a row for good.
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../server/db/schema';
import { migratePostgres } from '../../server/db/migrate-postgres';
import { openPostgres, type PostgresDatabase } from '../../server/db/postgres';
import { nextSeq } from '../../server/db/seq';
import { decodeCookie } from '../../server/sync/cookie';
import { pull } from '../../server/sync/pull';
import { publicScope } from '../../server/sync/scopes';
import { SCHEMA_VERSION } from '../../src/lib/sync/protocol';
import { startCluster, type Cluster } from './cluster';
import { resolve } from 'node:path';

const MIGRATIONS = resolve(import.meta.dirname, '../../migrations');

/** A transaction held open until `commit()`; `run` does its writes first. */
function openWriter(db: Kysely<DB>, run: (tx: Kysely<DB>) => Promise<number>) {
	let commit = () => {};
	const committed = new Promise<void>((resolve) => (commit = resolve));
	let taken = (_: number) => {};
	const seq = new Promise<number>((resolve) => (taken = resolve));
	const done = db.transaction().execute(async (tx) => {
		taken(await run(tx));
		await committed;
	});
	return { seq, commit: async () => (commit(), await done) };
}

/** Whether `promise` settles within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
	return Promise.race([
		promise.then(() => true),
		new Promise<boolean>((r) => setTimeout(() => r(false), ms))
	]);
}

describe('seq order under concurrent writers on PostgreSQL', () => {
	let cluster: Cluster;
	let database: PostgresDatabase;
	beforeAll(async () => {
		cluster = startCluster();
		database = openPostgres(cluster.createDatabase());
		await migratePostgres(database.pool, MIGRATIONS);
	});
	afterAll(async () => {
		await database?.close();
		cluster?.stop();
	});

	const municipality = (tx: Kysely<DB>, id: string, seq: number) =>
		tx.insertInto('municipalities').values({ id, name: id, postcodes: '[]', seq }).execute();

	const pullFrom = async (cookie: string | null) => {
		const result = await pull(
			database.db,
			publicScope,
			{ clientId: null, cookie, schemaVersion: SCHEMA_VERSION } as never,
			null
		);
		if (result.kind !== 'patch') throw new Error(`unexpected ${result.kind}`);
		const put = (result.patch.put as Record<string, { id: string }[]>).municipalities ?? [];
		return { cookie: result.cookie, ids: put.map((m) => m.id) };
	};

	it('never lets a pull that has seen seq N miss a row stamped below N that commits later', async () => {
		const { db } = database;
		const start = await pullFrom(null);
		// Writer A takes the next seq and stamps its row, and stays open.
		const a = openWriter(db, async (tx) => {
			const seq = await nextSeq(tx);
			await municipality(tx, 'A', seq);
			return seq;
		});
		const seqA = await a.seq;
		// Writer B wants the next seq: it waits for A's transaction to end.
		const b = openWriter(db, async (tx) => {
			const seq = await nextSeq(tx);
			await municipality(tx, 'B', seq);
			return seq;
		});
		expect(await settlesWithin(b.seq, 300)).toBe(false);
		// A pull meanwhile sees neither, and its cookie stays below A's seq.
		const during = await pullFrom(start.cookie);
		expect(during.ids).toEqual([]);
		expect(decodeCookie(during.cookie, publicScope.key, Infinity, 0)?.seq).toBeLessThan(seqA);
		// A commits: B gets the seq after A's, and commits after A.
		await a.commit();
		expect(await b.seq).toBe(seqA + 1);
		const afterA = await pullFrom(during.cookie);
		expect(afterA.ids).toEqual(['A']);
		await b.commit();
		const afterB = await pullFrom(afterA.cookie);
		expect(afterB.ids).toEqual(['B']);
	});

	it('would lose a row with a counter that does not wait (the hazard the locked row prevents)', async () => {
		const { db } = database;
		await sql`CREATE SEQUENCE IF NOT EXISTS hazard_seq START 1000000`.execute(db);
		const takeSeq = async (tx: Kysely<DB>) =>
			Number((await sql<{ n: string }>`SELECT nextval('hazard_seq') AS n`.execute(tx)).rows[0]?.n);
		const start = await pullFrom(null);
		const a = openWriter(db, async (tx) => {
			const seq = await takeSeq(tx);
			await municipality(tx, 'late', seq);
			return seq;
		});
		const seqA = await a.seq;
		// B takes a higher number at once and commits before A.
		await db.transaction().execute(async (tx) => {
			const seq = await takeSeq(tx);
			expect(seq).toBeGreaterThan(seqA);
			await municipality(tx, 'early', seq);
			await tx.updateTable('sync_state').set({ seq }).where('id', '=', 1).execute();
		});
		const seen = await pullFrom(start.cookie);
		expect(seen.ids).toEqual(['early']);
		await a.commit();
		// A's row is stamped below the cookie the device now holds: no pull ever sends it.
		const later = await pullFrom(seen.cookie);
		expect(later.ids).not.toContain('late');
	});
});
