// The Kita finder's rules: which facilities match a filter, in which order.
import type { Day } from './calendar-day';
import type { Facility, FinderFilter, Municipality } from './facility';
import { distanceKm, type Point } from './geo';
import { ageInMonths } from './kita-year';
import { compareNames, withoutAccents } from './name-order';

// What the finder reads of a Kita (FinderFacility) is declared with the catalogue's copy of it.
import type { FinderFacility } from './finder-catalogue';
export type { FinderFacility } from './finder-catalogue';

export interface FinderHit<F extends FinderFacility = FinderFacility> {
	facility: F;
	/** km from the postcode's centre when sorting by distance, else null. */
	distanceKm: number | null;
}

/** The centre of a postcode of the district, or null when the district has no such postcode. */
export function postcodeCentre(postcode: string, municipalities: readonly Municipality[]): Point | null {
	for (const m of municipalities) {
		const hit = m.postcodes.find((p) => p.postcode === postcode);
		if (hit) return { lat: hit.lat, lon: hit.lon };
	}
	return null;
}

/**
 * The child's age in months when the place starts (today without a start date). `today` is asked
 * only then: on a phone, the first date formatter costs ICU's start-up while the finder hydrates.
 */
export function ageAtStart(
	filter: Pick<FinderFilter, 'birthDate' | 'startDate'>,
	today: () => Day
): number | null {
	if (!filter.birthDate) return null;
	const at = filter.startDate || today();
	if (at < filter.birthDate) return null;
	return ageInMonths(filter.birthDate, at);
}

export function matchesFilter(f: FinderFacility, filter: FinderFilter, age: number | null): boolean {
	if (filter.municipalityId && f.municipalityId !== filter.municipalityId) return false;
	if (filter.providerType && f.providerType !== filter.providerType) return false;
	if (
		filter.weeklyHours &&
		!f.weeklyHours.includes(Number(filter.weeklyHours) as Facility['weeklyHours'][number])
	)
		return false;
	if (filter.features.some((feature) => !f.features.includes(feature))) return false;
	if (age !== null && (age < f.minAgeMonths || age > f.maxAgeMonths)) return false;
	if (filter.q.trim()) {
		const haystack = withoutAccents([f.name, f.provider, f.street, f.town, f.postcode].join(' '));
		if (
			!withoutAccents(filter.q)
				.split(/\s+/)
				.filter(Boolean)
				.every((word) => haystack.includes(word))
		)
			return false;
	}
	return true;
}

export function findFacilities<F extends FinderFacility>(
	facilities: readonly F[],
	filter: FinderFilter,
	today: () => Day,
	origin: Point | null
): FinderHit<F>[] {
	const age = ageAtStart(filter, today);
	const hits = facilities
		.filter((f) => f.active && matchesFilter(f, filter, age))
		.map((facility) => ({
			facility,
			distanceKm: filter.sort === 'distance' && origin ? distanceKm(origin, facility) : null
		}));
	const byName = (a: FinderHit<F>, b: FinderHit<F>) => compareNames(a.facility.name, b.facility.name);
	hits.sort(
		filter.sort === 'distance' && origin
			? (a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0) || byName(a, b)
			: byName
	);
	return hits;
}

// Kept beside the figures (places.ts): a Kita's page shows them without loading the finder.
export { freePlaces, type FreePlaces } from './places';
