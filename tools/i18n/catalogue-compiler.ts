// Compiles the message catalogue (src/lib/messages/<locale>.json, inlang message format) into one
// small module per namespace and language, so that a page loads its texts in one language only.
// Paraglide — used before — compiles every message into a function that holds all seven languages,
// so each page shipped seven translations of every text it shows (its issue #88; about a third of
// our first-load JavaScript). Here the namespace of a key follows from which pages load the code
// that uses it (the import graph from the route files): the shell (root layout) → "core", which
// every page loads; otherwise each route (page) that uses it gets a copy.
//
// Pure functions: no file system (tools/i18n/compile-messages.ts reads and writes).

import { namespaceName } from '../../src/lib/i18n/text-modules.ts';

export type Variant = { declarations?: string[]; selectors?: string[]; match: Record<string, string> };
export type Message = string | Variant[];
export type Catalogue = Record<string, Message>;

export const CORE = 'core';
/**
 * The shell's later parts (src/lib/deferred/): what the root layout shows only after the first
 * render or on demand (the session warning, the logout flow, the update banner, the notice of an
 * ended session; a subfolder, e.g. deferred/gate, is a namespace `deferred/gate` of its own). Their texts are a namespace of their
 * own, loaded with them (`loadMessages(DEFERRED)`), so the shell's texts — in every first load —
 * stay small. The shell imports these files with a template literal, which the import scan does not
 * follow: a quoted import would carry the shell (core) to them.
 */
export const DEFERRED = 'deferred';
/**
 * Keys of texts the server writes (the mails): compiled for the server (server/i18n/generated/),
 * never into a page's namespace — no browser downloads them.
 */
export const SERVER_PREFIX = 'mail_';

export function isServerKey(key: string): boolean {
	return key.startsWith(SERVER_PREFIX);
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** A JS expression that renders `text` with the inputs object `i` (string concatenation, no eval). */
function renderText(text: string): string {
	const parts: string[] = [];
	let last = 0;
	for (const match of text.matchAll(PLACEHOLDER)) {
		if (match.index > last) parts.push(JSON.stringify(text.slice(last, match.index)));
		parts.push(`String(i.${match[1] ?? ''})`);
		last = match.index + match[0].length;
	}
	if (last < text.length || parts.length === 0) parts.push(JSON.stringify(text.slice(last)));
	return parts.join(' + ');
}

/**
 * One message of one language as JS source: a string literal when it takes no inputs, else a
 * function `(i, plural) => string`; `plural(n)` is the language's Intl.PluralRules category.
 */
export function compileMessage(key: string, message: Message): string {
	if (typeof message === 'string') {
		return /\{\w+\}/.test(message) ? `(i) => ${renderText(message)}` : JSON.stringify(message);
	}
	if (message.length !== 1) throw new Error(`${key}: only one variant block is supported`);
	const [variant] = message as [Variant];
	const selectors = variant.selectors ?? [];
	if (selectors.length !== 1) throw new Error(`${key}: exactly one plural selector is supported`);
	const selector = selectors[0] ?? '';
	const declaration = (variant.declarations ?? []).find((d) => d.startsWith(`local ${selector} =`));
	const input = /^local \w+ = (\w+): plural$/.exec(declaration ?? '')?.[1];
	if (!input) throw new Error(`${key}: selector ${selector} must be declared as "<input>: plural"`);
	const forms = Object.values(variant.match);
	if (!(`${selector}=*` in variant.match)) throw new Error(`${key}: a plural message needs a "*" case`);
	// The forms of a sentence differ in a word or two: the shared start and end are written once.
	const [head, tail] = sharedEnds(forms);
	const middle = (text: string) => renderText(text.slice(head.length, text.length - tail.length));
	const cases: string[] = [];
	let fallback = '';
	for (const [condition, text] of Object.entries(variant.match)) {
		const value = condition.slice(selector.length + 1);
		if (!condition.startsWith(`${selector}=`)) throw new Error(`${key}: unknown match ${condition}`);
		if (value === '*') fallback = middle(text);
		else if (/^\d+$/.test(value))
			cases.unshift(`String(i.${input}) === ${JSON.stringify(value)} ? ${middle(text)}`);
		else cases.push(`c === ${JSON.stringify(value)} ? ${middle(text)}`);
	}
	if (forms.every((f) => f === forms[0])) return compileMessage(key, forms[0] ?? '');
	const choice = `(${[...cases, fallback].join(' : ')})`;
	const parts = [head && renderText(head), choice, tail && renderText(tail)].filter(Boolean);
	return `(i, plural) => { const c = plural(i.${input}); return ${parts.join(' + ')}; }`;
}

/** The longest start and end all texts share, cut so that no placeholder is split. */
function sharedEnds(texts: string[]): [string, string] {
	const first = texts[0] ?? '';
	const shortest = Math.min(...texts.map((t) => t.length));
	let start = 0;
	while (start < shortest && texts.every((t) => t[start] === first[start])) start++;
	let head = first.slice(0, start);
	if (head.lastIndexOf('{') > head.lastIndexOf('}')) head = head.slice(0, head.lastIndexOf('{'));
	let end = 0;
	while (
		end < shortest - head.length &&
		texts.every((t) => t[t.length - 1 - end] === first[first.length - 1 - end])
	)
		end++;
	let tail = first.slice(first.length - end);
	const close = tail.indexOf('}');
	if (close !== -1 && (tail.indexOf('{') === -1 || close < tail.indexOf('{'))) tail = tail.slice(close + 1);
	return [head, tail];
}

/** The inputs a message takes in any language (placeholders and declared inputs), sorted. */
export function messageInputs(messages: Message[]): string[] {
	const names = new Set<string>();
	for (const message of messages) {
		const texts = typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match));
		for (const text of texts) for (const match of text.matchAll(PLACEHOLDER)) names.add(match[1] ?? '');
		if (typeof message !== 'string')
			for (const v of message)
				for (const d of v.declarations ?? []) if (d.startsWith('input ')) names.add(d.slice(6).trim());
	}
	return [...names].sort();
}

