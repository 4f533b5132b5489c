// Places of a Kita per Kita year: per age band and weekly hours the places, contracts, open offers
// and what is left. The staff page shows the table; the finder's free-places indicator sums it.
import { AGE_BANDS, WEEKLY_HOURS, type AgeBand, type Capacity, type WeeklyHours } from './facility';

export interface PlacesFigures {
	places: number;
	contracted: number;
	/** Offers made and not yet answered or accepted but not yet contracted: the place is held. */
	offered: number;
	/** Neither contracted nor held by an offer; never negative. */
	free: number;
}

export interface PlacesCell extends PlacesFigures {
	ageBand: AgeBand;
	weeklyHours: WeeklyHours;
}

function figures(c: Pick<Capacity, 'places' | 'contracted' | 'offered'>): PlacesFigures {
	return {
		places: c.places,
		contracted: c.contracted,
		offered: c.offered,
		free: Math.max(0, c.places - c.contracted - c.offered)
	};
}

/**
 * Adds cells up. Free places are summed per cell, so that an overbooked cell (more contracts than
 * places, e.g. after the Kita lowered its figures) does not eat the free places of another one.
 */
export function sumPlaces(
	cells: readonly Pick<Capacity, 'places' | 'contracted' | 'offered'>[]
): PlacesFigures {
	return cells.reduce<PlacesFigures>(
		(sum, c) => {
			const f = figures(c);
			return {
				places: sum.places + f.places,
				contracted: sum.contracted + f.contracted,
				offered: sum.offered + f.offered,
				free: sum.free + f.free
			};
		},
		{ places: 0, contracted: 0, offered: 0, free: 0 }
	);
}

export interface PlacesOverview {
	/** One cell per age band and weekly hours the Kita has figures for, U3 first, then by hours. */
	cells: PlacesCell[];
	byBand: Record<AgeBand, PlacesFigures>;
	total: PlacesFigures;
}

/** The places of one Kita in one Kita year; null when the Kita gave no figures for that year. */
export function placesOverview(
	capacities: readonly Capacity[],
	facilityId: string,
	kitaYearId: string
): PlacesOverview | null {
	const own = capacities.filter((c) => c.facilityId === facilityId && c.kitaYearId === kitaYearId);
	if (own.length === 0) return null;
	const order = (c: Capacity) => AGE_BANDS.indexOf(c.ageBand) * 10 + WEEKLY_HOURS.indexOf(c.weeklyHours);
	const cells = [...own]
		.sort((a, b) => order(a) - order(b))
		.map((c) => ({ ageBand: c.ageBand, weeklyHours: c.weeklyHours, ...figures(c) }));
	return {
		cells,
		byBand: {
			u3: sumPlaces(own.filter((c) => c.ageBand === 'u3')),
			ue3: sumPlaces(own.filter((c) => c.ageBand === 'ue3'))
		},
		total: sumPlaces(own)
	};
}

export type FreePlaces = PlacesFigures;

/**
 * Free places of one facility in one Kita year, as the finder shows them: places minus contracts
 * minus open offers (an offered place is not free for the next family); null without figures.
 */
export function freePlaces(capacities: readonly Capacity[]): FreePlaces | null {
	return capacities.length === 0 ? null : sumPlaces(capacities);
}
