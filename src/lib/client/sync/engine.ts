// The client side of sync: pulls on start, on `online`, on focus and every minute while visible.
import { SCHEMA_VERSION } from '$lib/sync/protocol';
import { localDb, type LocalDb } from '../local-db';
import { trpc } from '../trpc';
import { applyPull } from './apply-patch';
import { syncStatus } from './sync-status.svelte';

const PULL_INTERVAL_MS = 60_000;

let running: Promise<void> | null = null;

async function pullOnce(db: LocalDb): Promise<void> {
	const [clientId, cookie] = await Promise.all([db.meta.get('clientId'), db.meta.get('cookie')]);
	const result = await trpc.sync.pull.query({
		clientId: clientId?.value ?? null,
		schemaVersion: SCHEMA_VERSION,
		cookie: cookie?.value ?? null
	});
	if (result.kind === 'updateRequired') {
		syncStatus.phase = 'updateRequired';
		return;
	}
	const at = new Date();
	await applyPull(db, result, at);
	syncStatus.lastSyncAt = at;
	syncStatus.phase = 'idle';
}

/** Pulls now; concurrent calls share one request. */
export function sync(): Promise<void> {
	running ??= (async () => {
		if (!navigator.onLine) {
			syncStatus.online = false;
			return;
		}
		syncStatus.phase = 'syncing';
		try {
			await pullOnce(localDb());
		} catch {
			syncStatus.phase = 'error';
		} finally {
			running = null;
		}
	})();
	return running;
}

/** Starts the triggers; returns a function that stops them. */
export function startSync(): () => void {
	const db = localDb();
	void db.meta.get('lastSyncAt').then((row) => {
		if (row) syncStatus.lastSyncAt = new Date(row.value);
	});
	const onOnline = () => {
		syncStatus.online = true;
		void sync();
	};
	const onOffline = () => {
		syncStatus.online = false;
	};
	const onVisible = () => {
		if (document.visibilityState === 'visible') void sync();
	};
	window.addEventListener('online', onOnline);
	window.addEventListener('offline', onOffline);
	window.addEventListener('focus', onVisible);
	document.addEventListener('visibilitychange', onVisible);
	const timer = setInterval(() => {
		if (document.visibilityState === 'visible') void sync();
	}, PULL_INTERVAL_MS);
	void sync();
	return () => {
		window.removeEventListener('online', onOnline);
		window.removeEventListener('offline', onOffline);
		window.removeEventListener('focus', onVisible);
		document.removeEventListener('visibilitychange', onVisible);
		clearInterval(timer);
	};
}
