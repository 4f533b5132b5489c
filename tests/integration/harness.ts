// Integration tests run against a real, freshly migrated SQLite file and call tRPC through
// createCaller, the same procedures the browser reaches over HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp, type App } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import { memoryCookieJar, type Context } from '../../server/trpc/context';
import { createCaller } from '../../server/trpc/router';
import { dropTestDatabase, onPostgres, testDatabase } from './postgres-databases';

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

/** A test app's configuration: its own folder, SQLite there unless `databaseUrl` names PostgreSQL. */
export function testConfig(dir: string, databaseUrl: string | null, demoData: boolean): Config {
	return {
		...loadConfig({}),
		origin: 'http://localhost:3000',
		databasePath: join(dir, 'kita.db'),
		databaseUrl,
		demoData,
		// A fixed test key: tests without demo data must start too (a real system refuses without one).
		totpEncryptionKey: 'a1'.repeat(32),
		migrationsDir: resolve(import.meta.dirname, '../../migrations'),
		production: false
	};
}

export async function createTestApp(
	options: { demoData?: boolean; clock?: TestClock } = {}
): Promise<TestApp> {
	const dir = mkdtempSync(join(tmpdir(), 'kita-test-'));
	const clock = options.clock ?? testClock();
	const demoData = options.demoData ?? true;
	// On PostgreSQL a copy of a prepared template: the demo data as the default clock seeds it, or
	// (another clock) only migrated, to be seeded by this app at its own time.
	const databaseUrl = onPostgres
		? await testDatabase(demoData && !options.clock ? 'demo' : 'migrated')
		: null;
	const config = testConfig(dir, databaseUrl, demoData);
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
