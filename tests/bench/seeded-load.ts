// The database the profiling and side-by-side tools load (profile.ts, side-by-side.ts): 10,000
// requests of 2,500 families through `push`, and 200 of the parents as up-to-date devices. Seeded
// once into test-results/bench/profile and kept (delete the folder to seed again).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqliteOf } from '../../server/db/database';
import { pull } from '../../server/sync/pull';
import { scopeFor } from '../../server/sync/scope-for';
import { SCHEMA_VERSION } from '../../src/lib/sync/version';
import { ROOT } from './env';
import { openApp, seedRequests } from './fixtures';
import type { LoadUser } from './load';

export const SEEDED_DIR = join(ROOT, 'test-results/bench/profile');
const REQUESTS = 10_000;

export async function seeded(): Promise<{ template: string; users: LoadUser[] }> {
	const template = join(SEEDED_DIR, 'template.db');
	const usersFile = join(SEEDED_DIR, 'users.json');
	if (existsSync(template) && existsSync(usersFile))
		return { template, users: JSON.parse(readFileSync(usersFile, 'utf8')) as LoadUser[] };
	mkdirSync(SEEDED_DIR, { recursive: true });
	const app = await openApp(template);
	sqliteOf(app.database).pragma('synchronous = OFF');
	const parents = await seedRequests(app, REQUESTS);
	const users: LoadUser[] = [];
	for (const parent of parents.slice(0, 200)) {
		const input = { clientId: parent.clientId, userId: parent.session.userId, schemaVersion: SCHEMA_VERSION };
		const result = await pull(
			app.database.db,
			scopeFor(parent.session),
			{ ...input, cookie: null },
			input.userId
		);
		if (result.kind !== 'patch') throw new Error('seed pull failed');
		users.push({ ...input, token: parent.token, cookie: result.cookie, guardianId: parent.guardianId });
	}
	app.stopJobs();
	await app.database.close();
	writeFileSync(usersFile, JSON.stringify(users));
	return { template, users };
}
