// Post-build step: bundles src/worker/sw.ts and lets workbox-build inject the precache list
// (per-file revisions, so an update fetches only what changed) into build/client/sw.js.
// The texts of the portal come in one module per namespace and language (src/lib/i18n): German,
// the fallback, is precached; the other languages are handed to the worker as a list, and it
// caches the files of the language a device uses when a page tells it (CACHE_LOCALE), so a phone
// downloads one language for offline use, not seven.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';
import { injectManifest } from 'workbox-build';
import { parseTextModulePath, TEXTS_FOLDER } from '../../src/lib/i18n/text-modules.ts';

const root = resolve(import.meta.dirname, '../..');
const clientDir = resolve(root, 'build/client');
const tmpDir = resolve(root, '.svelte-kit/sw-build');
const BASE_LOCALE = 'de';

/** The built text modules (their address: src/lib/i18n/text-modules.ts), by language. */
function messageFiles(): Record<string, string[]> {
	const byLocale: Record<string, string[]> = {};
	const dir = resolve(clientDir, TEXTS_FOLDER);
	for (const version of readdirSync(dir))
		for (const file of readdirSync(resolve(dir, version))) {
			const path = `/${TEXTS_FOLDER}/${version}/${file}`;
			const locale = parseTextModulePath(path)?.locale;
			if (locale) (byLocale[locale] ??= []).push(path);
		}
	return byLocale;
}
const localeFiles = messageFiles();
const otherLocaleFiles = Object.fromEntries(Object.entries(localeFiles).filter(([l]) => l !== BASE_LOCALE));
if (!localeFiles[BASE_LOCALE]?.length) throw new Error('build-service-worker: no message modules found');

await build({
	configFile: false,
	root,
	logLevel: 'warn',
	// workbox reads process.env.NODE_ENV, which does not exist in a service worker.
	define: {
		'process.env.NODE_ENV': JSON.stringify('production'),
		__LOCALE_FILES__: JSON.stringify(otherLocaleFiles)
	},
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
	globIgnores: [
		'sw.js',
		'**/*.gz',
		'**/*.br',
		...Object.values(otherLocaleFiles)
			.flat()
			.map((file) => file.slice(1))
	],
	// The shell changes with every release (it names the entry chunks): version it by the build.
	additionalManifestEntries: [{ url: '/shell', revision: version }],
	dontCacheBustURLsMatching: /^_app\/immutable\//,
	maximumFileSizeToCacheInBytes: 500 * 1024
});
rmSync(tmpDir, { recursive: true, force: true });
for (const warning of warnings) console.warn(`workbox: ${warning}`);
if (warnings.length) process.exitCode = 1;
console.log(`Service worker: ${count} files precached, ${(size / 1024).toFixed(1)} KiB.`);
