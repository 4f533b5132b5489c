import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { othersTransactionOpen, readTogether } from './read-together';

// A real SQLite file in WAL mode, as the server opens it, and a second connection that writes as
// another process would (`npm run retention`, an admin command).
let dir: string;
let sqlite: Database.Database;
let other: Database.Database;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'read-together-'));
	sqlite = new Database(join(dir, 'test.db'));
	sqlite.pragma('journal_mode = WAL');
	sqlite.exec(
		'CREATE TABLE counter (id INTEGER PRIMARY KEY, seq INTEGER); INSERT INTO counter VALUES (1, 1)'
	);
	other = new Database(join(dir, 'test.db'));
});

afterEach(() => {
	other.close();
	sqlite.close();
	rmSync(dir, { recursive: true, force: true });
});

const seqOf = (db: Database.Database) =>
	(db.prepare('SELECT seq FROM counter WHERE id = 1').get() as { seq: number }).seq;
const bump = () => other.prepare('UPDATE counter SET seq = seq + 1 WHERE id = 1').run();

describe('readTogether', () => {
	it('reads one snapshot: a commit by another connection between two reads is not seen by the second', () => {
		const inside = readTogether(sqlite, () => {
			const first = seqOf(sqlite);
			bump();
			return [first, seqOf(sqlite)];
		});
		expect(inside).toEqual([1, 1]);
		// Each statement on its own sees the latest commit.
		const apart = [seqOf(sqlite), (bump(), seqOf(sqlite))];
		expect(apart).toEqual([2, 3]);
	});

	it('leaves no transaction open, also when the read throws, and lets others write afterwards', () => {
		expect(() =>
			readTogether(sqlite, () => {
				seqOf(sqlite);
				throw new Error('read failed');
			})
		).toThrow('read failed');
		expect(sqlite.inTransaction).toBe(false);
		readTogether(sqlite, () => seqOf(sqlite));
		expect(sqlite.inTransaction).toBe(false);
		bump();
		// The writer's commit can be checkpointed: no reader holds an old snapshot.
		expect(other.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
	});

	it('tells its own transaction from another request’s open one', () => {
		expect(othersTransactionOpen(sqlite)).toBe(false);
		readTogether(sqlite, () => expect(othersTransactionOpen(sqlite)).toBe(false));
		sqlite.exec('BEGIN');
		sqlite.exec('UPDATE counter SET seq = 10 WHERE id = 1');
		expect(othersTransactionOpen(sqlite)).toBe(true);
		// Inside another's transaction it neither commits that transaction nor hides it.
		readTogether(sqlite, () => expect(othersTransactionOpen(sqlite)).toBe(true));
		expect(sqlite.inTransaction).toBe(true);
		sqlite.exec('ROLLBACK');
		expect(seqOf(sqlite)).toBe(1);
	});
});
