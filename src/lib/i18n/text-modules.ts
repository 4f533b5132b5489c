// The address of the compiled text modules (one per namespace and language): the only place that
// spells their file names and where the build puts them. The compiler writes them
// (tools/i18n/compile-messages.ts), the build emits them (vite.config.ts), the browser loads them
// (messages.ts), the service worker's build lists them per language (server/cli/build-service-worker.ts).

/** SvelteKit's folder of the built, content-hashed files (below build/client/ and the site's root). */
const IMMUTABLE = '_app/immutable';
/** The texts' folder in it, a sibling of the code's folders (chunks/, nodes/, entry/). */
const TEXTS = 'i18n';
/** The folder of the built text modules: `_app/immutable/i18n`. */
export const TEXTS_FOLDER = `${IMMUTABLE}/${TEXTS}`;

/**
 * The namespace of an area's texts (tools/i18n/catalogue-compiler.ts): a route's (SvelteKit's id)
 * without brackets and layout groups, `/kitas/[id]` → `kitas_id`, `/` → `home`; a deferred part's,
 * `deferred/gate` → `deferred_gate`; the shell's, `core`. The browser finds a page's texts by it.
 */
export function namespaceName(area: string): string {
	if (area === 'core') return area;
	const segments = area
		.split('/')
		.filter((s) => s && !/^\(.*\)$/.test(s))
		.map((s) => s.replace(/[[\]]/g, ''));
	return segments.length > 0 ? segments.join('_') : 'home';
}

/** The file of one namespace in one language: `kitas_id.de.js` (also in src/lib/i18n/generated/). */
export function textModuleFile(namespace: string, locale: string): string {
	return `${namespace}.${locale}.js`;
}

/** A built text module's path: `_app/immutable/i18n/<version>/<namespace>.<locale>.js`. */
export function textModulePath(version: string, namespace: string, locale: string): string {
	return `${TEXTS_FOLDER}/${version}/${textModuleFile(namespace, locale)}`;
}

/** Version, namespace and language of a built text module's path (with or without a leading /). */
export function parseTextModulePath(
	path: string
): { version: string; namespace: string; locale: string } | undefined {
	const parts = new RegExp(`^/?${TEXTS_FOLDER}/([^/]+)/([\\w-]+)\\.(\\w+)\\.js$`).exec(path);
	return parts ? { version: parts[1] ?? '', namespace: parts[2] ?? '', locale: parts[3] ?? '' } : undefined;
}

/**
 * A text module's URL, seen from a module the build put into a sibling folder of the texts
 * (`_app/immutable/<folder>/<file>.js`): the loader finds them relative to its own URL. Spelled out
 * rather than composed (this runs in every first load, where each byte counts); the spec holds it
 * to `textModulePath`.
 */
export function textModuleUrl(loaderUrl: string, version: string, namespace: string, locale: string): string {
	return new URL(`../i18n/${version}/${namespace}.${locale}.js`, loaderUrl).href;
}
