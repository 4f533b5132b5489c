// The public catalogue as the finder reads it: the fields the server sends of each Kita, and whether
// two copies (the server's and the device's) show the finder the same. Apart from finder.ts: the
// finder's rules run in the page's first load, this only on the server and in the list's code.
import type { Facility, Municipality } from './facility';

/**
 * What the finder reads of a Kita — its list and its filters. A finder the server renders inlines
 * the catalogue for hydration, and with only these fields it is 40 % of the whole (the descriptions,
 * admission criteria and contacts are for the Kita's own page).
 */
export const FINDER_FIELDS = [
	'id',
	'name',
	'municipalityId',
	'provider',
	'providerType',
	'street',
	'postcode',
	'town',
	'lat',
	'lon',
	'minAgeMonths',
	'maxAgeMonths',
	'weeklyHours',
	'features',
	'isDemo',
	'active'
] as const satisfies readonly (keyof Facility)[];

export type FinderFacility = Pick<Facility, (typeof FINDER_FIELDS)[number]>;

/** A Kita as the finder needs it, and nothing more. */
export function finderFacility(facility: FinderFacility): FinderFacility {
	return Object.fromEntries(FINDER_FIELDS.map((field) => [field, facility[field]])) as FinderFacility;
}

/** The catalogue as the finder reads it. */
export interface FinderCatalogue {
	facilities: readonly FinderFacility[];
	municipalities: readonly Municipality[];
}

/**
 * Whether two copies of the catalogue show the finder the same: the same active Kitas with the same
 * finder fields and the same municipalities, in any order. The server's copy and the device's after the
 * first sync usually are, and then the page keeps the one it rendered (re-sorting and re-rendering
 * every card was a long task on a phone).
 */
export function sameForFinder(a: FinderCatalogue, b: FinderCatalogue): boolean {
	return finderKey(a) === finderKey(b);
}

const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : 1);
/**
 * The finder's part of a catalogue as one string, its fields and rows in a fixed order. Only active
 * Kitas: the finder lists no other, and the server's copy leaves them out where the device may not.
 */
const finderKey = (c: FinderCatalogue) =>
	JSON.stringify([
		c.facilities
			.filter((f) => f.active)
			.map(finderFacility)
			.sort(byId),
		c.municipalities.map(({ id, name, postcodes }) => ({ id, name, postcodes })).sort(byId)
	]);
