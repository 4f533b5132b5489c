// The client side of sync. Pull: on start, on a poke, on `online`, on focus and every minute while
// visible. Push: after each mutation, one tab at a time (Web Locks), in order, retrying with
// backoff on network and server errors, stopping on 401 (the outbox is kept for after login).
import { TRPCClientError } from '@trpc/client';
import { isUserChange } from '$lib/sync/read-records';
import { SCHEMA_VERSION } from '$lib/sync/version';
import { readLost } from '../device-record-store';
import { inBackground, localDb, ownerOf, type LocalDb } from '../local-db';
import { session } from '../session.svelte';
import { trpcClient as trpc } from '../trpc-client';
import { applyPage, applyPull, type ApplyResult, type Settlement } from './apply-patch';
import { afterPage, readProgress } from './first-sync';
import { loadedReplay, loadReplay, onMutation, type Replay } from './replay';
import { syncStatus } from './sync-status.svelte';

const PULL_INTERVAL_MS = 60_000;
const PUSH_BATCH = 100;
const MAX_BACKOFF_MS = 60_000;
/**
 * Without any answer the device is offline; it asks again at least this often, since browsers do
 * not always report the connection coming back (`online` event) and a failed request costs nothing.
 */
const MAX_OFFLINE_RETRY_MS = 10_000;
/**
 * A sync request without an answer by then is given up (and retried): a connection that died
 * without a reset (phones changing networks) would otherwise hold the sync lock for good.
 */
const REQUEST_TIMEOUT_MS = 30_000;

/** `unreachable`: no answer at all; `network`: the server answered that it cannot now. */
type Failure = 'unreachable' | 'network' | 'unauthorized' | 'fatal';

function classify(error: unknown): Failure {
	if (error instanceof TRPCClientError) {
		const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
		if (status === undefined) return 'unreachable';
		if (status === 401) return 'unauthorized';
		if (status >= 500 || status === 429) return 'network';
		return 'fatal';
	}
	return 'unreachable';
}

/** Runs fn with the sync lock of this database: one tab talks to the server at a time. */
async function withLock<T>(db: LocalDb, fn: () => Promise<T>): Promise<T> {
	if (typeof navigator !== 'undefined' && navigator.locks)
		return navigator.locks.request(`sync:${db.name}`, fn) as Promise<T>;
	return fn();
}

/** Shows the lost-changes notice (loaded only when there is something to show). */
function showLostChanges(): void {
	if (typeof document === 'undefined') return;
	// A template literal, as in local-db.ts: the notice's texts load with it, not with every page.
	void import(`../lost-changes-notice`).then((notice) => notice.showLostChangesNotice());
}

/**
 * Pulls until the device holds the whole scope: a first sync comes in pages, each applied (with its
 * continuation token) as it arrives, so a dropped connection or a reload goes on from the last one.
 */
async function pullOnce(db: LocalDb): Promise<void> {
	for (;;) {
		const [clientId, cookie, first] = await Promise.all([
			db.meta.get('clientId'),
			db.meta.get('cookie'),
			db.meta.get('firstSync')
		]);
		const progress = readProgress(first?.value);
		const result = await trpc.sync.pull.query(
			{
				clientId: clientId?.value ?? null,
				userId: ownerOf(db),
				schemaVersion: SCHEMA_VERSION,
				cookie: cookie?.value ?? null,
				page: progress?.token ?? null
			},
			{ signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }
		);
		if (result.kind === 'updateRequired') {
			syncStatus.phase = 'updateRequired';
			return;
		}
		if (result.kind === 'sessionEnded') {
			// This database's user is no longer the one logged in: keep every row and the outbox, and ask
			// them to log in again (the pull resumes from the same cookie afterwards).
			session.expired = true;
			return;
		}
		if (result.kind === 'page') {
			const next = afterPage(progress, result);
			await applyReplaying(db, (replay) => applyPage(db, result, next, replay));
			syncStatus.copy = 'incomplete';
			syncStatus.firstSync = next;
			showFirstSync();
			continue;
		}
		const at = new Date();
		const settled: Settlement = await applyReplaying(db, (replay) => applyPull(db, result, at, replay));
		syncStatus.copy = 'complete';
		syncStatus.firstSync = null;
		syncStatus.lastSyncAt = at;
		if (settled.lost.length) showLostChanges();
		// Stand-ins for lost mutation ids were queued: they go out with the next round.
		if (settled.filled) again = true;
		return;
	}
}

/** Applies a pull's answer with the pending mutations re-applied on top (their side loaded first). */
async function applyReplaying<T>(
	db: LocalDb,
	apply: (replay: Replay | undefined) => Promise<ApplyResult<T>>
): Promise<T> {
	let replay = loadedReplay();
	if (!replay && (await db.outbox.count()) > 0) replay = await loadReplay();
	const first = await apply(replay);
	if (first.kind === 'applied') return first.value;
	// Another tab queued a mutation meanwhile: nothing was applied; with the replay loaded it applies.
	const second = await apply(await loadReplay());
	if (second.kind === 'applied') return second.value;
	throw new Error('a pull answer was not applied with the replay loaded');
}

