// `m.<key>(inputs)` — the texts of the message catalogue in the page's language. The texts come in
// namespaces (tools/i18n/catalogue-compiler.ts): the root layout's load awaits `loadMessages` for
// the page's address before anything renders, so every call finds its text. On the server (pages
// rendered there) the texts of every language are at hand at once, per request (request-i18n.ts).
import { NAMESPACES, TEXTS_VERSION } from './generated/loaders';
import type { Messages } from './generated/messages';
import { requestI18n, type Text } from './request-i18n';
import { baseLocale, getLocale } from './runtime';
import { namespaceName, textModuleFile, textModuleUrl } from './text-modules';

type Dictionary = { default: Record<string, unknown> };

// The dev server and the unit tests load the generated source modules.
const sources = import.meta.env.DEV ? import.meta.glob<Dictionary>('./generated/*.*.js') : {};

/** One namespace in one language. */
function importTexts(namespace: string, locale: string): Promise<Dictionary> {
	if (import.meta.env.DEV) {
		const source = sources[`./generated/${textModuleFile(namespace, locale)}`];
		return source ? source() : Promise.reject(new Error(`no texts ${namespace}.${locale}`));
	}
	// The build emits them beside the folder this module is built into (text-modules.ts).
	const url = textModuleUrl(import.meta.url, TEXTS_VERSION, namespace, locale);
	return import(/* @vite-ignore */ url) as Promise<Dictionary>;
}

const texts = new Map<string, Text>();
const loaded = new Map<string, Promise<void>>();
let pluralRules: Intl.PluralRules | undefined;

function plural(n: unknown): string {
	pluralRules ??= new Intl.PluralRules(getLocale());
	return pluralRules.select(Number(n));
}

function fill(module: { default: Record<string, unknown> }): void {
	for (const [key, text] of Object.entries(module.default)) texts.set(key, text as Text);
}

function load(namespace: string): Promise<void> {
	let pending = loaded.get(namespace);
	if (!pending) {
		const locale = getLocale();
		// Offline before the worker cached this language: German (always precached) beats no text.
		pending = importTexts(namespace, locale)
			.catch((error: unknown) => {
				if (locale === baseLocale) throw error;
				return importTexts(namespace, baseLocale);
			})
			.then(fill);
		// Not even German (offline without the worker): tried again at the next navigation.
		pending.catch(() => loaded.delete(namespace));
		loaded.set(namespace, pending);
	}
	return pending;
}

/** The texts of the shell's later parts (src/lib/deferred/): `loadMessages(DEFERRED_TEXTS)`. */
export const DEFERRED_TEXTS = 'deferred';

/** The namespaces a page of the route `routeId` (SvelteKit's, e.g. `/kitas/[id]`) needs: core and its own. */
export function namespacesFor(routeId: string | null): string[] {
	const own = routeId === null ? '' : namespaceName(routeId);
	return own && NAMESPACES.includes(own) ? ['core', own] : ['core'];
}

/** Loads the texts of a route (`null`: no route matched, the shell's texts only). */
export async function loadMessages(routeId: string | null): Promise<void> {
	if (import.meta.env.SSR && requestI18n()) return;
	await Promise.all(namespacesFor(routeId).map(load));
}

function render(key: string, inputs: Record<string, unknown> = {}): string {
	const request = import.meta.env.SSR ? requestI18n() : undefined;
	const text = request ? request.text(key) : texts.get(key);
	if (text === undefined) {
		// A text of a namespace this page did not load: a bug in the namespace rules, made visible.
		console.error(`message ${key} is not loaded`);
		return key;
	}
	return typeof text === 'string' ? text : text(inputs, request ? request.plural : plural);
}

export const m = new Proxy({} as Messages, {
	// Not thenable: `then` stays undefined, so awaiting or resolving `m` never calls a text.
	get: (_target, key) =>
		typeof key === 'string' && key !== 'then'
			? (inputs?: Record<string, unknown>) => render(key, inputs)
			: undefined
});
