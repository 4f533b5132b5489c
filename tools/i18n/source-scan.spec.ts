// Issue 15, point 7: the compiler reads imports and catalogue keys from the syntax tree. The
// regular expressions it used before took comments and strings for code and missed imports
// written over several lines or with double quotes.
import { describe, expect, it } from 'vitest';
import { scanSource } from './source-scan';

describe('scanSource in TypeScript', () => {
	it('finds the keys used as m.<key>, not those in comments, strings or on other objects', () => {
		const uses = scanSource(
			'src/lib/x.ts',
			[
				"import { m } from '$lib/i18n/messages';",
				'// m.in_comment is not a use',
				'/* neither is m.in_block */',
				"const quoted = 'm.in_string';",
				'const template = `m.in_template`;',
				'export const title = () => m.used_one({ count: 2 }) + item.m.not_messages + m.used_two();',
				'const again = m.used_one;'
			].join('\n')
		);
		expect(uses.keys).toEqual(['used_one', 'used_two']);
	});

	it('follows static imports, re-exports and quoted dynamic imports, over several lines too', () => {
		const uses = scanSource(
			'src/lib/x.ts',
			[
				'import {',
				'\ta,',
				'\tb',
				"} from './multi-line';",
				'import "./double-quoted";',
				"import './side-effect';",
				"export { c } from '$lib/re-export';",
				"export * from './star';",
				"const later = () => import('./dynamic');",
				'const lazy = () =>',
				'\timport(',
				"\t\t'./dynamic-multi-line'",
				'\t);',
				"// import('./commented-out')"
			].join('\n')
		);
		expect(uses.imports).toEqual([
			'./multi-line',
			'./double-quoted',
			'./side-effect',
			'$lib/re-export',
			'./star',
			'./dynamic',
			'./dynamic-multi-line'
		]);
	});

	it('does not follow type-only imports nor template-literal imports (the shell’s later parts)', () => {
		const uses = scanSource(
			'src/lib/x.ts',
			[
				"import type { A } from './types-only';",
				"export type { B } from './types-re-export';",
				'const flow = () => import(`../deferred/LogoutFlow.svelte`);'
			].join('\n')
		);
		expect(uses.imports).toEqual([]);
	});
});

describe('scanSource in Svelte', () => {
	it('reads both scripts and every kind of template expression', () => {
		const uses = scanSource(
			'src/routes/x/+page.svelte',
			[
				'<script module lang="ts">',
				"\timport { helper } from './module-script';",
				'\texport const label = m.in_module();',
				'</script>',
				'<script lang="ts">',
				"\timport type { Props } from './types-only';",
				"\timport { m } from '$lib/i18n/messages';",
				"\timport Child from '$lib/components/Child.svelte';",
				'\tconst later = () => import(`$lib/deferred/Later.svelte`);',
				'\tlet { count }: Props = $props(); // m.in_script_comment',
				'\tconst text = $derived(m.in_script({ count }));',
				'</script>',
				'',
				'<!-- m.in_html_comment -->',
				'<h1 title={m.in_attribute()}>{m.in_text()} m.plain_text</h1>',
				'{#if count > 0}<p>{m.in_if({ count })}</p>{:else}<Child label={m.in_prop()} />{/if}',
				'{#each [1] as n}{@html m.in_html({ n })}{/each}'
			].join('\n')
		);
		expect(uses.imports).toEqual(['./module-script', '$lib/i18n/messages', '$lib/components/Child.svelte']);
		expect(uses.keys.sort()).toEqual(
			['in_attribute', 'in_html', 'in_if', 'in_module', 'in_prop', 'in_script', 'in_text'].sort()
		);
	});
});
