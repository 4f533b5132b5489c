// Issue 18: a background job runs on one node at a time. Two "nodes" are two pools on one database,
// each with its own timer for the same job (server/jobs/interval.ts, server/jobs/job-lock.ts).
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type PostgresDatabase } from '../../server/db/postgres';
import { everyInterval, type IntervalJob } from '../../server/jobs/interval';
import { JOB_LOCK_SPACE, jobLockKey } from '../../server/jobs/job-lock';
import { jobRuns } from '../../server/metrics';
import { startCluster, type Cluster } from './cluster';

const LABEL = 'Test round';
const SKIPPED = -1;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runsOf(outcome: string): Promise<number> {
	const { values } = await jobRuns.get();
	return values.find((v) => v.labels.job === LABEL && v.labels.outcome === outcome)?.value ?? 0;
}

describe('job rounds on two nodes of one PostgreSQL database', () => {
	let cluster: Cluster;
	let url: string;
	let nodeA: PostgresDatabase;
	let nodeB: PostgresDatabase;
	const jobs: IntervalJob<number>[] = [];
	/** Executions of the round, on any node. */
	let executions = 0;
	const round = async () => {
		executions++;
		await sleep(200);
		return executions;
	};
	const job = (node: PostgresDatabase, work = round) => {
		const started = everyInterval(LABEL, work, SKIPPED, 3600_000, { db: node.db });
		jobs.push(started);
		return started;
	};

	beforeAll(() => {
		cluster = startCluster();
		url = cluster.createDatabase();
		nodeA = openPostgres(url, { max: 3 });
		nodeB = openPostgres(url, { max: 3 });
	});
	afterEach(() => {
		for (const started of jobs.splice(0)) started.stop();
		executions = 0;
	});
	afterAll(async () => {
		await nodeA?.close();
		await nodeB?.close();
		cluster?.stop();
	});

	it('runs a round started on both nodes at the same moment once, and again once the lock is free', async () => {
		const onA = job(nodeA);
		const onB = job(nodeB);
		const skippedBefore = await runsOf('skipped');
		const answers = await Promise.all([onA.runOnce(), onB.runOnce()]);
		expect(executions).toBe(1);
		expect(answers.sort()).toEqual([SKIPPED, 1]);
		expect((await runsOf('skipped')) - skippedBefore).toBe(1);
		// The lock went with the round: either node runs the next one.
		expect(await onB.runOnce()).toBe(2);
		expect(await onA.runOnce()).toBe(3);
	});

	it('frees the lock after a failed round', async () => {
		const failing = job(nodeA, () => Promise.reject(new Error('disk full')));
		expect(await failing.runOnce()).toBe(SKIPPED);
		expect(await job(nodeB).runOnce()).toBe(1);
	});

	it('skips while another node holds the lock, and runs once that node’s connection died', async () => {
		const other = new pg.Client({ connectionString: url });
		await other.connect();
		other.on('error', () => undefined);
		const { rows } = await other.query<{ locked: boolean; pid: number }>(
			'SELECT pg_try_advisory_lock($1, $2) AS locked, pg_backend_pid() AS pid',
			[JOB_LOCK_SPACE, jobLockKey(LABEL)]
		);
		expect(rows[0]?.locked).toBe(true);
		const onA = job(nodeA);
		expect(await onA.runOnce()).toBe(SKIPPED);
		expect(executions).toBe(0);
		// The other node is killed: PostgreSQL ends its session and with it the lock.
		await nodeA.pool.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
		await other.end().catch(() => undefined);
		expect(await onA.runOnce()).toBe(1);
	});

	// Review: the lock's connection sits idle, checked out of the pool, for the whole round. When
	// PostgreSQL ends it then (a restart, a failover, pg_terminate_backend, idle_session_timeout),
	// node-postgres emits 'error' on a client that the pool no longer listens to: the process died.
	it('survives the lock’s connection ending during the round, and the next round runs', async () => {
		let finish = () => undefined as void;
		let started = () => undefined as void;
		const running = new Promise<void>((resolve) => (started = resolve));
		const ended = new Promise<void>((resolve) => (finish = resolve));
		const onA = job(nodeA, async () => {
			started();
			await ended;
			return ++executions;
		});
		const answer = onA.runOnce();
		await running;
		const { rows } = await nodeB.pool.query<{ pid: number }>(
			"SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND granted",
			[JOB_LOCK_SPACE]
		);
		expect(rows).toHaveLength(1);
		await nodeB.pool.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
		await sleep(200);
		finish();
		// The round did its work; only the unlock had no connection left (the lock went with it).
		expect(await answer).toBe(1);
		expect(await job(nodeB).runOnce()).toBe(2);
		expect(await onA.runOnce()).toBe(3);
	});
});
