import { describe, expect, it } from 'vitest';
import type { Facility, FinderFilter, Municipality } from './facility';
import { EMPTY_FINDER_FILTER } from './facility';
import { FACILITY } from './facility.fixture';
import { FINDER_FIELDS, finderFacility } from './finder-catalogue';
import {
	ageAtStart,
	findFacilities,
	freePlaces,
	matchesFilter,
	postcodeCentre,
	type FinderFacility
} from './finder';
import type { FacilityId, KitaYearId, MunicipalityId } from './ids';

const base = FACILITY;

const kita = (over: Partial<Facility>): Facility => ({ ...base, ...over });
const filter = (over: Partial<FinderFilter> = {}): FinderFilter => ({
	...EMPTY_FINDER_FILTER,
	...over
});

describe('matchesFilter', () => {
	it.each<[string, Partial<FinderFilter>, boolean]>([
		['no filter', {}, true],
		['same municipality', { municipalityId: 'werl' }, true],
		['other municipality', { municipalityId: 'ense' }, false],
		['offered hours', { weeklyHours: '45' }, true],
		['hours not offered', { weeklyHours: '25' }, false],
		['all features present', { features: ['familienzentrum', 'u3'] }, true],
		['one feature missing', { features: ['familienzentrum', 'waldkita'] }, false],
		['provider type', { providerType: 'awo' }, true],
		['other provider type', { providerType: 'drk' }, false],
		['text in any order, any case', { q: 'werl sonnen' }, true],
		['text that is not there', { q: 'Regenbogen' }, false]
	])('%s', (_label, over, expected) => {
		expect(matchesFilter(base, filter(over), null)).toBe(expected);
	});

	it('ignores umlauts and ß in the free text', () => {
		const f = kita({ name: 'Kita Gänseblümchen', street: 'Große Straße 2' });
		expect(matchesFilter(f, filter({ q: 'ganseblumchen grosse' }), null)).toBe(true);
	});

	it('keeps only Kitas that take the child at its age', () => {
		expect(matchesFilter(base, filter(), 11)).toBe(false);
		expect(matchesFilter(base, filter(), 12)).toBe(true);
		expect(matchesFilter(base, filter(), 72)).toBe(true);
		expect(matchesFilter(base, filter(), 73)).toBe(false);
	});
});

describe('ageAtStart', () => {
	it('uses the desired start, else today, and nothing without a birth date', () => {
		expect(ageAtStart({ birthDate: '2025-08-01', startDate: '2026-08-01' }, () => '2026-01-01')).toBe(12);
		expect(ageAtStart({ birthDate: '2025-08-01', startDate: '' }, () => '2026-02-01')).toBe(6);
		expect(ageAtStart({ birthDate: '', startDate: '2026-08-01' }, () => '2026-01-01')).toBeNull();
		expect(ageAtStart({ birthDate: '2026-09-01', startDate: '2026-08-01' }, () => '2026-01-01')).toBeNull();
	});
});

describe('findFacilities', () => {
	const near = kita({ id: '2' as FacilityId, name: 'B Nah', lat: 51.553, lon: 7.913 });
	const far = kita({ id: '3' as FacilityId, name: 'A Fern', lat: 51.64, lon: 8.51 });
	const gone = kita({ id: '4' as FacilityId, name: 'C Geschlossen', active: false });

	it('sorts by name by default and leaves out inactive Kitas', () => {
		expect(
			findFacilities([near, far, gone], filter(), () => '2026-01-01', null).map((h) => h.facility.name)
		).toEqual(['A Fern', 'B Nah']);
	});

	it('sorts by distance from a postcode and says how far', () => {
		const hits = findFacilities([far, near], filter({ sort: 'distance' }), () => '2026-01-01', {
			lat: 51.553,
			lon: 7.913
		});
		expect(hits.map((h) => h.facility.name)).toEqual(['B Nah', 'A Fern']);
		expect(hits[0]?.distanceKm).toBeCloseTo(0, 3);
		expect(hits[1]?.distanceKm).toBeGreaterThan(40);
	});
});

describe('finderFacility', () => {
	const kitas = [
		kita({
			id: '5' as FacilityId,
			name: 'Waldkita',
			provider: 'Elterninitiative Wald e.V.',
			features: ['waldkita']
		}),
		kita({ id: '6' as FacilityId, name: 'Kita Regenbogen', municipalityId: 'soest' as MunicipalityId }),
		kita({
			id: '7' as FacilityId,
			name: 'Krippe Zwerge',
			minAgeMonths: 4,
			maxAgeMonths: 36,
			weeklyHours: [25]
		}),
		kita({ id: '8' as FacilityId, name: 'Kita Sonnenschein', providerType: 'kommunal', lat: 51.6, lon: 8.1 })
	];

	it('keeps only the fields the finder reads — no description, criteria or contacts', () => {
		const whole: Facility = { ...base, description: 'Lange Beschreibung', email: 'kita@example.org' };
		const slim = finderFacility(whole);
		expect(Object.keys(slim).sort()).toEqual([...FINDER_FIELDS].sort());
		expect(slim).not.toHaveProperty('description');
		expect(slim).not.toHaveProperty('admissionCriteria');
	});

	it('finds the same Kitas in the same order as the whole Kita, for every kind of filter', () => {
		const filters: FinderFilter[] = [
			filter(),
			filter({ q: 'wald' }),
			filter({ q: 'elterninitiative' }),
			filter({ municipalityId: 'soest' }),
			filter({ birthDate: '2025-06-01', startDate: '2026-01-01' }),
			filter({ weeklyHours: '25' }),
			filter({ features: ['waldkita'] }),
			filter({ providerType: 'kommunal' }),
			filter({ sort: 'distance' })
		];
		for (const f of filters) {
			const ids = (list: readonly FinderFacility[]) =>
				findFacilities(
					list,
					f,
					() => '2026-01-01',
					f.sort === 'distance' ? { lat: 51.6, lon: 8.1 } : null
				).map((h) => [h.facility.id, h.distanceKm]);
			expect(ids(kitas.map(finderFacility)), JSON.stringify(f)).toEqual(ids(kitas));
		}
	});
});

describe('postcodeCentre', () => {
	const municipalities: Municipality[] = [
		{ id: 'werl' as MunicipalityId, name: 'Werl', postcodes: [{ postcode: '59457', lat: 51.55, lon: 7.91 }] }
	];
	it('finds district postcodes only', () => {
		expect(postcodeCentre('59457', municipalities)).toEqual({ lat: 51.55, lon: 7.91 });
		expect(postcodeCentre('10115', municipalities)).toBeNull();
	});
});

describe('freePlaces', () => {
	const year = '2026-27' as KitaYearId;
	it('is capacity minus contracts and open offers, never negative per cell, and unknown without figures', () => {
		expect(freePlaces([])).toBeNull();
		expect(
			freePlaces([
				{
					facilityId: base.id,
					kitaYearId: year,
					ageBand: 'u3',
					weeklyHours: 35,
					places: 10,
					contracted: 4,
					offered: 2
				},
				{
					facilityId: base.id,
					kitaYearId: year,
					ageBand: 'ue3',
					weeklyHours: 45,
					places: 20,
					contracted: 21,
					offered: 0
				}
			])
		).toEqual({ places: 30, contracted: 25, offered: 2, free: 4 });
	});
});
