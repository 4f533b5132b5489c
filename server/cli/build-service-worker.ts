// Post-build step: bundles src/worker/sw.ts and lets workbox-build inject the precache list
// (per-file revisions, so an update fetches only what changed) into build/client/sw.js.
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';
import { injectManifest } from 'workbox-build';

const root = resolve(import.meta.dirname, '../..');
const clientDir = resolve(root, 'build/client');
const tmpDir = resolve(root, '.svelte-kit/sw-build');

await build({
	configFile: false,
	root,
	logLevel: 'warn',
	// workbox reads process.env.NODE_ENV, which does not exist in a service worker.
	define: { 'process.env.NODE_ENV': JSON.stringify('production') },
	build: {
		outDir: tmpDir,
		emptyOutDir: true,
		minify: true,
		copyPublicDir: false,
		lib: { entry: resolve(root, 'src/worker/sw.ts'), formats: ['iife'], name: 'sw', fileName: () => 'sw.js' }
	}
});

const version = (
	JSON.parse(readFileSync(resolve(clientDir, '_app/version.json'), 'utf8')) as { version: string }
).version;

const { count, size, warnings } = await injectManifest({
	swSrc: resolve(tmpDir, 'sw.js'),
	swDest: resolve(clientDir, 'sw.js'),
	globDirectory: clientDir,
	globPatterns: ['**/*.{js,css,png,svg,ico,woff2}'],
	globIgnores: ['sw.js', '**/*.gz', '**/*.br'],
	// The shell changes with every release (it names the entry chunks): version it by the build.
	additionalManifestEntries: [{ url: '/shell', revision: version }],
	dontCacheBustURLsMatching: /^_app\/immutable\//,
	maximumFileSizeToCacheInBytes: 500 * 1024
});
rmSync(tmpDir, { recursive: true, force: true });
for (const warning of warnings) console.warn(`workbox: ${warning}`);
if (warnings.length) process.exitCode = 1;
console.log(`Service worker: ${count} files precached, ${(size / 1024).toFixed(1)} KiB.`);
