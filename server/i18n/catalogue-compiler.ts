// Compiles the message catalogue (src/lib/messages/<locale>.json, inlang message format) into one
// small module per namespace and language, so that a page loads its texts in one language only.
// Paraglide — used before — compiles every message into a function that holds all seven languages,
// so each page shipped seven translations of every text it shows (its issue #88; about a third of
// our first-load JavaScript). Here the namespace of a key follows from which pages load the code
// that uses it (the import graph from the route files): the shell (root layout) → "core", which
// every page loads; otherwise each route (page) that uses it gets a copy.
//
// Pure functions: no file system (server/cli/compile-messages.ts reads and writes).

export type Variant = { declarations?: string[]; selectors?: string[]; match: Record<string, string> };
export type Message = string | Variant[];
export type Catalogue = Record<string, Message>;

export const CORE = 'core';
/**
 * The shell's later parts (src/lib/deferred/): what the root layout shows only after the first
 * render or on demand (the session warning, the logout flow). Their texts are a namespace of their
 * own, loaded with them (`loadMessages(DEFERRED)`), so the shell's texts — in every first load —
 * stay small. The shell imports these files with a template literal, which the import scan does not
 * follow: a quoted import would carry the shell (core) to them.
 */
export const DEFERRED = 'deferred';
/** The namespace of the start page "/". */
export const HOME = 'home';

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
 * route (the route id, as SvelteKit names it: `/kitas/[id]`); the root layout is the shell of every
 * page (core), as would be any layout or error page below it (there are none). Other files have no
 * area of their own (their areas are those of the pages that import them), except the client hooks,
 * which run everywhere.
 */
export function routeArea(file: string): string | undefined {
	if (file === 'src/hooks.client.ts') return CORE;
	if (file.startsWith('src/lib/deferred/')) return DEFERRED;
	const route = /^src\/routes\/(.*)$/.exec(file)?.[1];
	if (route === undefined) return undefined;
	const segments = route.split('/');
	const name = segments.pop() ?? '';
	if (name.startsWith('+layout') || name.startsWith('+error')) return CORE;
	if (name.startsWith('+page')) return `/${segments.join('/')}`;
	return undefined;
}

/** The file name of a route's namespace: `/kitas/[id]` → `kitas_id`, `/` → `home`. */
export function namespaceName(area: string): string {
	if (area === CORE) return CORE;
	const segments = area
		.split('/')
		.filter((s) => s && !/^\(.*\)$/.test(s))
		.map((s) => s.replace(/[[\]]/g, ''));
	return segments.length > 0 ? segments.join('_') : HOME;
}

/**
 * The areas whose pages load each file: every route file's area, carried along its imports (static
 * and dynamic) to everything it reaches. A file no route reaches counts as core.
 */
export function areasOfFiles(imports: Map<string, string[]>): Map<string, Set<string>> {
	const areas = new Map<string, Set<string>>();
	for (const entry of imports.keys()) {
		const area = routeArea(entry);
		if (area === undefined) continue;
		const stack = [entry];
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
	return `// @ts-nocheck — generated by server/cli/compile-messages.ts from src/lib/messages; do not edit.\nexport default {\n${lines.join('\n')}\n};\n`;
}

/** The typed interface of `m`: one method per key with its inputs. */
export function renderTypes(inputs: [key: string, names: string[]][]): string {
	const lines = inputs.map(([key, names]) =>
		names.length === 0
			? `\t${key}(inputs?: Record<string, never>): string;`
			: `\t${key}(inputs: { ${names.map((n) => `${n}: NonNullable<unknown>`).join('; ')} }): string;`
	);
	return `// Generated by server/cli/compile-messages.ts from src/lib/messages — do not edit.\nexport interface Messages {\n${lines.join('\n')}\n}\n`;
}

/**
 * What the browser needs to find the texts: their version (the build names the modules
 * `_app/immutable/i18n/<version>/<namespace>.<locale>.js`, see vite.config.ts), each area's
 * namespaces and the languages. No table of imports: it would be in every page's first load.
 */
export function renderLoaders(version: string, locales: string[], areas: Record<string, string[]>): string {
	return [
		'// Generated by server/cli/compile-messages.ts from src/lib/messages — do not edit.',
		`export const TEXTS_VERSION = ${JSON.stringify(version)};`,
		`export const AREA_NAMESPACES: Record<string, string[]> = ${JSON.stringify(areas)};`,
		`export const LOCALES = ${JSON.stringify(locales)} as const;`,
		''
	].join('\n');
}
