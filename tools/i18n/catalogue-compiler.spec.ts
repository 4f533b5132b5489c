import { describe, expect, it } from 'vitest';
import {
	areasOfFiles,
	assignNamespaces,
	compileMessage,
	messageInputs,
	namespaceName,
	routeArea
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

	it('writes the start and end the forms share once, never splitting a placeholder', () => {
		const forms = {
			'countPlural=one': 'Auf diesem Gerät gibt es {count} Änderung. Bitte warten.',
			'countPlural=*': 'Auf diesem Gerät gibt es {count} Änderungen. Bitte warten.'
		};
		const source = compileMessage('k', plural(forms));
		expect(source.match(/Auf diesem Gerät/g)).toHaveLength(1);
		expect(source.match(/Bitte warten/g)).toHaveLength(1);
		expect(run(source, { count: 1 })).toBe('Auf diesem Gerät gibt es 1 Änderung. Bitte warten.');
		expect(run(source, { count: 3 })).toBe('Auf diesem Gerät gibt es 3 Änderungen. Bitte warten.');
		// the forms differ right after a placeholder or inside a name: {count} and {counter} stay whole
		const split = compileMessage(
			'k',
			plural({ 'countPlural=one': '{count} x {counter}', 'countPlural=*': '{count} y {count}' })
		);
		expect(run(split, { count: 2, counter: 9 })).toBe('2 y 2');
		expect(run(split, { count: 1, counter: 9 })).toBe('1 x 9');
		const arabic = compileMessage(
			'k',
			plural({ 'countPlural=one': 'دقيقة واحدة', 'countPlural=*': '{count} دقيقة' })
		);
		expect(run(arabic, { count: 1 }, 'ar')).toBe('دقيقة واحدة');
		expect(run(arabic, { count: 11 }, 'ar')).toBe('11 دقيقة');
	});

	it('compiles forms that are all the same as one text', () => {
		const source = compileMessage(
			'k',
			plural({ 'countPlural=one': '{count} km', 'countPlural=*': '{count} km' })
		);
		expect(source).not.toContain('plural');
		expect(run(source, { count: 1 })).toBe('1 km');
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
	it('names the area of a page by its route, of the shell core; other files have none', () => {
		expect(routeArea('src/routes/kita/[id]/+page.svelte')).toBe('/kita/[id]');
		expect(routeArea('src/routes/(public)/kitas/+page.svelte')).toBe('/(public)/kitas');
		expect(routeArea('src/routes/+layout.svelte')).toBe('core');
		expect(routeArea('src/routes/+layout.ts')).toBe('core');
		// An audience's layout has the areas of the pages below it, not core (areasOfFiles).
		expect(routeArea('src/routes/kita/+layout.svelte')).toBeUndefined();
		expect(routeArea('src/routes/(parent)/+layout.svelte')).toBeUndefined();
		expect(routeArea('src/routes/+page.svelte')).toBe('/');
		expect(routeArea('src/hooks.client.ts')).toBe('core');
		expect(routeArea('src/lib/deferred/SessionExpiryWarning.svelte')).toBe('deferred');
		expect(namespaceName('deferred')).toBe('deferred');
		expect(routeArea('src/lib/deferred/gate/NoAccess.svelte')).toBe('deferred/gate');
		expect(namespaceName('deferred/gate')).toBe('deferred_gate');
		expect(routeArea('src/routes/konto/AccountSettings.svelte')).toBeUndefined();
		expect(routeArea('src/lib/components/parent/ChildForm.svelte')).toBeUndefined();
	});

	it('names a namespace file after its route, without brackets and layout groups', () => {
		expect(namespaceName('/kitas/[id]')).toBe('kitas_id');
		expect(namespaceName('/(public)/konto/zwei-faktor')).toBe('konto_zwei-faktor');
		expect(namespaceName('/')).toBe('home');
		expect(namespaceName('core')).toBe('core');
	});

	it('gives a module the areas of every page that reaches it, through static and dynamic imports', () => {
		const imports = new Map([
			['src/routes/+layout.svelte', ['src/lib/shell.ts']],
			['src/routes/kitas/+page.svelte', ['src/lib/finder.ts', 'src/lib/shared.ts']],
			['src/routes/anmeldung/+page.svelte', ['src/lib/shared.ts']],
			['src/lib/shell.ts', ['src/lib/engine.ts']],
			['src/lib/shared.ts', ['src/lib/deep.ts']],
			['src/lib/finder.ts', []],
			['src/lib/deep.ts', []],
			['src/lib/engine.ts', []],
			['src/lib/unused.ts', []]
		]);
		const areas = areasOfFiles(imports);
		const of = (file: string) => [...(areas.get(file) ?? [])].sort();
		expect(of('src/lib/engine.ts')).toEqual(['core']);
		expect(of('src/lib/finder.ts')).toEqual(['/kitas']);
		expect(of('src/lib/deep.ts')).toEqual(['/anmeldung', '/kitas']);
		// Nobody imports it: every page may need it.
		expect(of('src/lib/unused.ts')).toEqual(['core']);
	});

	it('gives a layout below the root the areas of the pages it wraps, and what it imports with them', () => {
		const imports = new Map([
			['src/routes/+layout.svelte', []],
			['src/routes/kita/+layout.svelte', ['src/lib/gate.svelte']],
			['src/routes/kita/+page.svelte', []],
			['src/routes/kita/plaetze/+page.svelte', []],
			['src/routes/(parent)/+layout.svelte', ['src/lib/gate.svelte']],
			['src/routes/(parent)/familie/+page.svelte', []],
			['src/routes/kitas/+page.svelte', []],
			['src/lib/gate.svelte', []]
		]);
		const areas = areasOfFiles(imports);
		const of = (file: string) => [...(areas.get(file) ?? [])].sort();
		expect(of('src/routes/kita/+layout.svelte')).toEqual(['/kita', '/kita/plaetze']);
		expect(of('src/lib/gate.svelte')).toEqual(['/(parent)/familie', '/kita', '/kita/plaetze']);
		expect(of('src/routes/kitas/+page.svelte')).toEqual(['/kitas']);
	});

	it('puts a key the shell uses in core, any other key in each area that uses it', () => {
		const used = new Map([
			['a', new Set(['kitas'])],
			['b', new Set(['kita', 'verwaltung'])],
			['c', new Set(['core', 'kita'])],
			['d', new Set(['core'])]
		]);
		const result = assignNamespaces(['a', 'b', 'c', 'd', 'unused'], used);
		expect(Object.fromEntries(result)).toEqual({
			a: ['kitas'],
			b: ['kita', 'verwaltung'],
			c: ['core'],
			d: ['core'],
			unused: ['core']
		});
	});
});
