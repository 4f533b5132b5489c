// In-process news that sessions of a user ended (logout, password change or reset, deactivation,
// account deletion). Whoever holds something open for a session — the live-update stream — checks
// its session again when it hears this. One server owns the database, so an EventEmitter suffices.
import { EventEmitter } from 'node:events';

const ended = new EventEmitter();
ended.setMaxListeners(0);

/**
 * Sessions of the user ended or may have. Safe to call inside a transaction that deletes them: the
 * listeners' checks read the database after it (one connection), and a rolled-back deletion leaves
 * the session valid, which the check then finds.
 */
export function sessionsEnded(userId: string): void {
	ended.emit(userId);
}

/** Calls `listener` whenever sessions of the user end; returns the unsubscribe. */
export function onSessionsEnded(userId: string, listener: () => void): () => void {
	ended.on(userId, listener);
	return () => void ended.off(userId, listener);
}
