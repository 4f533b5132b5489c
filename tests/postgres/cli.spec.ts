// The command-line programs on PostgreSQL (issue 18 point 1): `npm run seed`, `npm run admin:create`
// and `npm run retention` with DATABASE_URL, each in its own process against a throw-away cluster,
// and none of them prints the address's password.
import { sql } from 'kysely';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type PostgresDatabase } from '../../server/db/postgres';
import { startCluster, type Cluster } from './cluster';
import { runCli } from './run-cli';

const PASSWORD = 'geheim-4711';
/** The cluster trusts its socket, so a password in the address is sent and ignored: it must not show. */
const withPassword = (url: string) => url.replace(/^postgres:\/\/([^@:]+)@/, `postgres://$1:${PASSWORD}@`);

describe('command-line programs on PostgreSQL', () => {
	let cluster: Cluster;
	const open: PostgresDatabase[] = [];
	const connect = (url: string) => {
		const database = openPostgres(url, { max: 1 });
		open.push(database);
		return database.db;
	};
	const env = (url: string) => ({
		DATABASE_URL: withPassword(url),
		MIGRATIONS_DIR: resolve(import.meta.dirname, '../../migrations'),
		TOTP_ENCRYPTION_KEY: 'b2'.repeat(32),
		NODE_ENV: 'development'
	});

	beforeAll(() => {
		cluster = startCluster();
	});
	afterAll(async () => {
		for (const database of open) await database.close();
		cluster?.stop();
	});

	it('npm run seed migrates and loads the demo data once', async () => {
		const url = cluster.createDatabase();
		const first = await runCli('seed.ts', [], env(url));
		expect(first.out).toMatch(/Demo data loaded into PostgreSQL database kita_\d+_\d+\./);
		expect(first.code).toBe(0);
		const db = connect(url);
		const facilities = await db.selectFrom('facilities').select('id').execute();
		expect(facilities.length).toBeGreaterThan(3);
		const roles = await db.selectFrom('users').select('role').distinct().orderBy('role').execute();
		expect(roles.map((r) => r.role)).toContain('admin');
		const again = await runCli('seed.ts', [], env(url));
		expect(again.out).toMatch(/already holds a catalogue; nothing changed/);
		expect(again.code).toBe(0);
		expect((await db.selectFrom('facilities').select('id').execute()).length).toBe(facilities.length);
		expect(first.out + again.out).not.toContain(PASSWORD);
	}, 120_000);

	it('npm run admin:create creates the first admin of an empty database, and only the first', async () => {
		const url = cluster.createDatabase();
		const created = await runCli('admin-create.ts', ['--email', 'leitung@example.org'], env(url));
		expect(created.out).toMatch(/Admin account created for leitung@example\.org\./);
		expect(created.code).toBe(0);
		const db = connect(url);
		const admins = await db
			.selectFrom('users')
			.select(['email', 'role'])
			.where('role', '=', 'admin')
			.execute();
		expect(admins).toEqual([{ email: 'leitung@example.org', role: 'admin' }]);
		const second = await runCli('admin-create.ts', ['--email', 'zweite@example.org'], env(url));
		expect(second.out).toMatch(/There is already an admin account/);
		expect(second.code).toBe(1);
		expect(created.out + second.out).not.toContain(PASSWORD);
	}, 120_000);

	it('npm run retention deletes what is due on PostgreSQL', async () => {
		const url = cluster.createDatabase();
		expect((await runCli('seed.ts', [], env(url))).code).toBe(0);
		const db = connect(url);
		// An audit entry older than the twelve months security logs are kept by default.
		await sql`INSERT INTO audit_events (at, actor_id, actor_role, action, target_type, target_id, outcome)
			VALUES ('2020-01-01T00:00:00.000Z', NULL, 'system', 'backup.run', 'backup', 'alt', 'ok')`.execute(db);
		const old = () => db.selectFrom('audit_events').select('id').where('target_id', '=', 'alt').execute();
		expect(await old()).toHaveLength(1);
		const run = await runCli('retention.ts', [], env(url));
		expect(run.out).toMatch(/Retention on PostgreSQL database kita_\d+_\d+ \(periods in days/);
		expect(run.code).toBe(0);
		expect(await old()).toHaveLength(0);
		expect(run.out).not.toContain(PASSWORD);
	}, 120_000);
});