/** Pushes the whole outbox in batches; returns when it is empty or a push failed. */
async function pushAll(db: LocalDb): Promise<void> {
	const clientId = (await db.meta.get('clientId'))?.value;
	if (!clientId || !session.user || session.expired) return;
	for (;;) {
		const batch = await db.outbox.orderBy('id').limit(PUSH_BATCH).toArray();
		if (!batch.length) return;
		const result = await trpc.sync.push.mutate(
			{ clientId, userId: ownerOf(db), schemaVersion: SCHEMA_VERSION, mutations: batch },
			{ signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }
		);
		if (result.kind === 'updateRequired') {
			syncStatus.phase = 'updateRequired';
			return;
		}
		// The pull drops acknowledged entries and brings rejections; a gap is mended the same way.
		await pullOnce(db);
		if (result.kind === 'gap' || result.lastMutationId < (batch.at(-1)?.id ?? 0)) return;
	}
}

let running: Promise<void> | null = null;
let again = false;
let backoff = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

async function refreshPending(db: LocalDb): Promise<void> {
	syncStatus.pending = await db.outbox.filter(isUserChange).count();
}

/** Pushes pending mutations and pulls; concurrent calls coalesce into one more round. */
export function sync(): Promise<void> {
	if (running) {
		again = true;
		return running;
	}
	running = (async () => {
		do {
			again = false;
			const db = localDb();
			if (!navigator.onLine) {
				syncStatus.online = false;
				break;
			}
			syncStatus.phase = 'syncing';
			try {
				await withLock(db, async () => {
					await pushAll(db);
					await pullOnce(db);
				});
				backoff = 0;
				syncStatus.online = true;
				if (syncStatus.phase === 'syncing') syncStatus.phase = 'idle';
			} catch (error) {
				const failure = classify(error);
				if (failure === 'unauthorized') {
					// Keep everything local; ask the user to log in again.
					session.expired = true;
					syncStatus.phase = 'idle';
				} else {
					// No answer at all is being offline, whatever navigator.onLine claims (a network
					// without internet, a captive portal): the indicator says so.
					if (failure === 'unreachable') syncStatus.online = false;
					syncStatus.phase = failure === 'unreachable' ? 'idle' : 'error';
					backoff = Math.min(
						failure === 'unreachable' ? MAX_OFFLINE_RETRY_MS : MAX_BACKOFF_MS,
						backoff ? backoff * 2 : 1000
					);
					clearTimeout(retryTimer);
					retryTimer = setTimeout(() => void sync(), backoff * (0.75 + Math.random() / 2));
				}
				again = false;
			} finally {
				await refreshPending(db).catch(() => {});
			}
		} while (again);
	})().finally(() => {
		running = null;
	});
	return running;
}

/**
 * A logged-in user's device holds their changes until they are sent: the browser is asked not to
 * evict its storage under pressure (issue 14, point 3; the account page shows the answer). Here, after
 * the first render and at each login, rather than in the login page's own code (its first load).
 */
function askForPersistentStorage(): void {
	const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
	if (!session.user || !storage?.persist) return;
	void storage
		.persisted()
		.then((persisted) => (persisted ? true : storage.persist()))
		.catch(() => false);
}

/** Whether this database holds a whole copy (a cookie), or how far its first sync came. */
async function followFirstSync(db: LocalDb): Promise<void> {
	syncStatus.copy = 'unknown';
	const [cookie, first] = await Promise.all([db.meta.get('cookie'), db.meta.get('firstSync')]);
	syncStatus.copy = cookie ? 'complete' : 'incomplete';
	syncStatus.firstSync = cookie ? null : (readProgress(first?.value) ?? { received: {}, total: {} });
	showFirstSync();
}

/** While a first sync runs, its progress is shown (that module loads only then). */
function showFirstSync(): void {
	if (syncStatus.copy !== 'incomplete') return;
	// A template literal: the catalogue compiler would otherwise copy its texts into every page.
	void import(`../first-sync-notice.svelte`).then((notice) => notice.followFirstSync()).catch(() => {});
}

/** Starts the triggers; returns a function that stops them. */
export function startSync(): () => void {
	askForPersistentStorage();
	inBackground(
		localDb()
			.meta.get('lastSyncAt')
			.then((row) => {
				syncStatus.lastSyncAt = row ? new Date(row.value) : null;
			})
	);
	inBackground(followFirstSync(localDb()));
	inBackground(refreshPending(localDb()));
	// Changes named lost stay on screen until the user dismisses them, across reloads.
	if (readLost(ownerOf(localDb())).length) showLostChanges();
	onMutation(() => {
		inBackground(refreshPending(localDb()));
		void sync();
	});
	// sync-status.svelte.ts follows the connection; coming back online is a reason to sync.
	syncStatus.online = navigator.onLine;
	const onOnline = () => void sync();
	const onVisible = () => {
		if (document.visibilityState === 'visible') void sync();
	};
	window.addEventListener('online', onOnline);
	window.addEventListener('focus', onVisible);
	document.addEventListener('visibilitychange', onVisible);
	const timer = setInterval(() => {
		if (document.visibilityState === 'visible') void sync();
	}, PULL_INTERVAL_MS);
	const poke = trpc.sync.poke.subscribe(undefined, {
		onData: () => void sync(),
		onError: () => {}
	});
	void sync();
	return () => {
		window.removeEventListener('online', onOnline);
		window.removeEventListener('focus', onVisible);
		document.removeEventListener('visibilitychange', onVisible);
		clearInterval(timer);
		clearTimeout(retryTimer);
		poke.unsubscribe();
	};
}
