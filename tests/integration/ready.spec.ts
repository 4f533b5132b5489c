// /api/ready beside /api/health (issue 18, point 5): ready only when the database answers and its
// applied migrations are exactly the ones this version ships; otherwise 503 with a reason a
// load balancer's operator can act on — and nothing else (no error text, stack or path).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApp } from '../../server/app';
import { GET } from '../../src/routes/api/ready/+server';
import { createTestApp, type TestApp } from './harness';

async function ready(): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
	const response = (GET as unknown as () => Response)();
	expect(response.headers.get('cache-control')).toBe('no-store');
	const text = await response.text();
	return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, text };
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
		const [last] = t.app.database.sqlite
			.prepare('SELECT name FROM schema_migrations ORDER BY name DESC LIMIT 1')
			.pluck()
			.all() as string[];
		t.app.database.sqlite.prepare('DELETE FROM schema_migrations WHERE name = ?').run(last);
		const answer = await ready();
		expect(answer).toMatchObject({ status: 503, body: { reason: 'migrations-pending', migrations: [last] } });
		expectNoInternals(answer.text, t);
	});

	it('is 503 when the database was migrated by a newer version (a migration this node does not know)', async () => {
		t.app.database.sqlite
			.prepare('INSERT INTO schema_migrations (name, checksum, applied_at) VALUES (?, ?, ?)')
			.run('9999_from_the_future.sql', 'f'.repeat(64), '2026-12-05T00:00:00Z');
		expect(await ready()).toMatchObject({
			status: 503,
			body: { reason: 'migrations-unknown', migrations: ['9999_from_the_future.sql'] }
		});
	});

	it('is 503 when an applied migration differs from its shipped file (checksums as the migrator computes them)', async () => {
		const [first] = t.app.database.sqlite
			.prepare('SELECT name FROM schema_migrations ORDER BY name LIMIT 1')
			.pluck()
			.all() as string[];
		t.app.database.sqlite
			.prepare('UPDATE schema_migrations SET checksum = ? WHERE name = ?')
			.run('0'.repeat(64), first);
		expect(await ready()).toMatchObject({
			status: 503,
			body: { reason: 'migrations-changed', migrations: [first] }
		});
	});

	it('is 503 without internals when the database does not answer', async () => {
		t.app.database.sqlite.close();
		const answer = await ready();
		expect(answer).toMatchObject({
			status: 503,
			body: { status: 'unavailable', reason: 'database-unreachable' }
		});
		expect(Object.keys(answer.body).sort()).toEqual(['reason', 'status']);
		expectNoInternals(answer.text, t);
	});
});
