// Two app nodes starting at the same moment on one new PostgreSQL database (issue 18): both migrate
// (the second waits for the first's lock) and both find the demo data missing — it must be seeded
// once, and neither start may fail on the other's rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app';
import { DEMO_ACCOUNTS } from '../../server/demo/accounts';
import { demoFacilities } from '../../server/demo/facilities';
import { DEMO_MUNICIPALITIES } from '../../server/demo/municipalities';
import { testClock, testConfig } from '../integration/harness';
import { startCluster, type Cluster } from './cluster';

describe('two nodes starting at once on PostgreSQL', () => {
	let cluster: Cluster;
	let dir: string;
	beforeAll(() => {
		cluster = startCluster();
		dir = mkdtempSync(join(tmpdir(), 'kita-two-nodes-'));
	});
	afterAll(() => {
		cluster?.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	// Several fresh databases: the two starts must overlap in the seeding step at least once.
	it.each([1, 2, 3])('seeds the demo data once (round %i)', { timeout: 60_000 }, async () => {
		const url = cluster.createDatabase();
		const clock = testClock();
		const starts = await Promise.allSettled([
			createApp(testConfig(dir, url, true), clock.now),
			createApp(testConfig(dir, url, true), clock.now)
		]);
		const apps = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
		try {
			expect(starts.map((s) => (s.status === 'rejected' ? String(s.reason) : 'started'))).toEqual([
				'started',
				'started'
			]);
			const db = (apps[0] as App).database.db;
			const count = async (table: 'municipalities' | 'facilities' | 'kita_years') =>
				Number(
					(
						await db
							.selectFrom(table)
							.select((eb) => eb.fn.countAll().as('n'))
							.executeTakeFirstOrThrow()
					).n
				);
			expect(await count('municipalities')).toBe(DEMO_MUNICIPALITIES.length);
			expect(await count('facilities')).toBe(demoFacilities().length);
			expect(await count('kita_years')).toBe(2);
			const accounts = await db
				.selectFrom('users')
				.select('email')
				.where(
					'email',
					'in',
					DEMO_ACCOUNTS.map((a) => a.email)
				)
				.execute();
			expect(accounts).toHaveLength(DEMO_ACCOUNTS.length);
		} finally {
			for (const app of apps) {
				app.stopJobs();
				await app.database.close();
			}
		}
	});
});
