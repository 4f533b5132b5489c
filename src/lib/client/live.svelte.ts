// Reactive reads from the local database for components: re-runs when the key changes and when the
// tables change. The queries run once the data layer has loaded (after the first render). A query
// that fails is not shown as an empty result: `failed` is set and the layout shows a notice
// (local-read.svelte.ts).
import { loadDataLayer } from './data-layer';
import { localRead, reportReadFailure } from './local-read.svelte';

/**
 * Runs `query` now and whenever the tables it read change, once the data layer is there; returns
 * the unsubscribe (safe to call before the layer loaded).
 */
export function watchQuery<T>(
	query: () => Promise<T>,
	next: (value: T) => void,
	error: (error: unknown) => void
): () => void {
	let stopped = false;
	let unsubscribe: (() => void) | undefined;
	void loadDataLayer().then(({ liveQuery }) => {
		if (stopped) return;
		// A query that throws at once (a table the schema lacks) fails like one that rejects.
		const subscription = liveQuery(async () => query()).subscribe({ next, error });
		unsubscribe = () => subscription.unsubscribe();
	}, error);
	return () => {
		stopped = true;
		unsubscribe?.();
	};
}

/** What a page reads: the result, whether it arrived, whether the query failed. */
export interface LiveState<T> {
	current: T;
	loaded: boolean;
	failed: boolean;
}

/**
 * Follows `query` into `state`: a result sets `current` and `loaded`; a failure sets `failed`
 * (and counts in localRead) and leaves `loaded` false, so that no page shows "nothing there".
 */
export function follow<T>(state: LiveState<T>, query: () => Promise<T>): () => void {
	const setFailed = (failed: boolean) => {
		if (state.failed === failed) return;
		state.failed = failed;
		localRead.failures += failed ? 1 : -1;
	};
	const stop = watchQuery(
		query,
		(value) => {
			setFailed(false);
			state.current = value;
			state.loaded = true;
		},
		(error: unknown) => {
			reportReadFailure(error);
			setFailed(true);
		}
	);
	return () => {
		stop();
		setFailed(false);
	};
}

export function live<K, T>(
	key: () => K,
	query: (key: K) => Promise<T>,
	initial: T
): { readonly current: T; readonly loaded: boolean; readonly failed: boolean } {
	const state = $state<LiveState<T>>({ current: initial, loaded: false, failed: false });
	$effect(() => {
		const k = key();
		return follow(state, () => query(k));
	});
	return {
		get current() {
			return state.current;
		},
		get loaded() {
			return state.loaded;
		},
		get failed() {
			return state.failed;
		}
	};
}
