// `npm run i18n` (also run by the Vite plugin in vite.config.ts at every build, test and dev start):
// compiles src/lib/messages/<locale>.json into src/lib/i18n/generated/ — one module per namespace
// and language, the loader table and the typed interface of `m` — and the server's texts (the
// mails, keys `mail_…`) into server/i18n/generated/. See catalogue-compiler.ts (the rules) and
// source-scan.ts (how a source file's imports and keys are read).
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { textModuleFile } from '../../src/lib/i18n/text-modules.ts';
import {
	areasOfFiles,
	assignNamespaces,
	compileMessage,
	CORE,
	isServerKey,
	namespaceName,
	messageInputs,
	renderDictionary,
	renderLoaders,
	renderServerTexts,
	renderTypes,
	type Catalogue
} from './catalogue-compiler.ts';
import { scanSource, type SourceUses } from './source-scan.ts';

function sourceFiles(dir: string, root: string): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(dir)) {
		const path = join(dir, entry);
		const rel = relative(root, path).replaceAll('\\', '/');
		if (rel === 'src/lib/i18n/generated') continue;
		if (statSync(path).isDirectory()) found.push(...sourceFiles(path, root));
		else if (/\.(ts|svelte)$/.test(entry) && !entry.endsWith('.spec.ts')) found.push(rel);
	}
	return found;
}

/**
 * Writes only what changed, each file whole (temporary file, then rename): a build or test run
 * reading the folder while another one compiles never sees a file missing or half written.
 */
function writeIfChanged(path: string, content: string): void {
	if (existsSync(path) && readFileSync(path, 'utf8') === content) return;
	const temporary = `${path}.${process.pid}.tmp`;
	writeFileSync(temporary, content);
	renameSync(temporary, path);
}

/**
 * What each source file imports and uses, kept while the file is unchanged: Vite compiles at the
 * start of each build environment (client, server) and at every catalogue change in dev, and
 * parsing every file is the slow part.
 */
const scanned = new Map<string, { stamp: string; uses: SourceUses }>();

function usesOf(file: string, path: string): SourceUses {
	const { mtimeMs, size } = statSync(path);
	const stamp = `${mtimeMs}:${size}`;
	const known = scanned.get(path);
	if (known?.stamp === stamp) return known.uses;
	const uses = scanSource(file, readFileSync(path, 'utf8'));
	scanned.set(path, { stamp, uses });
	return uses;
}

/** The project file an import specifier points to, if it is one of `files`. */
function importTarget(from: string, specifier: string, files: Set<string>): string | undefined {
	let base: string | undefined;
	if (specifier.startsWith('$lib/')) base = `src/lib/${specifier.slice(5)}`;
	else if (specifier.startsWith('.')) base = join(dirname(from), specifier).replaceAll('\\', '/');
	if (base === undefined) return undefined;
	return [base, `${base}.ts`, `${base}.svelte.ts`, `${base}/index.ts`].find((f) => files.has(f));
}

/** What a compile produced: keys per namespace, the text modules and their version. */
export interface CompiledMessages {
	namespaces: Record<string, number>;
	/** Each text module, in src/lib/i18n/generated/ as `textModuleFile(namespace, locale)`. */
	dictionaries: { namespace: string; locale: string }[];
	version: string;
}

