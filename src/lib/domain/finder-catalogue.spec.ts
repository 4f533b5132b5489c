// Issue 16: the finder keeps the server's catalogue while the device's copy shows it the same, and
// takes the device's as soon as anything the finder reads differs.
import { describe, expect, it } from 'vitest';
import type { Facility, Municipality } from './facility';
import { FACILITY } from './facility.fixture';
import { finderFacility, sameForFinder, type FinderCatalogue } from './finder-catalogue';
import type { FacilityId, MunicipalityId } from './ids';

const kita = (id: string, over: Partial<Facility> = {}): Facility => ({
	...FACILITY,
	id: id as FacilityId,
	name: `Kita ${id}`,
	...over
});
const werl: Municipality = {
	id: 'werl' as MunicipalityId,
	name: 'Werl',
	postcodes: [{ postcode: '59457', lat: 51.55, lon: 7.91 }]
};
const soest: Municipality = {
	id: 'soest' as MunicipalityId,
	name: 'Soest',
	postcodes: [{ postcode: '59494', lat: 51.57, lon: 8.1 }]
};

/** The server's copy: the finder's fields only, in the server's order. */
const server: FinderCatalogue = {
	facilities: [kita('b'), kita('a'), kita('c')].map(finderFacility),
	municipalities: [werl, soest]
};
/** The device's copy after a sync: whole rows, in the order of their keys. */
const device = (facilities: Facility[], municipalities: Municipality[] = [soest, werl]): FinderCatalogue => ({
	facilities,
	municipalities
});

describe('sameForFinder', () => {
	it('is the same catalogue in another order, with fields the finder does not read', () => {
		const whole = [kita('a', { description: 'Lange Beschreibung' }), kita('b'), kita('c', { phone: '0' })];
		expect(sameForFinder(server, device(whole))).toBe(true);
		expect(sameForFinder(device(whole), server)).toBe(true);
	});

	it.each<[string, Partial<Facility>]>([
		['name', { name: 'Kita Neu' }],
		['street', { street: 'Am Markt 2' }],
		['weekly hours', { weeklyHours: [45] }],
		['features in another order', { features: ['u3', 'familienzentrum'] }],
		['age range', { maxAgeMonths: 36 }],
		['no longer active', { active: false }],
		['place', { lat: 51.56 }]
	])('differs when a Kita’s %s changed', (_, change) => {
		expect(sameForFinder(server, device([kita('a'), kita('b', change), kita('c')]))).toBe(false);
	});

	it('is the same with a Kita the finder does not list (no longer active) on one side only', () => {
		const withClosed = [kita('a'), kita('b'), kita('c'), kita('z', { active: false })];
		expect(sameForFinder(server, device(withClosed))).toBe(true);
	});

	it('differs when a Kita is missing or added', () => {
		expect(sameForFinder(server, device([kita('a'), kita('b')]))).toBe(false);
		expect(sameForFinder(server, device([kita('a'), kita('b'), kita('c'), kita('d')]))).toBe(false);
		expect(sameForFinder(server, device([kita('a'), kita('b'), kita('d')]))).toBe(false);
	});

	it('differs when a municipality or one of its postcodes changed', () => {
		const all = [kita('a'), kita('b'), kita('c')];
		expect(sameForFinder(server, device(all, [werl]))).toBe(false);
		expect(sameForFinder(server, device(all, [{ ...soest, name: 'Stadt Soest' }, werl]))).toBe(false);
		expect(
			sameForFinder(
				server,
				device(all, [{ ...soest, postcodes: [{ postcode: '59494', lat: 51.6, lon: 8.1 }] }, werl])
			)
		).toBe(false);
	});

	it('leaves both copies as they were', () => {
		const copy = JSON.stringify(server);
		sameForFinder(server, device([kita('c'), kita('a'), kita('b')]));
		expect(JSON.stringify(server)).toBe(copy);
	});
});
