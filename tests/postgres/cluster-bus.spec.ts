// Issue 18: two app nodes on one PostgreSQL database. Each "node" here is its own pool, its own
// NodeEvents and its own cluster bus, in one process: what node B's streams hear came through the
// database, since nothing else connects the two.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app';
import { openPostgres, type PostgresDatabase } from '../../server/db/postgres';
import { APPLICATION_NAME, startClusterBus, type ClusterBus } from '../../server/events/cluster-bus';
import { NodeEvents } from '../../server/events/node-events';
import { testClock, testConfig } from '../integration/harness';
import { startCluster, type Cluster } from './cluster';

interface Node {
	database: PostgresDatabase;
	events: NodeEvents;
	bus: ClusterBus;
}

/** Every poke a subscriber of `events` hears, until `stop`. */
function subscribe(events: NodeEvents, userId: string | null) {
	const abort = new AbortController();
	const heard: number[] = [];
	void (async () => {
		for await (const at of events.pokesFor(userId, abort.signal)) heard.push(at);
	})();
	return { heard, stop: () => abort.abort() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The backend pids of the buses' listening connections. */
async function listenerPids(pool: pg.Pool): Promise<number[]> {
	const { rows } = await pool.query<{ pid: number }>(
		'SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
		[APPLICATION_NAME]
	);
	return rows.map((r) => r.pid);
}

describe('cluster bus on PostgreSQL', () => {
	let cluster: Cluster;
	let url: string;
	const nodes: Node[] = [];
	const subscriptions: (() => void)[] = [];
	const relistened: (() => void)[] = [];

	async function startNode(): Promise<Node> {
		const database = openPostgres(url, { max: 3 });
		const events = new NodeEvents();
		const bus = await startClusterBus({
			url,
			db: database.db,
			events,
			retryMs: { first: 50, max: 400 },
			heartbeatMs: 200,
			onRelisten: () => relistened.shift()?.()
		});
		const node = { database, events, bus };
		nodes.push(node);
		return node;
	}

	const listen = (events: NodeEvents, userId: string | null) => {
		const subscription = subscribe(events, userId);
		subscriptions.push(subscription.stop);
		return subscription.heard;
	};

	beforeAll(() => {
		cluster = startCluster();
		url = cluster.createDatabase();
	});
	afterEach(async () => {
		for (const stop of subscriptions.splice(0)) stop();
		for (const node of nodes.splice(0)) {
			await node.bus.stop();
			await node.database.close();
		}
	});
	afterAll(() => cluster?.stop());

	it('brings a poke made on node A to node B within a second, and to A’s own streams once', async () => {
		const a = await startNode();
		const b = await startNode();
		const onA = listen(a.events, 'u1');
		const onB = listen(b.events, 'u1');
		const otherOnB = listen(b.events, 'u2');
		const started = performance.now();
		a.events.poke(['u1']);
		await vi.waitFor(() => expect(onB).toHaveLength(1), { timeout: 1000, interval: 10 });
		expect(performance.now() - started).toBeLessThan(1000);
		// Time for an echo of A's own message to arrive, if it were not ignored.
		await sleep(300);
		expect(onA).toHaveLength(1);
		expect(onB).toHaveLength(1);
		expect(otherOnB).toHaveLength(0);
	});

	it('brings a public poke (everyone) and a long list of users (several messages) across', async () => {
		const a = await startNode();
		const b = await startNode();
		const users = Array.from({ length: 400 }, () => crypto.randomUUID());
		const first = listen(b.events, users[0] ?? '');
		const last = listen(b.events, users.at(-1) ?? '');
		const anonymous = listen(b.events, null);
		a.events.poke(users);
		await vi.waitFor(() => expect([first.length, last.length]).toEqual([1, 1]), { timeout: 1000 });
		expect(anonymous).toHaveLength(0);
		a.events.poke(['*']);
		await vi.waitFor(() => expect(anonymous).toHaveLength(1), { timeout: 1000 });
		expect(first).toHaveLength(2);
	});

	it('tells node B of ended sessions only when the deleting transaction commits, never on rollback', async () => {
		const a = await startNode();
		const b = await startNode();
		let checksOnA = 0;
		let checksOnB = 0;
		a.events.onSessionsEnded('u1', () => checksOnA++);
		b.events.onSessionsEnded('u1', () => checksOnB++);

		let commit = () => {};
		const committed = new Promise<void>((resolve) => (commit = resolve));
		const done = a.database.db.transaction().execute(async (tx) => {
			await a.events.sessionsEnded(tx, 'u1');
			await committed;
		});
		await sleep(400);
		// A checks at once (on SQLite that already reads the deletion); B has heard nothing yet.
		expect(checksOnA).toBe(1);
		expect(checksOnB).toBe(0);
		commit();
		await done;
		await vi.waitFor(() => expect(checksOnB).toBe(1), { timeout: 1000 });
		// A checks again after the commit, through its own announcement.
		await vi.waitFor(() => expect(checksOnA).toBe(2), { timeout: 1000 });

		await expect(
			a.database.db.transaction().execute(async (tx) => {
				await a.events.sessionsEnded(tx, 'u1');
				throw new Error('rolled back');
			})
		).rejects.toThrow('rolled back');
		await sleep(400);
		expect(checksOnB).toBe(1);
		expect(checksOnA).toBe(3);
	});

	it('reconnects a node whose listening connection was terminated, pokes everyone there, and delivers again', async () => {
		const a = await startNode();
		const [pidOfA] = await listenerPids(a.database.pool);
		const b = await startNode();
		const [pidOfB] = (await listenerPids(b.database.pool)).filter((pid) => pid !== pidOfA);
		expect(pidOfB).toBeTypeOf('number');
		const onB = listen(b.events, 'u1');
		const anonymousOnB = listen(b.events, null);
		let sessionChecksOnB = 0;
		b.events.onSessionsEnded('u1', () => sessionChecksOnB++);
		const relisten = new Promise<void>((resolve) => relistened.push(resolve));

		await a.database.pool.query('SELECT pg_terminate_backend($1)', [pidOfB]);
		await relisten;
		// Deaf for a while: every stream pulls, every session is checked.
		expect(sessionChecksOnB).toBe(1);
		await vi.waitFor(() => expect([anonymousOnB.length, onB.length]).toEqual([1, 1]), { timeout: 1000 });
		expect(await listenerPids(a.database.pool)).toHaveLength(2);

		a.events.poke(['u1']);
		await vi.waitFor(() => expect(onB).toHaveLength(2), { timeout: 1000 });
		expect(anonymousOnB).toHaveLength(1);
	});

	// Review: a listening connection that goes silent (a proxy or firewall drops it, the backend
	// hangs) reports no error; the node stayed deaf to every other node for good. A stopped backend
	// process stands in for it: the socket stays open and nothing answers.
	it('notices a listening connection that went silent and listens again', async () => {
		const a = await startNode();
		const [pidOfA] = await listenerPids(a.database.pool);
		const b = await startNode();
		const [pidOfB] = (await listenerPids(b.database.pool)).filter((pid) => pid !== pidOfA);
		expect(pidOfB).toBeTypeOf('number');
		const onB = listen(b.events, 'u1');
		const relisten = new Promise<void>((resolve) => relistened.push(resolve));
		process.kill(pidOfB as number, 'SIGSTOP');
		try {
			await relisten;
			// Deaf for a while: every stream pulls.
			await vi.waitFor(() => expect(onB).toHaveLength(1), { timeout: 1000 });
			a.events.poke(['u1']);
			await vi.waitFor(() => expect(onB).toHaveLength(2), { timeout: 1000 });
		} finally {
			process.kill(pidOfB as number, 'SIGCONT');
		}
	}, 10_000);

	it('is started by the app on PostgreSQL and closed with its database', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'kita-bus-'));
		const app = await createApp(testConfig(dir, cluster.createDatabase(), false), testClock().now);
		const probe = new pg.Pool({ connectionString: app.config.databaseUrl ?? '' });
		try {
			expect(app.bus).not.toBeNull();
			expect(await listenerPids(probe)).toHaveLength(1);
			app.stopJobs();
			await app.database.close();
			await vi.waitFor(async () => expect(await listenerPids(probe)).toHaveLength(0), { timeout: 2000 });
		} finally {
			await probe.end();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
