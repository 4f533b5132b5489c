import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db, Tx } from './database';
import { inGroupCommit, MAX_GROUP } from './group-commit';

// A real SQLite file in WAL mode, as the server opens it, and a second connection that sees only
// what was committed.
let dir: string;
let sqlite: Database.Database;
let other: Database.Database;
let db: Db;
let target: { db: Db; sqlite: Database.Database };
let begins: number;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
	sqlite = new Database(join(dir, 'test.db'));
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.exec(
		'CREATE TABLE parents (id TEXT PRIMARY KEY); CREATE TABLE rows (id TEXT PRIMARY KEY, parent TEXT REFERENCES parents(id))'
	);
	sqlite.exec("INSERT INTO parents VALUES ('p')");
	other = new Database(join(dir, 'test.db'), { readonly: true });
	begins = 0;
	db = new Kysely({
		dialect: new SqliteDialect({ database: sqlite }),
		log: (event) => {
			if (/^begin/i.test(event.query.sql)) begins += 1;
		}
	}) as unknown as Db;
	target = { db, sqlite };
});

afterEach(async () => {
	await db.destroy();
	other.close();
	rmSync(dir, { recursive: true, force: true });
});

const insert =
	(id: string, parent = 'p') =>
	(tx: Tx) =>
		sql`INSERT INTO rows (id, parent) VALUES (${id}, ${parent})`.execute(tx).then(() => id);
const committed = (id: string) => other.prepare('SELECT 1 FROM rows WHERE id = ?').get(id) !== undefined;

describe('inGroupCommit', () => {
	it('runs the writes of one turn together, at most MAX_GROUP a transaction, and answers each after its commit', async () => {
		const ids = Array.from({ length: 1 + 2 * MAX_GROUP }, (_, i) => `r${i}`);
		const seenAtAnswer: boolean[] = [];
		await Promise.all(
			ids.map((id) => inGroupCommit(target, insert(id)).then((got) => seenAtAnswer.push(committed(got))))
		);
		// Groups of MAX_GROUP, MAX_GROUP and 1: 3 transactions, not 33.
		expect(begins).toBe(3);
		expect(seenAtAnswer).toHaveLength(ids.length);
		expect(seenAtAnswer.every(Boolean)).toBe(true);
	});

	it('rolls back only the write that failed; its caller gets the error, the others commit', async () => {
		const results = await Promise.allSettled([
			inGroupCommit(target, insert('a')),
			inGroupCommit(target, insert('b')),
			inGroupCommit(target, async (tx) => {
				await insert('c')(tx);
				throw new Error('refused after writing');
			}),
			inGroupCommit(target, insert('b')), // a unique violation in the same group
			inGroupCommit(target, insert('d'))
		]);
		expect(results.map((r) => r.status)).toEqual([
			'fulfilled',
			'fulfilled',
			'rejected',
			'rejected',
			'fulfilled'
		]);
		expect(String((results[2] as PromiseRejectedResult).reason)).toContain('refused after writing');
		expect(String((results[3] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
		expect(['a', 'b', 'c', 'd'].map(committed)).toEqual([true, true, false, true]);
		// One transaction for all five.
		expect(begins).toBe(1);
	});

	it('fails every write of a group whose commit fails, and writes none of them', async () => {
		await inGroupCommit(target, insert('first'));
		const results = await Promise.allSettled([
			inGroupCommit(target, insert('x')),
			// Checked only at the commit: the whole group's commit fails.
			inGroupCommit(target, async (tx) => {
				await sql`PRAGMA defer_foreign_keys = ON`.execute(tx);
				return insert('orphan', 'no-such-parent')(tx);
			}),
			inGroupCommit(target, insert('y'))
		]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
		expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
		expect(['first', 'x', 'orphan', 'y'].map(committed)).toEqual([true, false, false, false]);
		// The connection is free again: the next write commits.
		await inGroupCommit(target, insert('after'));
		expect(committed('after')).toBe(true);
	});

	it('fails only the write whose error ended the transaction; the others run again and commit', async () => {
		const results = await Promise.allSettled([
			inGroupCommit(target, insert('e1')),
			inGroupCommit(target, async (tx) => {
				await insert('e2')(tx);
				// As SQLite does on a full disk or an I/O error: the whole transaction is gone.
				sqlite.exec('ROLLBACK');
				throw new Error('disk I/O error');
			}),
			inGroupCommit(target, insert('e3'))
		]);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(String((results[1] as PromiseRejectedResult).reason)).toContain('disk I/O error');
		expect(['e1', 'e2', 'e3'].map(committed)).toEqual([true, false, true]);
		expect(begins).toBe(2);
	});

	it('runs the others again when another process committed under the group (SQLITE_BUSY_SNAPSHOT)', async () => {
		const writer = new Database(join(dir, 'test.db'));
		try {
			const results = await Promise.allSettled([
				inGroupCommit(target, async (tx) => {
					await sql`SELECT count(*) FROM rows`.execute(tx);
					// Another process (npm run retention) commits between this group's read and its write.
					writer.exec("INSERT INTO parents VALUES ('other')");
					return insert('s1')(tx);
				}),
				inGroupCommit(target, insert('s2')),
				inGroupCommit(target, insert('s3'))
			]);
			expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
			expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_BUSY_SNAPSHOT' });
			expect(['s1', 's2', 's3'].map(committed)).toEqual([false, true, true]);
		} finally {
			writer.close();
		}
	});

	it('lets other work in between two groups', async () => {
		const ids = Array.from({ length: 2 * MAX_GROUP }, (_, i) => `t${i}`);
		const order: string[] = [];
		const writes = ids.map((id, i) =>
			inGroupCommit(target, insert(id)).then(() => {
				if (i === 0 || i === MAX_GROUP) order.push(`group ${i / MAX_GROUP + 1}`);
			})
		);
		// Another request's turn, queued after the writes: it comes between the two groups, not after both.
		setImmediate(() => order.push('other request'));
		await Promise.all(writes);
		expect(order).toEqual(['group 1', 'other request', 'group 2']);
	});

	it('runs a write alone in a transaction of its own (no savepoint) when no other came in its turn', async () => {
		await inGroupCommit(target, insert('one'));
		await inGroupCommit(target, insert('two'));
		expect(begins).toBe(2);
		expect(['one', 'two'].map(committed)).toEqual([true, true]);
	});
});

describe('inGroupCommit without the driver handle (savepoints through Kysely)', () => {
	it('rolls back only the write that failed', async () => {
		const viaKysely = { db, sqlite: null };
		const results = await Promise.allSettled([
			inGroupCommit(viaKysely, insert('k1')),
			inGroupCommit(viaKysely, async (tx) => {
				await insert('k2')(tx);
				throw new Error('refused');
			}),
			inGroupCommit(viaKysely, insert('k3'))
		]);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(['k1', 'k2', 'k3'].map(committed)).toEqual([true, false, true]);
		expect(begins).toBe(1);
	});
});

describe('inGroupCommit under fake timers', () => {
	it('still commits: it keeps the real setImmediate', async () => {
		vi.useFakeTimers();
		try {
			await inGroupCommit(target, insert('faked'));
			expect(committed('faked')).toBe(true);
		} finally {
			vi.useRealTimers();
		}
	});
});
