// Reactive reads from Dexie for components: re-runs when the key changes and when the tables change.
import { liveQuery } from 'dexie';

export function live<K, T>(
	key: () => K,
	query: (key: K) => Promise<T>,
	initial: T
): { readonly current: T; readonly loaded: boolean } {
	let current = $state(initial);
	let loaded = $state(false);
	$effect(() => {
		const k = key();
		const subscription = liveQuery(() => query(k)).subscribe({
			next: (value) => {
				current = value;
				loaded = true;
			},
			error: (error: unknown) => {
				console.error('Local database query failed:', error);
				loaded = true;
			}
		});
		return () => subscription.unsubscribe();
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
