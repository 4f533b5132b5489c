// The finder's filter, mirrored in the address so that a filtered list can be bookmarked and shared.
import { FEATURES, finderFilterSchema, type FinderFilter } from '$lib/domain/facility';

export function filterFromUrl(url: URL): FinderFilter {
	const p = url.searchParams;
	const raw = {
		q: p.get('q') ?? '',
		municipalityId: p.get('gemeinde') ?? '',
		birthDate: p.get('geburt') ?? '',
		startDate: p.get('beginn') ?? '',
		weeklyHours: p.get('stunden') ?? '',
		features: p.getAll('merkmal').filter((f) => (FEATURES as readonly string[]).includes(f)),
		providerType: p.get('traeger') ?? '',
		sort: p.get('sortierung') ?? 'name',
		postcode: p.get('plz') ?? ''
	};
	const parsed = finderFilterSchema.safeParse(raw);
	if (parsed.success) return parsed.data;
	// Keep what is valid; drop only the fields that failed.
	const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
	const cleaned = Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k)));
	return finderFilterSchema.parse(cleaned);
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
