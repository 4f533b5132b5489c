// Group commit for SQLite: the writes of the requests read in one turn of the event loop run
// together in one transaction, each inside its own savepoint. A push's answer goes out only after the
// commit that holds its write, as before; what changes is that one transaction (BEGIN, COMMIT and
// the WAL frames of its pages) serves several pushes in a rush (measured: 1,300 → 1,900 pushes/s at
// 100 connections, docs/perf/i16-profile.md).
//
// Each write keeps its own fate: one that throws is rolled back to its savepoint and its caller gets
// the error, while the others of its group commit. An error that leaves the transaction unusable
// fails only the write that met it; the others run again in a new group. Only a failed COMMIT fails
// the whole group, and then every caller gets that error (nothing of the group was written).
//
// PostgreSQL commits concurrent transactions in groups itself, and there each write holds the change
// counter's row until it commits (seq.ts): one transaction per write there.
import type Database from 'better-sqlite3';
import { sql } from 'kysely';
// Node's own, not the global one: a test's fake timers (which replace the global) must not hold writes.
import { setImmediate as nextTurn } from 'node:timers';
import type { Db, Tx } from './database';
import { engineOf } from './engine';

/**
 * At most this many writes share a commit: with the synchronous driver a group runs without a break,
 * and the requests that arrive meanwhile (a pull on the fast lane) should wait a few milliseconds for
 * it, not tens.
 */
export const MAX_GROUP = 64;

interface Job {
	work: (tx: Tx) => Promise<unknown>;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
}

/** A write's fate in its group; `again`: rolled back with a group it did nothing wrong in, to run anew. */
type Settled = { ok: true; value: unknown } | { ok: false; error: unknown } | { again: true };

interface Group {
	queue: Job[];
	running: boolean;
}

const groups = new WeakMap<Db, Group>();

/** The database the writes go to: Kysely, and better-sqlite3's handle for the savepoints. */
export interface GroupTarget {
	db: Db;
	sqlite: Database.Database | null;
}

/**
 * Whether a write's error left the group's transaction unusable: SQLite ends the whole transaction on
 * some errors (a full disk, an I/O error), and after another process committed between the group's
 * first read and a write (`npm run retention`, `admin:create`) every later write would fail with
 * SQLITE_BUSY_SNAPSHOT. The writes that did nothing wrong then run again in a new transaction.
 */
function endsTheGroup(sqlite: Database.Database | null, error: unknown): boolean {
	if (!sqlite) return false;
	return !sqlite.inTransaction || (error as { code?: unknown } | null)?.code === 'SQLITE_BUSY_SNAPSHOT';
}

/** Runs the writes of one group in one transaction, each in a savepoint of its own. */
async function runGroup({ db, sqlite }: GroupTarget, jobs: Job[]): Promise<Settled[]> {
	if (jobs.length === 1) {
		// Alone, the transaction is its savepoint: no extra statements on a quiet server.
		const [job] = jobs as [Job];
		try {
			return [{ ok: true, value: await db.transaction().execute(job.work) }];
		} catch (error) {
			return [{ ok: false, error }];
		}
	}
	const settled: Settled[] = [];
	/** The write whose error ended the group (see endsTheGroup). */
	let ended: { index: number; error: unknown } | null = null;
	let failed = false;
	let failure: unknown;
	try {
		await db.transaction().execute(async (tx) => {
			// On the transaction's own connection, straight through the driver (it is synchronous, and
			// nothing else runs on the connection in between): a quarter of the savepoints' cost.
			const run = async (statement: string) => {
				if (sqlite) sqlite.exec(statement);
				else await sql.raw(statement).execute(tx);
			};
			for (const [index, job] of jobs.entries()) {
				await run('SAVEPOINT group_write');
				try {
					const value = await job.work(tx);
					await run('RELEASE group_write');
					settled.push({ ok: true, value });
				} catch (error) {
					if (endsTheGroup(sqlite, error)) {
						ended = { index, error };
						throw error;
					}
					await run('ROLLBACK TO group_write');
					await run('RELEASE group_write');
					settled.push({ ok: false, error });
				}
			}
		});
	} catch (error) {
		failed = true;
		failure = error;
	}
	if (ended !== null) {
		// Its own error for the write that ended it (its caller retries, as after any failed
		// transaction); the others, rolled back through no fault of theirs, run again.
		const { index, error } = ended;
		return jobs.map((_, i): Settled => (i === index ? { ok: false, error } : { again: true }));
	}
	// The commit (or a savepoint statement) failed: nothing of the group is in the database.
	if (failed) return jobs.map(() => ({ ok: false, error: failure }));
	return settled;
}

const nextTurnDone = () => new Promise<void>((resolve) => nextTurn(resolve));

async function drain(target: GroupTarget, group: Group): Promise<void> {
	group.running = true;
	try {
		while (group.queue.length) {
			const jobs = group.queue.splice(0, MAX_GROUP);
			const settled = await runGroup(target, jobs);
			const again: Job[] = [];
			jobs.forEach((job, i) => {
				const outcome = settled[i];
				if (!outcome) job.reject(new Error('group commit lost a write'));
				else if ('again' in outcome) again.push(job);
				else if (outcome.ok) job.resolve(outcome.value);
				else job.reject(outcome.error);
			});
			group.queue.unshift(...again);
			// The driver answers within one turn: without a turn between groups, the requests waiting
			// meanwhile (a pull on the fast lane) would wait for the whole queue, not one group.
			if (group.queue.length) await nextTurnDone();
		}
	} finally {
		group.running = false;
	}
}

/**
 * Runs `work` in a transaction, on SQLite together with the writes that queued meanwhile (see above).
 * `work` must use only `tx` (as every command does): the group holds the connection until it commits.
 */
export function inGroupCommit<T>(target: GroupTarget, work: (tx: Tx) => Promise<T>): Promise<T> {
	const { db } = target;
	if (engineOf(db) === 'postgres') return db.transaction().execute(work);
	let group = groups.get(db);
	if (!group) {
		group = { queue: [], running: false };
		groups.set(db, group);
	}
	const promise = new Promise<T>((resolve, reject) => {
		group.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
	});
	if (!group.running) {
		group.running = true;
		// Not at once: the better-sqlite3 driver answers within the same turn of the event loop, so a
		// transaction started now would end before any other request is read, and no group would ever
		// form. The writes of the requests read in this turn go together.
		nextTurn(() => void drain(target, group));
	}
	return promise;
}
