import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './database';

describe('withStatementCache', () => {
	it('compiles a statement once and reuses it, with the same results', () => {
		const sqlite = new Database(':memory:');
		sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
		let compiled = 0;
		const original = sqlite.prepare.bind(sqlite);
		sqlite.prepare = ((sql: string) => {
			compiled++;
			return original(sql);
		}) as typeof sqlite.prepare;
		const db = withStatementCache(sqlite);
		for (let i = 1; i <= 3; i++) db.prepare('INSERT INTO t (id, name) VALUES (?, ?)').run([i, `n${i}`]);
		const rows = db.prepare('SELECT name FROM t WHERE id >= ? ORDER BY id').all([2]);
		expect(rows).toEqual([{ name: 'n2' }, { name: 'n3' }]);
		expect(db.prepare('SELECT name FROM t WHERE id >= ? ORDER BY id').all([3])).toEqual([{ name: 'n3' }]);
		expect(compiled).toBe(2);
		sqlite.close();
	});

	it('keeps at most its size, dropping the least recently used statement first', () => {
		const sqlite = new Database(':memory:');
		const db = withStatementCache(sqlite, 2);
		const a = db.prepare('SELECT 1 AS v');
		const b = db.prepare('SELECT 2 AS v');
		expect(db.prepare('SELECT 1 AS v')).toBe(a); // a is now the most recent
		db.prepare('SELECT 3 AS v'); // drops b
		expect(db.prepare('SELECT 1 AS v')).toBe(a);
		expect(db.prepare('SELECT 2 AS v')).not.toBe(b);
		sqlite.close();
	});

	it('still sees a table changed after a statement was cached (SQLite re-prepares)', () => {
		const sqlite = new Database(':memory:');
		sqlite.exec('CREATE TABLE t (id INTEGER)');
		const db = withStatementCache(sqlite);
		db.prepare('INSERT INTO t (id) VALUES (?)').run([1]);
		expect(db.prepare('SELECT * FROM t').all([])).toEqual([{ id: 1 }]);
		sqlite.exec('ALTER TABLE t ADD COLUMN name TEXT');
		expect(db.prepare('SELECT * FROM t').all([])).toEqual([{ id: 1, name: null }]);
		sqlite.close();
	});
});
