// Long id lists split for `where … in (…)`: SQLite takes at most 32,766 bound values per statement,
// and PostgreSQL's planner slows on very long lists; 500 keeps each statement small on both.
const CHUNK = 500;

/** `list` in consecutive slices of at most 500 (none for an empty list). */
export function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
	return Array.from({ length: Math.ceil(list.length / size) }, (_, i) =>
		list.slice(i * size, i * size + size)
	);
}
