// The one way into SQLite: Kysely over better-sqlite3 with WAL and foreign keys.
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely';
import type { DB } from './schema';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** A database handle or an open transaction: services accept either. */
export type Executor = Db | Tx;

export interface OpenDatabase {
	engine: 'sqlite' | 'postgres';
	db: Db;
	/**
	 * The same SQLite database's better-sqlite3 handle, for the hot reads that skip Kysely's async
	 * path (fast lanes, session peek, catalogue version); null on PostgreSQL, where they take it.
	 */
	sqlite: Database.Database | null;
	close(): Promise<void>;
}

/** Compiled statements kept per connection; the portal's queries are a fixed set of a few hundred. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * better-sqlite3 compiles a statement on every prepare(), and Kysely's driver prepares every query
 * it runs — a CPU profile of the API showed `prepare` as one of the largest parts. This keeps the
 * compiled statements by SQL text (least recently used out first). Safe because the driver runs
 * each statement to completion synchronously; nothing here streams (`iterate` would hold one).
 */
export function withStatementCache(sqlite: Database.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
	const statements = new Map<string, Database.Statement>();
	return {
		close: () => sqlite.close(),
		prepare(sql) {
			let statement = statements.get(sql);
			if (statement) statements.delete(sql);
			else statement = sqlite.prepare(sql);
			statements.set(sql, statement);
			if (statements.size > size) statements.delete(statements.keys().next().value ?? sql);
			return statement;
		}
	};
}

/**
 * Runs `open` with a umask that gives new files 0600 and new folders 0700: the database holds
 * password hashes and (encrypted) TOTP secrets, no other user of the machine may read it, not even
 * for the moment between creating a file and a chmod.
 */
export function withPrivateFiles<T>(open: () => T): T {
	const previous = process.umask(0o077);
	try {
		return open();
	} finally {
		process.umask(previous);
	}
}

/** Tightens a database file and its WAL companions to 0600 (files from before this rule too). */
export function restrictDatabaseFiles(path: string): void {
	for (const suffix of ['', '-wal', '-shm', '-journal'])
		if (existsSync(path + suffix)) chmodSync(path + suffix, 0o600);
}

export function openDatabase(path: string): OpenDatabase & { sqlite: Database.Database } {
	const sqlite = withPrivateFiles(() => {
		if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
		const opened = new Database(path);
		// WAL mode creates -wal and -shm now; SQLite gives them the database file's mode.
		opened.pragma('journal_mode = WAL');
		return opened;
	});
	if (path !== ':memory:') restrictDatabaseFiles(path);
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
	return {
		engine: 'sqlite',
		db,
		sqlite,
		async close() {
			await db.destroy();
		}
	};
}

/** The better-sqlite3 handle, for what exists on SQLite alone (its backups, benchmarks, some tests). */
export function sqliteOf(database: OpenDatabase): Database.Database {
	if (!database.sqlite)
		throw new Error('This needs the SQLite engine (DATABASE_PATH, without DATABASE_URL).');
	return database.sqlite;
}
