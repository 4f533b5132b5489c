import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compareNames } from './name-order';

const collator = new Intl.Collator('de');
const sign = (n: number) => Math.sign(n);

// What Kita and municipality names are made of, and what they could be: accents beyond German,
// every ASCII punctuation mark, and characters the order leaves to the collator (ø, ł, æ, a
// non-breaking space, Cyrillic, Arabic).
const CHARACTERS = [
	...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
	...'äöüÄÖÜßéèêàâçñÉÈÀÇÑíóúåÅ',
	...` _-,;:!?.'"()[]{}@*/\\&#%\`^+<=>|~$`,
	...'øØłŁæÆ\u00a0дЖسم'
];
const name = fc.string({ unit: fc.constantFrom(...CHARACTERS), maxLength: 12 });

describe('compareNames', () => {
	afterEach(() => vi.restoreAllMocks());

	it('orders as the German collator does, for any two names', () => {
		fc.assert(
			fc.property(name, name, (a, b) => {
				expect(sign(compareNames(a, b))).toBe(sign(collator.compare(a, b)));
			}),
			{ numRuns: 20_000 }
		);
		// Most random pairs differ in their first character: these share a start.
		fc.assert(
			fc.property(name, name, name, (start, a, b) => {
				expect(sign(compareNames(start + a, start + b))).toBe(sign(collator.compare(start + a, start + b)));
			}),
			{ numRuns: 20_000 }
		);
	});

	it('orders names that share their start and differ in umlauts, ß, case and punctuation', () => {
		const names = [
			'Sonnenschein',
			'Kita Am Bach',
			'Kita am Bach',
			'Kita Ährenfeld',
			'Kita Aue',
			'Kita-Ahorn',
			'Kita Straße 5',
			'Kita Strasse 5',
			'Kita Strasse 10',
			'Müller-Haus',
			'Mueller Haus',
			'Muller Haus',
			"St. Ursula's",
			'St Ursula',
			'Zwergenland',
			'Ökumenische Kita',
			'Oase'
		];
		expect([...names].sort(compareNames)).toEqual([...names].sort(collator.compare));
	});

	it('compares names that differ in their letters without a collator', () => {
		const spy = vi.spyOn(String.prototype, 'localeCompare');
		const names = ['Kita Sonnenblume', 'Städtische Kita Wiesenweg', 'AWO Kita Regenbogen', 'Ev. Kita Arche'];
		const sorted = [...names].sort(compareNames);
		expect(spy).not.toHaveBeenCalled();
		expect(sorted).toEqual([...names].sort(collator.compare));
	});

	it('leaves names that differ only in accents, case or ß to the collator', () => {
		const spy = vi.spyOn(String.prototype, 'localeCompare');
		expect(sign(compareNames('Muller', 'Müller'))).toBe(-1);
		expect(sign(compareNames('Strasse', 'Straße'))).toBe(-1);
		expect(spy).toHaveBeenCalledTimes(2);
	});

	it('gives 0 for the same name', () => {
		expect(compareNames('Kita Wiesenweg', 'Kita Wiesenweg')).toBe(0);
	});
});
