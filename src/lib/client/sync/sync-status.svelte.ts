// What the sync indicator shows: connection, activity, pending changes and the last successful sync.
import type { EntityCounts } from '$lib/sync/protocol';

export type SyncPhase = 'idle' | 'syncing' | 'error' | 'updateRequired';

/** A first sync under way: rows received so far and what the server counted, by entity. */
export interface FirstSyncProgress {
	received: EntityCounts;
	/** Empty until the first page arrived. */
	total: EntityCounts;
}

class SyncStatus {
	online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	phase = $state<SyncPhase>('idle');
	lastSyncAt = $state<Date | null>(null);
	/** Mutations in the outbox not yet acknowledged by the server. */
	pending = $state(0);
	/**
	 * Whether the local database holds the user's whole data: `incomplete` until a first sync ended
	 * (pages show what they have as unfinished, never as the whole list); `unknown` until the engine
	 * has looked.
	 */
	copy = $state<'unknown' | 'incomplete' | 'complete'>('unknown');
	/** The first sync's progress while `copy` is incomplete. */
	firstSync = $state.raw<FirstSyncProgress | null>(null);
}

export const syncStatus = new SyncStatus();

// The connection is followed from the first render on, not from when the sync engine has loaded
// (after it): a browser reports going offline once, and the engine may not be there yet.
if (typeof window !== 'undefined') {
	window.addEventListener('online', () => (syncStatus.online = true));
	window.addEventListener('offline', () => (syncStatus.online = false));
}
