// The way back from a Kita's page to the finder: the list's query and scroll position, remembered
// for this tab (session storage). No imports: the Kita page loads this on its first render.
// The finder writes the query (finder-state.ts `rememberFinderQuery`, under the same key: the
// finder's first load then needs no module of its own for it; finder-return.spec.ts reads it back).
const STORAGE = 'finder-query';

/**
 * The finder's address with the filters last used in this tab. Only a query is appended, so the link
 * stays on /kitas whatever the storage holds; the finder reads it as it reads any address.
 */
export function finderHref(storage: Pick<Storage, 'getItem'> = sessionStorage): string {
	let query = '';
	let back: unknown;
	try {
		query = storage.getItem(STORAGE) ?? '';
		// Left with more hits shown than a page: the same query with their count (see below).
		const saved = JSON.parse(storage.getItem(SCROLL) ?? 'null') as { query?: unknown; back?: unknown } | null;
		if (saved?.query === query) back = saved.back;
	} catch {
		// As above.
	}
	if (typeof back === 'string' && back.startsWith('?')) return `/kitas${back}`;
	return query.startsWith('?') ? `/kitas${query}` : '/kitas';
}

const SCROLL = 'finder-scroll';

/**
 * Where the list was scrolled to when the user left it, for the way back to the same list; `back`:
 * the query with the count of hits shown (routes/kitas/finder-count.ts), which the way back opens so
 * that the position is in the list again.
 */
export function rememberFinderScroll(
	query: string,
	y: number,
	back: string = query,
	storage: Pick<Storage, 'setItem'> = sessionStorage
): void {
	try {
		storage.setItem(SCROLL, JSON.stringify({ query, y: Math.round(y), back }));
	} catch {
		// As above: without storage the list opens at its top.
	}
}

/** The remembered scroll position, if the list left then had these filters. */
export function finderScrollFor(
	query: string,
	storage: Pick<Storage, 'getItem'> = sessionStorage
): number | null {
	try {
		const saved = JSON.parse(storage.getItem(SCROLL) ?? 'null') as { query?: unknown; y?: unknown } | null;
		return saved?.query === query && typeof saved.y === 'number' && saved.y > 0 ? saved.y : null;
	} catch {
		return null;
	}
}