/**
 * The area of a route file (path relative to the project, forward slashes): a page belongs to its
 * route (the route id, as SvelteKit names it: `/kitas/[id]`); the root layout and error page are
 * the shell of every page (core). A layout below the root (an audience's gate, e.g. /kita) has no
 * area of its own: the pages below it carry theirs to it (`areasOfFiles`). Other files have no area
 * of their own either (their areas are those of the pages that import them), except the client
 * hooks, which run everywhere.
 */
export function routeArea(file: string): string | undefined {
	if (file === 'src/hooks.client.ts') return CORE;
	// A subfolder of src/lib/deferred/ is a namespace of its own (`deferred/gate`): a part that loads
	// alone, e.g. on a page nobody may see, need not bring the shell's other later texts.
	const sub = /^src\/lib\/deferred\/(?:([^/]+)\/)?/.exec(file);
	if (sub) return sub[1] ? `${DEFERRED}/${sub[1]}` : DEFERRED;
	const route = /^src\/routes\/(.*)$/.exec(file)?.[1];
	if (route === undefined) return undefined;
	const segments = route.split('/');
	const name = segments.pop() ?? '';
	if (name.startsWith('+layout') || name.startsWith('+error'))
		return segments.length === 0 ? CORE : undefined;
	if (name.startsWith('+page')) return `/${segments.join('/')}`;
	return undefined;
}

/** The layouts and error pages below the root that wrap a page file (SvelteKit nests them by folder). */
export function enclosingLayouts(page: string, files: Iterable<string>): string[] {
	const dirs: string[] = [];
	let dir = page.slice(0, page.lastIndexOf('/'));
	while (dir.startsWith('src/routes/')) {
		dirs.push(dir);
		dir = dir.slice(0, dir.lastIndexOf('/'));
	}
	return [...files].filter((file) => {
		const slash = file.lastIndexOf('/');
		return /^\+(layout|error)\b/.test(file.slice(slash + 1)) && dirs.includes(file.slice(0, slash));
	});
}

/** The file name of a route's namespace: `/kitas/[id]` → `kitas_id`, `/` → `home` (text-modules.ts). */
export { namespaceName };

/**
 * The areas whose pages load each file: every route file's area, carried along its imports (static
 * and dynamic) to everything it reaches. A file no route reaches counts as core.
 */
