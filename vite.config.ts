import { sveltekit } from '@sveltejs/kit/vite';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { compileMessages } from './server/cli/compile-messages.ts';

/** One version for all compiled texts: it changes whenever any text of any language changes. */
function textsVersion(dir: string): string {
	const hash = createHash('sha256');
	for (const file of readdirSync(dir).sort())
		if (file.endsWith('.js')) hash.update(file).update(readFileSync(resolve(dir, file)));
	return hash.digest('hex').slice(0, 10);
}

/**
 * Compiles the message catalogue at every start, and again in dev when a catalogue file changes.
 * In the browser build the text modules are named `_app/immutable/i18n/<version>/<namespace>.<locale>.js`
 * instead of by a hash each: the loader table naming all 189 of them is in every page's first load,
 * and one version repeated compresses to almost nothing where 189 hashes do not.
 */
function messages(): Plugin {
	const root = import.meta.dirname;
	const generated = resolve(root, 'src/lib/i18n/generated');
	const compile = () => {
		compileMessages(root);
		return textsVersion(generated);
	};
	return {
		name: 'kita-portal-messages',
		buildStart() {
			compile();
		},
		outputOptions(options) {
			const original = options.chunkFileNames;
			// Only the browser build names chunks `<app>/immutable/chunks/[hash].js`.
			if (typeof original !== 'string' || !original.includes('immutable/chunks/')) return null;
			// The output options are settled before buildStart: compile here too (it writes only changes).
			const version = compile();
			const texts = original.replace('chunks/[hash]', `i18n/${version}/[name]`);
			return {
				...options,
				chunkFileNames: (chunk) =>
					chunk.facadeModuleId?.startsWith(`${generated}/`) && /^[\w-]+\.\w+$/.test(chunk.name)
						? texts
						: original
			};
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
