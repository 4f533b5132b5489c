// The database engine a bench run measures: SQLite files copied from a seeded template file, or the
// databases of a throw-away PostgreSQL cluster copied from a seeded template database
// (CREATE DATABASE … TEMPLATE), and each engine's raw write that the push load is compared with.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startCluster } from '../postgres/cluster';
import { rawWriteRate, rawWriteRatePostgres, type RawWriter } from './server-time';

export type EngineName = 'sqlite' | 'postgres';

/** Where an app or server of the bench keeps its data. */
export interface BenchTarget {
	databasePath: string;
	databaseUrl: string | null;
}

export interface BenchEngine {
	name: EngineName;
	/** For the table's header: the engine, its version and how it commits. */
	description: string;
	template: BenchTarget;
	/** A copy of the seeded template (the template's app must be closed by then). */
	copy(name: string): BenchTarget;
	/** What the built server needs in its environment besides DATABASE_PATH. */
	env(target: BenchTarget): Record<string, string>;
	/** The raw engine's rate of the push's write; `writers` empty: one new parent's row over and over (SQLite only). */
	rawWriteRate(
		target: BenchTarget,
		seconds: number,
		writers: RawWriter[]
	): Promise<{ perSecond: number } | null>;
	stop(): void;
}

/** A copy of a scratch database with its demo TOTP key file (the app refuses to start without it). */
function copyDb(from: string, to: string): void {
	mkdirSync(join(to, '..'), { recursive: true });
	copyFileSync(from, to);
	if (existsSync(`${from}.totp-key`)) copyFileSync(`${from}.totp-key`, `${to}.totp-key`);
}

export async function benchEngine(name: EngineName, dir: string): Promise<BenchEngine> {
	const templatePath = join(dir, 'template/kita.db');
	if (name === 'sqlite')
		return {
			name,
			description: 'SQLite (better-sqlite3, WAL, synchronous=NORMAL)',
			template: { databasePath: templatePath, databaseUrl: null },
			copy(copyName) {
				const databasePath = join(dir, copyName, 'kita.db');
				copyDb(templatePath, databasePath);
				return { databasePath, databaseUrl: null };
			},
			env: () => ({}),
			rawWriteRate: async (target, seconds, writers) => rawWriteRate(target.databasePath, seconds, writers),
			stop: () => undefined
		};
	// fsync on, commits not waited for: the durability SQLite's synchronous=NORMAL gives (cluster.ts).
	const cluster = startCluster({ settings: ['synchronous_commit=off'] });
	try {
		const templateUrl = cluster.createDatabase();
		const client = new pg.Client({ connectionString: templateUrl });
		await client.connect();
		const version =
			(await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?';
		await client.end();
		return {
			name,
			description: `PostgreSQL ${version.split(' ')[0]} (node-postgres, unix socket, synchronous_commit=off)`,
			// The file's path only places the demo TOTP key file, shared by every copy.
			template: { databasePath: templatePath, databaseUrl: templateUrl },
			copy: () => ({ databasePath: templatePath, databaseUrl: cluster.createDatabase(templateUrl) }),
			env: (target) => ({ DATABASE_URL: target.databaseUrl ?? '' }),
			rawWriteRate: async (target, seconds, writers) =>
				writers.length ? rawWriteRatePostgres(target.databaseUrl ?? '', seconds, writers) : null,
			stop: () => cluster.stop()
		};
	} catch (error) {
		cluster.stop();
		throw error;
	}
}
