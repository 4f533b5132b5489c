import { describe, expect, it } from 'vitest';
import type { Capacity } from './facility';
import type { FacilityId, KitaYearId } from './ids';
import { placesOverview, sumPlaces } from './places';

const kita = 'a0000000-0000-4000-8000-000000000001' as FacilityId;
const other = 'a0000000-0000-4000-8000-000000000002' as FacilityId;
const year = '2027-28' as KitaYearId;

function cell(over: Partial<Capacity>): Capacity {
	return {
		facilityId: kita,
		kitaYearId: year,
		ageBand: 'ue3',
		weeklyHours: 35,
		places: 10,
		contracted: 0,
		offered: 0,
		...over
	};
}

describe('places', () => {
	it('counts free places as places minus contracts minus open offers, per cell and never negative', () => {
		expect(
			sumPlaces([
				cell({ places: 10, contracted: 4, offered: 2 }),
				cell({ ageBand: 'u3', places: 5, contracted: 6, offered: 1 })
			])
		).toEqual({ places: 15, contracted: 10, offered: 3, free: 4 });
	});

	it('shows one Kita and one year only, U3 before Ü3 and by hours, with sums per band', () => {
		const overview = placesOverview(
			[
				cell({ weeklyHours: 45, places: 8, contracted: 1 }),
				cell({ ageBand: 'u3', weeklyHours: 35, places: 6, offered: 2 }),
				cell({ weeklyHours: 25, places: 4 }),
				cell({ facilityId: other, places: 99 }),
				cell({ kitaYearId: '2026-27' as KitaYearId, places: 99 })
			],
			kita,
			year
		);
		expect(overview?.cells.map((c) => [c.ageBand, c.weeklyHours, c.free])).toEqual([
			['u3', 35, 4],
			['ue3', 25, 4],
			['ue3', 45, 7]
		]);
		expect(overview?.byBand.u3).toEqual({ places: 6, contracted: 0, offered: 2, free: 4 });
		expect(overview?.byBand.ue3).toEqual({ places: 12, contracted: 1, offered: 0, free: 11 });
		expect(overview?.total.free).toBe(15);
	});

	it('is unknown for a year without figures', () => {
		expect(placesOverview([cell({})], kita, '2028-29')).toBeNull();
	});
});
