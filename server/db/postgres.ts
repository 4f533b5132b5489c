// The production option (issue 18): Kysely over node-postgres, chosen by DATABASE_URL. The schema is
// the SQLite one, column for column (migrations/postgres/ holds each migration's twin), so that the
// repository and command code and the generated types serve both engines:
// - days and instants stay ISO-8601 TEXT, flags INTEGER 0/1, JSON TEXT, as in SQLite;
// - seq and other counters are BIGINT, read back as JavaScript numbers (exact up to 2^53);
// - the database must sort text bytewise (collation "C"), as SQLite does: ISO instants, ids and
//   tie-breaks then order the same on both engines.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { log, maskEmails } from '../log';
import type { DB } from './schema';

/** node-postgres reads BIGINT (int8) and NUMERIC as strings; the portal's are counts and seqs. */
const INT8 = 20;
const NUMERIC = 1700;

function safeNumber(text: string): number {
	const value = Number(text);
	if (!Number.isSafeInteger(value) && Number.isInteger(value))
		throw new RangeError(`A BIGINT beyond 2^53 (${text}) cannot be read exactly.`);
	return value;
}

/** Type parsers of this pool only (node-postgres's global ones stay as they are). */
const types = {
	getTypeParser(oid: number, format?: 'text' | 'binary') {
		if (oid === INT8) return safeNumber;
		if (oid === NUMERIC) return (text: string) => Number(text);
		return pg.types.getTypeParser(oid, format);
	}
} as pg.CustomTypesConfig;

export class PostgresSetupError extends Error {}

export interface PostgresDatabase {
	db: Kysely<DB>;
	pool: pg.Pool;
	close(): Promise<void>;
}

/** A pool for `url` (postgres://…; a unix socket as `?host=/run/postgresql`). */
export function openPostgres(url: string, options: { max?: number } = {}): PostgresDatabase {
	const pool = new pg.Pool({ connectionString: url, types, max: options.max ?? 10 });
	// An idle connection that the server ends (a restart, a failover) is dropped and replaced by the
	// pool; without a listener its error would end the process.
	pool.on('error', (error) =>
		log.warn({ err: maskEmails(error.message) }, 'PostgreSQL: an idle connection failed')
	);
	// The pool listens only while a connection is idle. One checked out but between queries — a job
	// round's lock connection holds still for the whole round (job-lock.ts) — would end the process
	// too when the server ends it; the pool drops it when it comes back (it is no longer queryable).
	pool.on('connect', (client) =>
		client.on('error', (error) =>
			log.warn({ err: maskEmails(error.message) }, 'PostgreSQL: a connection in use failed')
		)
	);
	const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
	return {
		db,
		pool,
		async close() {
			await db.destroy();
			// Kysely ends the pool only if it used it.
			if (!pool.ended) await pool.end();
		}
	};
}

/**
 * Refuses a database that sorts text by a language's rules: ISO instants and ids would still sort
 * right in most, but ties and prefixes need not, and the two engines would disagree. "C" and
 * "C.UTF-8" compare code points, which for UTF-8 is SQLite's bytewise order.
 */
export async function assertBytewiseCollation(pool: pg.Pool): Promise<void> {
	const { rows } = await pool.query<{ provider: string; collation: string }>(
		`SELECT datlocprovider AS provider, datcollate AS collation FROM pg_database
		 WHERE datname = current_database()`
	);
	const { provider = '', collation = '' } = rows[0] ?? {};
	if (provider !== 'c' || !/^(C|POSIX|C\.UTF-?8)$/i.test(collation))
		throw new PostgresSetupError(
			`The database sorts text by "${provider === 'i' ? 'ICU' : collation}"; the portal needs "C". Create it with ` +
				`CREATE DATABASE kita TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'.`
		);
}
