// Which engine a query runs on, and the few SQL spellings that differ between SQLite and PostgreSQL
// (everything else the portal writes is the SQL both understand, through Kysely).
import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { Executor } from './database';

export type Engine = 'sqlite' | 'postgres';

export function engineOf(db: Executor): Engine {
	return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** The larger of two values: SQLite's many-argument `max`, PostgreSQL's `greatest`. */
export function greatestFn(db: Executor): 'max' | 'greatest' {
	return engineOf(db) === 'postgres' ? 'greatest' : 'max';
}

/** The smaller of two values: SQLite's many-argument `min`, PostgreSQL's `least`. */
export function leastFn(db: Executor): 'min' | 'least' {
	return engineOf(db) === 'postgres' ? 'least' : 'min';
}

/** An instant given in epoch milliseconds as the portal stores instants: ISO-8601 UTC text with ms. */
export function isoFromEpochMs(db: Executor, ms: RawBuilder<number>): RawBuilder<string> {
	return engineOf(db) === 'postgres'
		? sql<string>`to_char(to_timestamp((${ms}) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
		: sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', (${ms}) / 1000.0, 'unixepoch')`;
}
