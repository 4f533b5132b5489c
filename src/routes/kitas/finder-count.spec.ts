import { describe, expect, it } from 'vitest';
import { FINDER_PAGE, queryWithCount, shownFromAddress } from './finder-count';

const count = (search: string) => shownFromAddress(new URLSearchParams(search));

describe('shownFromAddress', () => {
	it('shows a page without a count, or with one that is no number or not more than a page', () => {
		expect(count('')).toBe(FINDER_PAGE);
		for (const asked of ['abc', '-40', '0', '20', '7', 'Infinity', 'NaN', '1e400'])
			expect(count(`anzahl=${asked}`)).toBe(FINDER_PAGE);
	});

	it('shows whole pages, so that a typed-in count still ends with the "more" a page had', () => {
		expect(count('anzahl=40')).toBe(40);
		expect(count('anzahl=21')).toBe(40);
		expect(count('q=Werl&anzahl=33')).toBe(40);
		expect(count('anzahl=60.5')).toBe(80);
	});

	it('caps a count far beyond any district', () => {
		expect(count('anzahl=99999999')).toBe(10_000);
	});
});

describe('queryWithCount', () => {
	it('adds the count to the query only beyond the first page', () => {
		expect(queryWithCount('', 20)).toBe('');
		expect(queryWithCount('?q=Werl', 20)).toBe('?q=Werl');
		expect(queryWithCount('', 40)).toBe('?anzahl=40');
		expect(queryWithCount('?q=Werl', 60)).toBe('?q=Werl&anzahl=60');
	});

	it('is read back as the same count', () => {
		for (const shown of [20, 40, 60, 200])
			expect(count(queryWithCount('?gemeinde=werl', shown).slice(1))).toBe(shown);
	});
});
