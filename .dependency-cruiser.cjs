// The layers of the portal, checked in `npm run lint` (issue 15): what each part may import.
// docs/ARCHITECTURE.md explains the layers; known violations still to be removed are listed in
// .dependency-cruiser-known-violations.json (regenerate with `npm run layers:baseline` only when
// a change removes some — never to let a new one in).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			severity: 'error',
			comment: 'An import cycle makes load order and responsibilities unclear.',
			from: {},
			to: { circular: true }
		},
		{
			name: 'domain-is-pure',
			severity: 'error',
			comment: 'The domain decides: plain TypeScript that imports nothing but zod and itself.',
			from: { path: '^src/lib/domain/', pathNot: '\\.spec\\.ts$' },
			to: { pathNot: ['^src/lib/domain/', '(^|/)node_modules/zod/'] }
		},
		{
			name: 'services-are-repositories',
			severity: 'error',
			comment: 'services/ holds queries and row mappers; commands, sync and tRPC call it, not the reverse.',
			from: { path: '^server/services/' },
			to: { path: '^server/(commands|sync|trpc)/' }
		},
		{
			name: 'client-code-not-server',
			severity: 'error',
			comment:
				'Code that runs in the browser never imports the server (types of the tRPC router aside); only the SvelteKit glue (+server.ts, hooks.server.ts) does.',
			from: {
				path: '^src/',
				pathNot: ['(^|/)\\+server\\.ts$', '^src/hooks\\.server\\.ts$', '\\.spec\\.ts$']
			},
			to: { path: '^server/', dependencyTypesNot: ['type-only'] }
		},
		{
			name: 'build-tools-stay-out',
			severity: 'error',
			comment:
				'tools/ runs at build time (the catalogue compiler loads the TypeScript and Svelte compilers); the app reads what it generated, never the tools.',
			from: { path: '^(src|server)/' },
			to: { path: '^tools/' }
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: ['^src/lib/i18n/generated/', '^\\.svelte-kit/'] },
		tsConfig: { fileName: 'tsconfig.json' },
		webpackConfig: { fileName: 'tools/layers-resolve.cjs' },
		tsPreCompilationDeps: true,
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types'],
			extensions: ['.ts', '.js', '.svelte', '.json']
		},
		reporterOptions: { text: { highlightFocused: true } }
	}
};