export function compileMessages(root: string): CompiledMessages {
	const settings = JSON.parse(readFileSync(resolve(root, 'project.inlang/settings.json'), 'utf8')) as {
		baseLocale: string;
		locales: string[];
	};
	const catalogues = new Map<string, Catalogue>();
	for (const locale of settings.locales) {
		const all = JSON.parse(
			readFileSync(resolve(root, `src/lib/messages/${locale}.json`), 'utf8')
		) as Catalogue;
		delete all.$schema;
		catalogues.set(locale, all);
	}
	const base = catalogues.get(settings.baseLocale) ?? {};
	// The pages' texts; the server's (mails) are compiled apart, below.
	const keys = Object.keys(base).filter((key) => !isServerKey(key));
	const serverKeys = Object.keys(base).filter(isServerKey);

	// Which pages load each source file (its areas), then where each key is used.
	const files = sourceFiles(resolve(root, 'src'), root);
	const known = new Set(files);
	const uses = new Map(files.map((file) => [file, usesOf(file, resolve(root, file))]));
	const imports = new Map(
		files.map((file) => [
			file,
			(uses.get(file)?.imports ?? []).flatMap((specifier) => {
				const target = importTarget(file, specifier, known);
				return target ? [target] : [];
			})
		])
	);
	const fileAreas = areasOfFiles(imports);
	const usedIn = new Map<string, Set<string>>();
	for (const file of files)
		for (const key of uses.get(file)?.keys ?? []) {
			if (!(key in base) || isServerKey(key)) continue;
			const areas = usedIn.get(key) ?? usedIn.set(key, new Set()).get(key);
			for (const area of fileAreas.get(file) ?? [CORE]) areas?.add(area);
		}
	const namespaceOf = assignNamespaces(keys, usedIn);

	const outDir = resolve(root, 'src/lib/i18n/generated');
	mkdirSync(outDir, { recursive: true });
	const written = new Set<string>();
	const write = (name: string, content: string) => {
		written.add(name);
		writeIfChanged(join(outDir, name), content);
	};
	// Namespaces are named by area: core, or a route id such as /kitas/[id].
	const namespaces = [...new Set([CORE, ...[...namespaceOf.values()].flat()])].sort();
	const counts: Record<string, number> = {};
	const dictionaries: CompiledMessages['dictionaries'] = [];
	// One version for all text modules: it changes whenever any text of any language does.
	const version = createHash('sha256');
	for (const namespace of namespaces) {
		const inNamespace = keys.filter((k) => namespaceOf.get(k)?.includes(namespace));
		counts[namespaceName(namespace)] = inNamespace.length;
		for (const [locale, catalogue] of catalogues) {
			const entries = inNamespace.map((key): [string, string] => {
				const message = catalogue[key] ?? base[key];
				if (message === undefined) throw new Error(`compile-messages: ${key} missing`);
				return [key, compileMessage(`${locale}.${key}`, message)];
			});
			const name = textModuleFile(namespaceName(namespace), locale);
			const source = renderDictionary(entries);
			write(name, source);
			dictionaries.push({ namespace: namespaceName(namespace), locale });
			version.update(name).update(source);
		}
	}
	// Each route loads its own namespace besides core (found by its name, text-modules.ts).
	const textsVersion = version.digest('hex').slice(0, 10);
	const named = namespaces.filter((n) => n !== CORE).map(namespaceName);
	write('loaders.ts', renderLoaders(textsVersion, settings.locales, named));
	write(
		'messages.ts',
		renderTypes(
			keys.map((k) => [k, messageInputs([...catalogues.values()].map((c) => c[k] ?? base[k] ?? ''))])
		)
	);
	// Modules of namespaces that no longer exist.
	for (const name of readdirSync(outDir))
		if (!written.has(name) && !name.endsWith('.tmp')) rmSync(join(outDir, name), { force: true });

	// The server's texts (the mails), every language in one table: server/i18n/generated/.
	const serverDir = resolve(root, 'server/i18n/generated');
	mkdirSync(serverDir, { recursive: true });
	const locales = [settings.baseLocale, ...settings.locales.filter((l) => l !== settings.baseLocale)];
	for (const [locale, catalogue] of catalogues)
		writeIfChanged(
			join(serverDir, textModuleFile('mail', locale)),
			renderDictionary(
				serverKeys.map((key): [string, string] => {
					const message = catalogue[key] ?? base[key];
					if (message === undefined) throw new Error(`compile-messages: ${key} missing`);
					return [key, compileMessage(`${locale}.${key}`, message)];
				})
			)
		);
	writeIfChanged(
		join(serverDir, 'mail.ts'),
		renderServerTexts(
			'mail',
			locales,
			serverKeys.map((k) => [k, messageInputs([...catalogues.values()].map((c) => c[k] ?? base[k] ?? ''))])
		)
	);
	return { namespaces: counts, dictionaries, version: textsVersion };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const { namespaces } = compileMessages(resolve(import.meta.dirname, '../..'));
	console.log(
		`messages compiled: ${Object.entries(namespaces)
			.map(([ns, n]) => `${ns} ${n}`)
			.join(', ')}`
	);
}
