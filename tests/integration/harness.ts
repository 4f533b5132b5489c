// Integration tests run against a real, freshly migrated SQLite file and call tRPC through
// createCaller, the same procedures the browser reaches over HTTP.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import pg from 'pg';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp, type App } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import { memoryCookieJar, type Context } from '../../server/trpc/context';
import { createCaller } from '../../server/trpc/router';

export interface TestClock {
	now: () => Date;
	set(iso: string): void;
	advance(ms: number): void;
}

export function testClock(start = '2026-11-25T09:00:00Z'): TestClock {
	let current = new Date(start);
	return {
		now: () => new Date(current),
		set(iso) {
			current = new Date(iso);
		},
		advance(ms) {
			current = new Date(current.getTime() + ms);
		}
	};
}

export interface TestApp {
	app: App;
	clock: TestClock;
	dir: string;
	config: Config;
	context(overrides?: Partial<Context>): Context;
	caller(overrides?: Partial<Context>): ReturnType<typeof createCaller>;
	close(): Promise<void>;
}

/**
 * A new empty database on the test run's PostgreSQL cluster (TEST_DATABASE=postgres, see
 * tests/postgres/global-setup.ts), or null to use a SQLite file.
 */
async function testPostgresUrl(): Promise<string | null> {
	const admin = process.env.TEST_POSTGRES_URL;
	if (process.env.TEST_DATABASE !== 'postgres' || !admin) return null;
	const name = `kita_${randomUUID().replaceAll('-', '')}`;
	await asAdmin(
		admin,
		`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`
	);
	return admin.replace(/\/postgres\?/, `/${name}?`);
}

async function asAdmin(admin: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: admin });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

/** Drops a test's PostgreSQL database once its app has closed (thousands of tests would fill the disk). */
async function dropTestDatabase(url: string | null): Promise<void> {
	const admin = process.env.TEST_POSTGRES_URL;
	const name = url && /\/(kita_[0-9a-f]+)\?/.exec(url)?.[1];
	if (admin && name) await asAdmin(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

export async function createTestApp(
	options: { demoData?: boolean; clock?: TestClock } = {}
): Promise<TestApp> {
	const dir = mkdtempSync(join(tmpdir(), 'kita-test-'));
	const clock = options.clock ?? testClock();
	const config: Config = {
		...loadConfig({}),
		origin: 'http://localhost:3000',
		databasePath: join(dir, 'kita.db'),
		databaseUrl: await testPostgresUrl(),
		demoData: options.demoData ?? true,
		// A fixed test key: tests without demo data must start too (a real system refuses without one).
		totpEncryptionKey: 'a1'.repeat(32),
		migrationsDir: resolve(import.meta.dirname, '../../migrations'),
		production: false
	};
	const app = await createApp(config, clock.now);
	const context = (overrides: Partial<Context> = {}): Context => ({
		app,
		sameOrigin: true,
		addressedToUs: true,
		ip: '127.0.0.1',
		forwarded: false,
		session: null,
		cookies: memoryCookieJar(),
		responseHeaders: new Headers(),
		...overrides
	});
	return {
		app,
		clock,
		dir,
		config,
		context,
		caller: (overrides) => createCaller(context(overrides)),
		async close() {
			app.stopJobs();
			await app.database.close();
			await dropTestDatabase(config.databaseUrl);
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
