import { sveltekit } from '@sveltejs/kit/vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { compileMessages } from './server/cli/compile-messages.ts';

/** Compiles the message catalogue at every start, and again in dev when a catalogue file changes. */
function messages(): Plugin {
	const root = import.meta.dirname;
	return {
		name: 'kita-portal-messages',
		buildStart() {
			compileMessages(root);
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
		include: ['src/**/*.spec.ts', 'server/**/*.spec.ts', 'tests/integration/**/*.spec.ts'],
		environment: 'node',
		testTimeout: 20_000,
		pool: 'forks'
	}
});
