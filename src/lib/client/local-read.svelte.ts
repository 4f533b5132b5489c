// Whether a query of the local database failed on this page (schema error, storage evicted by the
// browser, quota): live() sets it, and the root layout then shows a notice (LocalReadNotice.svelte,
// loaded only then) instead of the page looking empty. Kept tiny: it is part of every first load.

class LocalRead {
	/** Live queries whose last run failed. */
	failures = $state(0);
}

export const localRead = new LocalRead();

let reported = false;

/** Reports the first failure of this page to the console; the ones after it add nothing. */
export function reportReadFailure(error: unknown): void {
	if (reported) return;
	reported = true;
	console.error('Local database query failed:', error);
}
