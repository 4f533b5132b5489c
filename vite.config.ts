import { sveltekit } from '@sveltejs/kit/vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { textModuleFile, textModulePath } from './src/lib/i18n/text-modules.ts';
import { compileMessages } from './tools/i18n/compile-messages.ts';

/**
 * Compiles the message catalogue at every start, and again in dev when a catalogue file changes.
 * The browser build emits each text module at its own address (src/lib/i18n/text-modules.ts, which
 * the loader in src/lib/i18n/messages.ts uses too): a table importing all of them would be in every
 * page's first load.
 */
function messages(): Plugin {
	const root = import.meta.dirname;
	const generated = resolve(root, 'src/lib/i18n/generated');
	let command: 'build' | 'serve' = 'serve';
	return {
		name: 'kita-portal-messages',
		configResolved(config) {
			command = config.command;
		},
		buildStart() {
			const { dictionaries, version } = compileMessages(root);
			if (command !== 'build' || this.environment.config.consumer !== 'client') return;
			for (const file of dictionaries)
				this.emitFile({
					type: 'chunk',
					id: resolve(generated, textModuleFile(file.namespace, file.locale)),
					fileName: textModulePath(version, file.namespace, file.locale)
				});
		},
		configureServer(server) {
			const dir = resolve(root, 'src/lib/messages');
			server.watcher.add(dir);
			server.watcher.on('change', (file) => {
				if (file.startsWith(dir) && file.endsWith('.json')) compileMessages(root);
			});
		}
	};
}

export default defineConfig({
	plugins: [messages(), sveltekit()],
	server: { port: 3000 },
	test: {
		expect: { requireAssertions: true },
		include: [
			'src/**/*.spec.ts',
			'server/**/*.spec.ts',
			'tools/**/*.spec.ts',
			'tests/integration/**/*.spec.ts',
			'tests/bench/**/*.spec.ts',
			'tests/sim/**/*.spec.ts',
			'tests/postgres/**/*.spec.ts'
		],
		environment: 'node',
		// `TEST_DATABASE=postgres npx vitest run tests/integration`: the suite on PostgreSQL.
		globalSetup: process.env.TEST_DATABASE === 'postgres' ? ['tests/postgres/global-setup.ts'] : [],
		testTimeout: 20_000,
		pool: 'forks'
	}
});
