// The fast lane's point reads of one request in one read transaction. Outside a transaction each
// statement is a transaction of its own, and in WAL mode each takes and drops the WAL's read lock with
// an `fcntl` system call apiece: an up-to-date pull read the session, the counter and the client row
// with six of them (docs/perf/i16-profile.md). Reads only — the transaction commits nothing.
import type Database from 'better-sqlite3';

interface Statements {
	begin: Database.Statement;
	commit: Database.Statement;
}

const statements = new WeakMap<Database.Database, Statements>();
/** Connections inside a read of this module: their open transaction is this request's own. */
const reading = new WeakSet<Database.Database>();

function statementsOf(sqlite: Database.Database): Statements {
	let s = statements.get(sqlite);
	if (!s) {
		s = { begin: sqlite.prepare('BEGIN DEFERRED'), commit: sqlite.prepare('COMMIT') };
		statements.set(sqlite, s);
	}
	return s;
}

/**
 * Runs `read` in one deferred transaction and ends it before returning, whatever `read` did. Only
 * what `read` does synchronously is inside (a promise it returns settles after the commit). Runs
 * `read` as it is when a transaction is already open.
 */
export function readTogether<T>(sqlite: Database.Database, read: () => T): T {
	if (sqlite.inTransaction) return read();
	const { begin, commit } = statementsOf(sqlite);
	begin.run();
	reading.add(sqlite);
	try {
		return read();
	} finally {
		reading.delete(sqlite);
		// A deferred transaction that only read holds no write: COMMIT just drops the read lock. Should
		// it fail all the same, the transaction must not stay open under the next request's writes.
		if (sqlite.inTransaction) {
			try {
				commit.run();
			} finally {
				if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
			}
		}
	}
}

/**
 * Whether a transaction of another request is open on the connection, whose writes are not yet
 * committed: the direct reads then refuse to look (the one of `readTogether` is their own).
 */
export function othersTransactionOpen(sqlite: Database.Database): boolean {
	return sqlite.inTransaction && !reading.has(sqlite);
}
