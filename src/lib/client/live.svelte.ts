// Reactive reads from the local database for components: re-runs when the key changes and when the
// tables change. The queries run once the data layer has loaded (after the first render). A query
// that fails is not shown as an empty result: `failed` is set, `loaded` stays false, and the data
// layer reports it once and shows a notice (local-db.ts `readFailed`).
import { loadDataLayer } from './data-layer';

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
	void loadDataLayer().then(({ liveQuery, readFailed }) => {
		if (stopped) return;
		// A query that throws at once (a table the schema lacks) fails like one that rejects.
		const subscription = liveQuery(async () => query()).subscribe({
			next,
			error: (e: unknown) => {
				readFailed(e);
				error(e);
			}
		});
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

/** Follows `query` into `state` (live()'s reactive state; a plain object in tests). */
export function follow<T>(state: LiveState<T>, query: () => Promise<T>): () => void {
	return watchQuery(
		query,
		(value) => {
			state.current = value;
			state.loaded = true;
			state.failed = false;
		},
		() => (state.failed = true)
	);
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
	return state;
}
