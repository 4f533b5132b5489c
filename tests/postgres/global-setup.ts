// Vitest's global setup when TEST_DATABASE=postgres: one throw-away cluster for the whole run, and
// the two templates every test app's database is copied from (tests/integration/postgres-databases.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app';
import { testClock, testConfig } from '../integration/harness';
import { createTemplate, type TemplateKind } from '../integration/postgres-databases';
import { startCluster } from './cluster';

export default async function setup(): Promise<() => void> {
	const cluster = startCluster();
	process.env.TEST_POSTGRES_URL = cluster.url('postgres');
	const dir = mkdtempSync(join(tmpdir(), 'kita-templates-'));
	try {
		for (const kind of ['migrated', 'demo'] satisfies TemplateKind[]) {
			const app = await createApp(
				testConfig(dir, await createTemplate(kind), kind === 'demo'),
				testClock().now
			);
			app.stopJobs();
			await app.database.close();
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	return () => cluster.stop();
}
