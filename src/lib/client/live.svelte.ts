// Reactive reads from the local database for components: re-runs when the key changes and when the
// tables change. The queries run once the data layer has loaded (after the first render).
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
	void loadDataLayer().then(({ liveQuery }) => {
		if (stopped) return;
		const subscription = liveQuery(query).subscribe({ next, error });
		unsubscribe = () => subscription.unsubscribe();
	}, error);
	return () => {
		stopped = true;
		unsubscribe?.();
	};
}

export function live<K, T>(
	key: () => K,
	query: (key: K) => Promise<T>,
	initial: T
): { readonly current: T; readonly loaded: boolean } {
	let current = $state(initial);
	let loaded = $state(false);
	$effect(() => {
		const k = key();
		return watchQuery(
			() => query(k),
			(value) => {
				current = value;
				loaded = true;
			},
			(error: unknown) => {
				console.error('Local database query failed:', error);
				loaded = true;
			}
		);
	});
	return {
		get current() {
			return current;
		},
		get loaded() {
			return loaded;
		}
	};
}
