// The request's own bookkeeping, written by the commands that step or register a request: a line of
// its history, and a new seq on every request of a child so that each Kita resends its flags.
import type { RequestStatus } from '../../src/lib/domain/placement';
import type { Executor } from '../db/database';

/** One line of a request's history (request_events): who made which step, from and to which status. */
export async function insertEvent(
	db: Executor,
	e: {
		requestId: string;
		at: Date;
		actorId: string | null;
		actorRole: string;
		event: string;
		from: RequestStatus | null;
		to: RequestStatus;
		reason?: string | null;
		seq: number;
	}
): Promise<void> {
	await db
		.insertInto('request_events')
		.values({
			id: crypto.randomUUID(),
			request_id: e.requestId,
			at: e.at.toISOString(),
			actor_id: e.actorId,
			actor_role: e.actorRole,
			event: e.event,
			from_status: e.from,
			to_status: e.to,
			reason: e.reason ?? null,
			seq: e.seq
		})
		.execute();
}

/** Stamps every request of the child, so that each Kita's "contract elsewhere" flag is resent. */
export async function touchChildRequests(db: Executor, childId: string, seq: number): Promise<void> {
	await db.updateTable('requests').set({ seq }).where('child_id', '=', childId).execute();
}
