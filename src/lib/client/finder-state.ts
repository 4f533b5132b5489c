// The finder's filter, mirrored in the address so that a filtered list can be bookmarked and shared.
import { finderFilter, type FinderFilter } from '$lib/domain/facility';

export function filterFromUrl(url: URL): FinderFilter {
	const p = url.searchParams;
	const raw = {
		q: p.get('q') ?? '',
		municipalityId: p.get('gemeinde') ?? '',
		birthDate: p.get('geburt') ?? '',
		startDate: p.get('beginn') ?? '',
		weeklyHours: p.get('stunden') ?? '',
		features: p.getAll('merkmal'),
		providerType: p.get('traeger') ?? '',
		sort: p.get('sortierung') ?? 'name',
		postcode: p.get('plz') ?? ''
	};
	// Keeps what is valid; drops only the fields that are not.
	return finderFilter(raw);
}

export function filterToQuery(f: FinderFilter): string {
	const p = new URLSearchParams();
	if (f.q) p.set('q', f.q);
	if (f.municipalityId) p.set('gemeinde', f.municipalityId);
	if (f.birthDate) p.set('geburt', f.birthDate);
	if (f.startDate) p.set('beginn', f.startDate);
	if (f.weeklyHours) p.set('stunden', f.weeklyHours);
	for (const feature of f.features) p.append('merkmal', feature);
	if (f.providerType) p.set('traeger', f.providerType);
	if (f.sort !== 'name') p.set('sortierung', f.sort);
	if (f.postcode) p.set('plz', f.postcode);
	const query = p.toString();
	return query ? `?${query}` : '';
}

/**
 * How many of the filters behind the phone's "Filter" disclosure narrow or order the list: each
 * field set counts once, each ticked feature once, sorting by distance once (with its postcode).
 * The search text stays outside the disclosure and is not counted.
 */
export function activeFilterCount(f: FinderFilter): number {
	const set = [f.municipalityId, f.birthDate, f.startDate, f.weeklyHours, f.providerType].filter(Boolean);
	return set.length + f.features.length + (f.sort === 'name' ? 0 : 1);
}

/**
 * Remembers the finder's current query for this tab, for the Kita page's way back to the list
 * (finder-return.ts `finderHref` reads it, under the same key; none in private modes).
 */
export function rememberFinderQuery(query: string, storage: Pick<Storage, 'setItem'> = sessionStorage): void {
	try {
		storage.setItem('finder-query', query);
	} catch {
		// Storage refused (quota, privacy mode): the link back then opens the unfiltered finder.
	}
}
