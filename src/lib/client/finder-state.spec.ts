import { describe, expect, it } from 'vitest';
import { EMPTY_FINDER_FILTER } from '$lib/domain/facility';
import { filterFromUrl, filterToQuery } from './finder-state';

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
