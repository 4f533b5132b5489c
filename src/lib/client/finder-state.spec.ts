import { describe, expect, it } from 'vitest';
import { EMPTY_FINDER_FILTER } from '$lib/domain/facility';
import { activeFilterCount, filterFromUrl, filterToQuery } from './finder-state';

const url = (query: string) => new URL(`https://portal.example/kitas${query}`);

describe('the finder filter in the address', () => {
	it('reads every field and writes it back the same way', () => {
		const query =
			'?q=Sonne&gemeinde=soest&geburt=2024-05-01&beginn=2026-08-01&stunden=35&merkmal=waldkita&merkmal=inklusiv&traeger=awo&sortierung=distance&plz=59494';
		const filter = filterFromUrl(url(query));
		expect(filter).toEqual({
			q: 'Sonne',
			municipalityId: 'soest',
			birthDate: '2024-05-01',
			startDate: '2026-08-01',
			weeklyHours: '35',
			features: ['waldkita', 'inklusiv'],
			providerType: 'awo',
			sort: 'distance',
			postcode: '59494'
		});
		expect(filterToQuery(filter)).toBe(query);
	});

	it('drops only the fields that are invalid, keeping the rest', () => {
		const filter = filterFromUrl(
			url('?q=Sonne&geburt=gestern&stunden=40&merkmal=pool&traeger=xyz&sortierung=random&plz=123')
		);
		expect(filter).toEqual({ ...EMPTY_FINDER_FILTER, q: 'Sonne' });
	});

	it('ignores a search text longer than the form allows', () => {
		expect(filterFromUrl(url(`?q=${'a'.repeat(101)}`)).q).toBe('');
		expect(filterToQuery(EMPTY_FINDER_FILTER)).toBe('');
	});
});

describe('the finder filter round trip', () => {
	it.each([
		'',
		'?gemeinde=werl',
		'?stunden=25',
		'?merkmal=familienzentrum',
		'?geburt=2025-01-15&beginn=2026-08-01',
		'?q=K%C3%A4the+%26+Co&gemeinde=ense&merkmal=waldkita&merkmal=inklusiv&sortierung=distance&plz=59469'
	])('%s reads and writes back unchanged', (query) => {
		expect(filterToQuery(filterFromUrl(url(query)))).toBe(query);
	});

	it('keeps a filter through the address: written, read, written again', () => {
		const filter = {
			...EMPTY_FINDER_FILTER,
			q: 'Sonne & Mond?',
			municipalityId: 'wickede-ruhr',
			weeklyHours: '45' as const,
			features: ['familienzentrum' as const],
			sort: 'distance' as const,
			postcode: '58739'
		};
		const back = filterFromUrl(url(filterToQuery(filter)));
		expect(back).toEqual(filter);
		expect(filterToQuery(back)).toBe(filterToQuery(filter));
	});
});

describe("the count on the phone's filter disclosure", () => {
	it('counts each field set, each ticked feature and sorting by distance once; not the search text', () => {
		expect(activeFilterCount(EMPTY_FINDER_FILTER)).toBe(0);
		expect(activeFilterCount({ ...EMPTY_FINDER_FILTER, q: 'Sonne' })).toBe(0);
		expect(activeFilterCount({ ...EMPTY_FINDER_FILTER, municipalityId: 'werl' })).toBe(1);
		expect(
			activeFilterCount(
				filterFromUrl(
					url(
						'?gemeinde=werl&geburt=2025-01-15&beginn=2026-08-01&stunden=35&merkmal=waldkita&merkmal=inklusiv&traeger=awo&sortierung=distance&plz=59494'
					)
				)
			)
		).toBe(8);
	});
});
