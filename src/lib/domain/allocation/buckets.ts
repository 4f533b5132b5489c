// Buckets of places for an allocation round: a Kita's places are counted per age band and weekly
// hours (as in its capacities), so a child competes only for the places of its own bucket.
import type { Day } from '../calendar-day';
import { AGE_BANDS, WEEKLY_HOURS, type AgeBand, type Capacity, type WeeklyHours } from '../facility';
import { ageBandAt } from '../kita-year';
import { sumPlaces } from '../places';

/** `'u3:35'`: age band and weekly hours of a place. */
export type BucketKey = `${AgeBand}:${WeeklyHours}`;

export const BUCKET_KEYS: readonly BucketKey[] = AGE_BANDS.flatMap((band) =>
	WEEKLY_HOURS.map((hours): BucketKey => `${band}:${hours}`)
);

export function bucketKey(ageBand: AgeBand, weeklyHours: WeeklyHours): BucketKey {
	return `${ageBand}:${weeklyHours}`;
}

/** The bucket a child needs: its age band at the desired start (U3/Ü3) and the weekly hours asked for. */
export function bucketOf(birthDate: Day, startDate: Day, weeklyHours: WeeklyHours): BucketKey {
	return bucketKey(ageBandAt(birthDate, startDate), weeklyHours);
}

export type FreeByBucket = Partial<Record<BucketKey, number>>;

/**
 * The free places of one Kita per bucket from its capacity rows of one Kita year: places minus
 * contracts minus open offers, never negative (places.ts).
 */
export function freeByBucket(
	capacities: readonly Pick<Capacity, 'ageBand' | 'weeklyHours' | 'places' | 'contracted' | 'offered'>[]
): FreeByBucket {
	const free: FreeByBucket = {};
	for (const c of capacities) {
		const key = bucketKey(c.ageBand, c.weeklyHours);
		free[key] = (free[key] ?? 0) + sumPlaces([c]).free;
	}
	return free;
}
