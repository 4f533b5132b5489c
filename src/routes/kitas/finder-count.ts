// How many of the finder's hits show: a page of them at first and one more with each "show more".
// All 66 demo cards (a district has up to 200 Kitas) were the longest part of a phone's first layout
// and hydration of the finder (issue 16). The count lives in the address (`anzahl`), so that a
// page without JavaScript shows more by a plain link, and the way back from a Kita shows as many as
// were shown when it was opened.
export const FINDER_PAGE = 20;
const COUNT = 'anzahl';
/** More than any district has: an address asking for more shows them all anyway. */
const MOST = 10_000;

/** The count an address asks for: at least a page, in whole pages (a typed-in 33 shows 40). */
export function shownFromAddress(search: URLSearchParams): number {
	const asked = Number(search.get(COUNT));
	if (!Number.isFinite(asked) || asked <= FINDER_PAGE) return FINDER_PAGE;
	return Math.ceil(Math.min(asked, MOST) / FINDER_PAGE) * FINDER_PAGE;
}

/** The finder's query (`?…` or empty, as finder-state.ts writes it) with a count beyond the first page. */
export function queryWithCount(query: string, shown: number): string {
	if (shown <= FINDER_PAGE) return query;
	return `${query}${query ? '&' : '?'}${COUNT}=${shown}`;
}
