// The soak's own way into the server's database, on either engine: it reads what the server holds
// for the end checks and changes sessions as the server would. SQL is written once with `?`
// placeholders; on PostgreSQL they become $1, $2, … and counts come back as numbers.
import Database from 'better-sqlite3';
import { openPostgres } from '../../server/db/postgres';

export interface ServerDb {
	all<T>(query: string, ...params: unknown[]): Promise<T[]>;
	get<T>(query: string, ...params: unknown[]): Promise<T | undefined>;
	/** `SELECT count(*) AS n …` as a number. */
	count(query: string, ...params: unknown[]): Promise<number>;
	run(query: string, ...params: unknown[]): Promise<void>;
	close(): Promise<void>;
}

/** `?` → `$n` (the soak's SQL has no `?` inside strings). */
export function numberedParams(query: string): string {
	let n = 0;
	return query.replace(/\?/g, () => `$${++n}`);
}

export function openServerDb(target: { databaseUrl: string | null; databasePath: string }): ServerDb {
	if (target.databaseUrl) {
		const { pool, close } = openPostgres(target.databaseUrl, { max: 2 });
		const all = async <T>(query: string, ...params: unknown[]) =>
			(await pool.query(numberedParams(query), params)).rows as T[];
		return {
			all,
			get: async <T>(query: string, ...params: unknown[]) => (await all<T>(query, ...params))[0],
			count: async (query, ...params) => Number((await all<{ n: unknown }>(query, ...params))[0]?.n ?? 0),
			run: async (query, ...params) => void (await pool.query(numberedParams(query), params)),
			close
		};
	}
	const sqlite = new Database(target.databasePath, { fileMustExist: true });
	sqlite.pragma('busy_timeout = 5000');
	return {
		all: async <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).all(...params) as T[],
		get: async <T>(query: string, ...params: unknown[]) =>
			sqlite.prepare(query).get(...params) as T | undefined,
		count: async (query, ...params) => Number((sqlite.prepare(query).get(...params) as { n: number }).n),
		run: async (query, ...params) => void sqlite.prepare(query).run(...params),
		close: async () => {
			sqlite.close();
		}
	};
}
