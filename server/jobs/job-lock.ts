// One node at a time per job (issue 18): on PostgreSQL a round first takes a session advisory lock
// named after its job on a connection held for the round; a node that does not get it skips the
// round (another node is running it). A node that dies mid-round loses its connection, and
// PostgreSQL frees the lock with it. SQLite has one server: its rounds just run.
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { engineOf } from '../db/engine';
import { log, maskEmails } from '../log';

/** The first key of every job lock: 'kita'. The migration lock's one-bigint key is another key
 * space in PostgreSQL (two int4 keys never meet one bigint key), so the two never collide. */
export const JOB_LOCK_SPACE = 0x6b697461;

/** The lock's second key: the job's label hashed (FNV-1a, 32 bits) as a signed int4, the same on
 * every node and every start. */
export function jobLockKey(label: string): number {
	let hash = 0x811c9dc5;
	for (const byte of Buffer.from(label, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193);
	return hash | 0;
}

export type LockedRound<T> = { ran: true; value: T } | { ran: false };

/** Runs `round` unless another node runs the job's round right now. */
export async function onOneNode<T>(db: Db, label: string, round: () => Promise<T>): Promise<LockedRound<T>> {
	if (engineOf(db) !== 'postgres') return { ran: true, value: await round() };
	const key = jobLockKey(label);
	// The lock belongs to the connection that took it: the same one must release it.
	return db.connection().execute(async (connection) => {
		const { rows } = await sql<{
			locked: boolean;
		}>`SELECT pg_try_advisory_lock(${JOB_LOCK_SPACE}::int, ${key}::int) AS locked`.execute(connection);
		if (!rows[0]?.locked) return { ran: false };
		try {
			return { ran: true, value: await round() };
		} finally {
			// Fails only when the connection ended during the round, and the lock went with it: the
			// round's own outcome stands.
			await sql`SELECT pg_advisory_unlock(${JOB_LOCK_SPACE}::int, ${key}::int)`
				.execute(connection)
				.catch((error: unknown) =>
					log.warn(
						{ job: label, err: maskEmails(error instanceof Error ? error.message : String(error)) },
						'job lock: its connection ended during the round'
					)
				);
		}
	});
}