export function areasOfFiles(imports: Map<string, string[]>): Map<string, Set<string>> {
	const areas = new Map<string, Set<string>>();
	for (const entry of imports.keys()) {
		const area = routeArea(entry);
		if (area === undefined) continue;
		const stack = [
			entry,
			...(area === CORE || area === DEFERRED ? [] : enclosingLayouts(entry, imports.keys()))
		];
		while (stack.length > 0) {
			const file = stack.pop() ?? '';
			const reached = areas.get(file) ?? areas.set(file, new Set()).get(file);
			if (!reached || reached.has(area)) continue;
			reached.add(area);
			stack.push(...(imports.get(file) ?? []));
		}
	}
	for (const file of imports.keys()) if (!areas.get(file)?.size) areas.set(file, new Set([CORE]));
	return areas;
}

/**
 * Each key's namespaces: core when the shell uses it (or nothing does), else every area whose pages
 * use it. A text shared by a few areas is copied into each of theirs, so that a page loads the
 * shell's texts and exactly its area's, and the shell stays small (it is in every first load).
 */
export function assignNamespaces(keys: string[], usedIn: Map<string, Set<string>>): Map<string, string[]> {
	const result = new Map<string, string[]>();
	for (const key of keys) {
		const areas = usedIn.get(key) ?? new Set<string>();
		result.set(key, areas.size === 0 || areas.has(CORE) ? [CORE] : [...areas].sort());
	}
	return result;
}

/** A dictionary module: one namespace in one language. */
export function renderDictionary(entries: [key: string, source: string][]): string {
	const lines = entries.map(([key, source]) => `\t${key}: ${source},`);
	return `// @ts-nocheck — generated by tools/i18n/compile-messages.ts from src/lib/messages; do not edit.\nexport default {\n${lines.join('\n')}\n};\n`;
}

function methods(inputs: [key: string, names: string[]][]): string[] {
	return inputs.map(([key, names]) =>
		names.length === 0
			? `\t${key}(inputs?: Record<string, never>): string;`
			: `\t${key}(inputs: { ${names.map((n) => `${n}: NonNullable<unknown>`).join('; ')} }): string;`
	);
}

/** The typed interface of `m`: one method per key with its inputs. */
export function renderTypes(inputs: [key: string, names: string[]][]): string {
	return `// Generated by tools/i18n/compile-messages.ts from src/lib/messages — do not edit.\nexport interface Messages {\n${methods(inputs).join('\n')}\n}\n`;
}

/**
 * The server's texts: the typed interface of its keys and a table of its dictionaries (one module
 * per language, `<name>.<locale>.js`, imported statically — the server needs them all).
 */
export function renderServerTexts(
	name: string,
	locales: string[],
	inputs: [key: string, names: string[]][]
): string {
	const id = (locale: string) => `texts_${locale.replace(/\W/g, '_')}`;
	return [
		'// Generated by tools/i18n/compile-messages.ts from src/lib/messages — do not edit.',
		...locales.map((locale) => `import ${id(locale)} from './${name}.${locale}.js';`),
		'',
		'export interface ServerMessages {',
		...methods(inputs),
		'}',
		'',
		"/** Each language's texts: a string, or a function of the inputs and the plural category. */",
		'export const DICTIONARIES: Record<string, Record<string, unknown>> = {',
		...locales.map((locale) => `\t${JSON.stringify(locale)}: ${id(locale)},`),
		'};',
		`export const BASE_LOCALE = ${JSON.stringify(locales[0] ?? '')};`,
		''
	].join('\n');
}

/**
 * What the browser needs to find the texts: their version (part of a text module's address, see
 * src/lib/i18n/text-modules.ts), the namespaces that exist (a route's follows from its id by
 * `namespaceName`; a table from route to namespace cost every first load ~0.2 KB) and the
 * languages. No table of imports: it would be in every page's first load.
 */
export function renderLoaders(version: string, locales: string[], namespaces: string[]): string {
	return [
		'// Generated by tools/i18n/compile-messages.ts from src/lib/messages — do not edit.',
		`export const TEXTS_VERSION = ${JSON.stringify(version)};`,
		'/** The namespaces besides core. */',
		`export const NAMESPACES: readonly string[] = ${JSON.stringify([...namespaces].sort())};`,
		`export const LOCALES = ${JSON.stringify(locales)} as const;`,
		''
	].join('\n');
}
