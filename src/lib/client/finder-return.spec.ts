import { describe, expect, it } from 'vitest';
import { EMPTY_FINDER_FILTER } from '$lib/domain/facility';
import { filterFromUrl } from './finder-state';
import { finderHref, finderScrollFor, rememberFinderScroll } from './finder-return';
import { rememberFinderQuery } from './finder-state';

describe('the link back to the finder', () => {
	const memory = () => {
		const items = new Map<string, string>();
		return {
			getItem: (key: string) => items.get(key) ?? null,
			setItem: (key: string, value: string) => void items.set(key, value)
		};
	};

	it('returns to the finder with the filters last used in the tab', () => {
		const storage = memory();
		expect(finderHref(storage)).toBe('/kitas');
		rememberFinderQuery('?gemeinde=werl&stunden=25', storage);
		expect(finderHref(storage)).toBe('/kitas?gemeinde=werl&stunden=25');
		rememberFinderQuery('', storage);
		expect(finderHref(storage)).toBe('/kitas');
	});

	it('stays on the finder whatever the storage holds, and storage that fails means no filter', () => {
		const storage = memory();
		rememberFinderQuery('?gemeinde=werl&stunden=99', storage);
		const href = finderHref(storage);
		expect(filterFromUrl(new URL(href, 'https://portal.example'))).toEqual({
			...EMPTY_FINDER_FILTER,
			municipalityId: 'werl'
		});
		for (const stored of ['//evil.example/', 'https://evil.example/?q=1', '/../konto']) {
			rememberFinderQuery(stored, storage);
			expect(finderHref(storage)).toBe('/kitas');
		}
		const broken = {
			getItem: (): string | null => {
				throw new Error('SecurityError');
			},
			setItem: () => {
				throw new Error('QuotaExceededError');
			}
		};
		expect(() => rememberFinderQuery('?gemeinde=werl', broken)).not.toThrow();
		expect(finderHref(broken)).toBe('/kitas');
	});

	it('brings back the scroll position only to the same list', () => {
		const storage = memory();
		expect(finderScrollFor('?gemeinde=werl', storage)).toBeNull();
		rememberFinderScroll('?gemeinde=werl', 1234.4, '?gemeinde=werl', storage);
		expect(finderScrollFor('?gemeinde=werl', storage)).toBe(1234);
		expect(finderScrollFor('?gemeinde=ense', storage)).toBeNull();
		storage.setItem('finder-scroll', '{not json');
		expect(finderScrollFor('?gemeinde=werl', storage)).toBeNull();
	});

	it('returns with as many hits as were shown when the list was left, for the same filters only', () => {
		const storage = memory();
		rememberFinderQuery('?gemeinde=werl', storage);
		rememberFinderScroll('?gemeinde=werl', 2400, '?gemeinde=werl&anzahl=40', storage);
		expect(finderHref(storage)).toBe('/kitas?gemeinde=werl&anzahl=40');
		expect(finderScrollFor('?gemeinde=werl', storage)).toBe(2400);
		// The filters changed since (another tab's finder, a later search): the count was the other list's.
		rememberFinderQuery('?gemeinde=ense', storage);
		expect(finderHref(storage)).toBe('/kitas?gemeinde=ense');
		// Without filters, and a stored value that is no query, stays on the finder.
		rememberFinderQuery('', storage);
		rememberFinderScroll('', 800, '?anzahl=60', storage);
		expect(finderHref(storage)).toBe('/kitas?anzahl=60');
		rememberFinderScroll('', 800, '//evil.example/', storage);
		expect(finderHref(storage)).toBe('/kitas');
	});
});
