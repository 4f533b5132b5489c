import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'src/lib/paraglide/',
			'src/lib/i18n/generated/',
			'server/i18n/generated/',
			'test-results/',
			'playwright-report/',
			'data/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// The portal is served at the root with no base path: resolve() around every link adds only noise.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// Type-aware rules: a promise nobody awaits hides a failed write (issue 15, point 6).
		files: ['**/*.ts', '**/*.svelte'],
		languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// server/ lives outside SvelteKit's server-only guard: keep browser code from importing it.
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		// (`**` skips dot folders: .well-known's endpoints are named here.)
		ignores: [
			'src/hooks.server.ts',
			'src/**/*.server.ts',
			'src/**/+server.ts',
			'src/routes/api/**',
			'src/routes/.well-known/**'
		],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: 'zod',
							message:
								"Import z from '$lib/domain/zod' (zod without compiled code in the browser, for its CSP).",
							allowTypeImports: true
						}
					],
					patterns: [
						{
							group: ['$server/*', '**/server/*'],
							message: 'server/ is server-only.',
							allowTypeImports: true
						}
					]
				}
			]
		}
	}
);
