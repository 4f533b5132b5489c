// News that sessions of a user ended (logout, password change or reset, deactivation, account
// deletion). Whoever holds something open for a session — the live-update stream — checks its
// session again when it hears this, on this node at once and on the others through the cluster bus.
import type { Executor } from '../db/database';
import { nodeEvents } from '../events/node-events';

/**
 * Sessions of the user ended or may have; `db` is the executor that deleted them. Safe to call
 * inside that transaction: on SQLite the listeners' checks read the database after it (one
 * connection); on PostgreSQL the announcement goes out with the commit (NOTIFY) and every node, this
 * one too, checks again then. A rolled-back deletion leaves the session valid, which a check finds.
 */
export function sessionsEnded(db: Executor, userId: string): Promise<void> {
	return nodeEvents.sessionsEnded(db, userId);
}

/** Calls `listener` whenever sessions of the user end; returns the unsubscribe. */
export function onSessionsEnded(userId: string, listener: () => void): () => void {
	return nodeEvents.onSessionsEnded(userId, listener);
}
