// /api/ready beside /api/health (issue 18, point 5): ready only when the database answers and its
// applied migrations are exactly the ones this version ships; otherwise 503 with a reason a
// load balancer's operator can act on — and nothing else (no error text, stack or path).
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApp } from '../../server/app';
import { GET } from '../../src/routes/api/ready/+server';
import { createTestApp, type TestApp } from './harness';

async function ready(): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
	const response = await (GET as unknown as () => Promise<Response>)();
	expect(response.headers.get('cache-control')).toBe('no-store');
	const text = await response.text();
	return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, text };
}

/** The applied migrations' names, in order. */
async function migrations(t: TestApp): Promise<string[]> {
	const { rows } = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(
		t.app.database.db
	);
	return rows.map((row) => row.name);
}

function expectNoInternals(text: string, t: TestApp): void {
	expect(text).not.toContain(t.dir);
	expect(text).not.toContain(t.config.migrationsDir);
	expect(text).not.toMatch(/\bat \S+ \(|Error|sqlite|\.ts\b/i);
}

describe('/api/ready', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp({ demoData: false });
		setApp(t.app);
	});
	afterEach(async () => {
		setApp(null);
		await t.close();
	});

	it('is 503 "starting" while the portal is not up yet', async () => {
		setApp(null);
		expect(await ready()).toMatchObject({ status: 503, body: { status: 'unavailable', reason: 'starting' } });
	});

	it('is 200 on a database migrated to exactly the shipped migrations', async () => {
		expect(await ready()).toMatchObject({ status: 200, body: { status: 'ready' } });
	});

	it('is 503 when a shipped migration is not applied', async () => {
		const last = (await migrations(t)).at(-1) ?? '';
		await sql`DELETE FROM schema_migrations WHERE name = ${last}`.execute(t.app.database.db);
		const answer = await ready();
		expect(answer).toMatchObject({ status: 503, body: { reason: 'migrations-pending', migrations: [last] } });
		expectNoInternals(answer.text, t);
	});

	it('is 503 when the database was migrated by a newer version (a migration this node does not know)', async () => {
		await sql`INSERT INTO schema_migrations (name, checksum, applied_at)
			VALUES ('9999_from_the_future.sql', ${'f'.repeat(64)}, '2026-12-05T00:00:00Z')`.execute(t.app.database.db);
		expect(await ready()).toMatchObject({
			status: 503,
			body: { reason: 'migrations-unknown', migrations: ['9999_from_the_future.sql'] }
		});
	});

	it('is 503 when an applied migration differs from its shipped file (checksums as the migrator computes them)', async () => {
		const first = (await migrations(t))[0] ?? '';
		await sql`UPDATE schema_migrations SET checksum = ${'0'.repeat(64)} WHERE name = ${first}`.execute(
			t.app.database.db
		);
		expect(await ready()).toMatchObject({
			status: 503,
			body: { reason: 'migrations-changed', migrations: [first] }
		});
	});

	it('is 503 without internals when the database does not answer', async () => {
		await t.app.database.close();
		const answer = await ready();
		expect(answer).toMatchObject({
			status: 503,
			body: { status: 'unavailable', reason: 'database-unreachable' }
		});
		expect(Object.keys(answer.body).sort()).toEqual(['reason', 'status']);
		expectNoInternals(answer.text, t);
	});

	it('asks the database once for any number of probes at the same moment, and afresh after', async () => {
		const database = t.app.database.db;
		let queries = 0;
		const counting = database.withPlugin({
			transformQuery: (args) => {
				queries++;
				return args.node;
			},
			transformResult: async (args) => args.result
		});
		t.app.database.db = counting;
		try {
			const answers = await Promise.all(Array.from({ length: 50 }, () => ready()));
			expect(answers.every((a) => a.status === 200)).toBe(true);
			expect(queries).toBe(1);
			await sql`DELETE FROM schema_migrations WHERE name = (SELECT max(name) FROM schema_migrations)`.execute(
				database
			);
			expect((await ready()).status).toBe(503);
			expect(queries).toBe(2);
		} finally {
			t.app.database.db = database;
		}
	});
});
