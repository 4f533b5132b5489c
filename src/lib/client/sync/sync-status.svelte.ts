// What the sync indicator shows: connection, activity and the time of the last successful sync.
export type SyncPhase = 'idle' | 'syncing' | 'error' | 'updateRequired';

class SyncStatus {
	online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	phase = $state<SyncPhase>('idle');
	lastSyncAt = $state<Date | null>(null);
}

export const syncStatus = new SyncStatus();
