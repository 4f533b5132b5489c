import { describe, expect, it } from 'vitest';
import {
	areaOf,
	assignNamespaces,
	compileMessage,
	messageInputs,
	namespacesOfArea
} from './catalogue-compiler';

type Text = string | ((inputs: Record<string, unknown>, plural: (n: unknown) => string) => string);

/** Evaluates a compiled message the way the dictionary module would hold it. */
function run(source: string, inputs: Record<string, unknown> = {}, locale = 'de'): string {
	const text = new Function(`return (${source});`)() as Text;
	const rules = new Intl.PluralRules(locale);
	return typeof text === 'string' ? text : text(inputs, (n) => rules.select(Number(n)));
}

const plural = (match: Record<string, string>) => [
	{
		declarations: ['input count', 'local countPlural = count: plural'],
		selectors: ['countPlural'],
		match
	}
];

describe('compileMessage', () => {
	it('keeps a text without inputs as a string literal, quotes and backslashes included', () => {
		const source = compileMessage('k', 'Sie sagte: "Kita \\ Tagespflege" `x` $5');
		expect(source.startsWith('"')).toBe(true);
		expect(run(source)).toBe('Sie sagte: "Kita \\ Tagespflege" `x` $5');
	});

	it('fills placeholders, however often and wherever they stand', () => {
		const source = compileMessage('k', '{name} hat {count} Plätze, {name}!');
		expect(run(source, { name: 'Kita Sonnenschein', count: 3 })).toBe(
			'Kita Sonnenschein hat 3 Plätze, Kita Sonnenschein!'
		);
	});

	it('picks the plural form of the language, falling back to "*"', () => {
		const de = compileMessage(
			'k',
			plural({ 'countPlural=one': '{count} Kita', 'countPlural=*': '{count} Kitas' })
		);
		expect(run(de, { count: 1 })).toBe('1 Kita');
		expect(run(de, { count: 0 })).toBe('0 Kitas');
		const ar = compileMessage(
			'k',
			plural({
				'countPlural=zero': 'لا شيء',
				'countPlural=two': 'اثنتان',
				'countPlural=few': '{count} قليل',
				'countPlural=*': '{count} كثير'
			})
		);
		expect(run(ar, { count: 0 }, 'ar')).toBe('لا شيء');
		expect(run(ar, { count: 2 }, 'ar')).toBe('اثنتان');
		expect(run(ar, { count: 5 }, 'ar')).toBe('5 قليل');
		expect(run(ar, { count: 100 }, 'ar')).toBe('100 كثير');
	});

	it('lets an exact number win over the plural category', () => {
		const source = compileMessage(
			'k',
			plural({ 'countPlural=0': 'keine', 'countPlural=*': '{count} Stück' })
		);
		expect(run(source, { count: 0 })).toBe('keine');
		expect(run(source, { count: 7 })).toBe('7 Stück');
	});

	it('refuses forms it cannot compile instead of guessing', () => {
		expect(() => compileMessage('k', plural({ 'countPlural=one': 'eins' }))).toThrow(/"\*" case/);
		expect(() =>
			compileMessage('k', [{ selectors: ['a', 'b'], declarations: [], match: { '*': 'x' } }])
		).toThrow(/one plural selector/);
	});
});

describe('messageInputs', () => {
	it('unites placeholders and declared inputs of every language', () => {
		expect(messageInputs(['{a} und {b}', plural({ 'countPlural=*': 'x' }), '{a}'])).toEqual([
			'a',
			'b',
			'count'
		]);
	});
});

describe('namespaces', () => {
	it('names the area of a file by its first route segment, layout groups skipped', () => {
		expect(areaOf('src/routes/kita/[id]/+page.svelte')).toBe('kita');
		expect(areaOf('src/routes/(public)/kitas/+page.svelte')).toBe('kitas');
		expect(areaOf('src/routes/+layout.svelte')).toBe('core');
		expect(areaOf('src/lib/components/office/FacilityForm.svelte')).toBe('office');
		expect(areaOf('src/lib/components/parent/ChildForm.svelte')).toBe('core');
		expect(areaOf('src/lib/format.ts')).toBe('core');
	});

	it('puts a key used by one area there, by office areas only in office, else in core', () => {
		const used = new Map([
			['a', new Set(['kitas'])],
			['b', new Set(['kita', 'verwaltung'])],
			['c', new Set(['office', 'kita'])],
			['d', new Set(['kitas', 'kita'])],
			['e', new Set(['core'])]
		]);
		const result = assignNamespaces(['a', 'b', 'c', 'd', 'e', 'unused'], used);
		expect(Object.fromEntries(result)).toEqual({
			a: 'kitas',
			b: 'office',
			c: 'office',
			d: 'core',
			e: 'core',
			unused: 'core'
		});
	});

	it('loads the office namespace on staff and office pages only', () => {
		const present = new Set(['core', 'office', 'kita', 'kitas']);
		expect(namespacesOfArea('kita', present)).toEqual(['office', 'kita']);
		expect(namespacesOfArea('fachberatung', present)).toEqual(['office']);
		expect(namespacesOfArea('kitas', present)).toEqual(['kitas']);
	});
});
