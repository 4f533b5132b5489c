// What the sync indicator shows: connection, activity, pending changes and the last successful sync.
export type SyncPhase = 'idle' | 'syncing' | 'error' | 'updateRequired';

class SyncStatus {
	online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	phase = $state<SyncPhase>('idle');
	lastSyncAt = $state<Date | null>(null);
	/** Mutations in the outbox not yet acknowledged by the server. */
	pending = $state(0);
}

export const syncStatus = new SyncStatus();

// The connection is followed from the first render on, not from when the sync engine has loaded
// (after it): a browser reports going offline once, and the engine may not be there yet.
if (typeof window !== 'undefined') {
	window.addEventListener('online', () => (syncStatus.online = true));
	window.addEventListener('offline', () => (syncStatus.online = false));
}
