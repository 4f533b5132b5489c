// The one way into SQLite: Kysely over better-sqlite3 with WAL and foreign keys.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect, type Transaction } from 'kysely';
import type { DB } from './schema';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** A database handle or an open transaction: services accept either. */
export type Executor = Db | Tx;

export interface OpenDatabase {
	db: Db;
	sqlite: Database.Database;
	close(): Promise<void>;
}

export function openDatabase(path: string): OpenDatabase {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
	return {
		db,
		sqlite,
		async close() {
			await db.destroy();
		}
	};
}
