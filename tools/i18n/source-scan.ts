// What a source file of the app tells the catalogue compiler: the modules it imports and the
// catalogue keys it uses (`m.<key>`). Read from the syntax tree — the TypeScript compiler API for
// .ts, svelte/compiler's parse for .svelte (scripts and template) — not with patterns, so that a
// comment or a string is not taken for code and an import over several lines is found.
//
// Followed imports: static imports and re-exports (not `import type`/`export type`: no code is
// loaded) and `import('…')` with a quoted path. An import whose path is a template literal
// (`` import(`../deferred/X.svelte`) ``) is deliberately not followed: the shell loads its later
// parts that way so that their texts stay out of the shell's namespace (catalogue-compiler.ts).
import { parse } from 'svelte/compiler';
import ts from 'typescript';

export interface SourceUses {
	/** Import specifiers as written ('$lib/…', './x'), in source order, without repeats. */
	imports: string[];
	/** Keys used as `m.<key>`, in source order, without repeats. */
	keys: string[];
}

/** The name under which the catalogue's texts are used (`import { m } from '$lib/i18n/messages'`). */
const MESSAGES = 'm';

function scanTypeScript(file: string, source: string): SourceUses {
	const imports = new Set<string>();
	const keys = new Set<string>();
	const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
	const visit = (node: ts.Node): void => {
		if (ts.isImportDeclaration(node)) {
			if (!node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier))
				imports.add(node.moduleSpecifier.text);
		} else if (ts.isExportDeclaration(node)) {
			if (!node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
				imports.add(node.moduleSpecifier.text);
		} else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
			const [path] = node.arguments;
			if (path && ts.isStringLiteral(path)) imports.add(path.text);
		} else if (
			ts.isPropertyAccessExpression(node) &&
			ts.isIdentifier(node.expression) &&
			node.expression.text === MESSAGES &&
			ts.isIdentifier(node.name)
		) {
			keys.add(node.name.text);
		}
		ts.forEachChild(node, visit);
	};
	visit(tree);
	return { imports: [...imports], keys: [...keys] };
}

/** An ESTree node as svelte/compiler's parse returns it (scripts and template expressions). */
interface EsNode {
	type: string;
	[field: string]: unknown;
}

function isNode(value: unknown): value is EsNode {
	return (
		typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
	);
}

function literal(node: unknown): string | undefined {
	return isNode(node) && node.type === 'Literal' && typeof node.value === 'string' ? node.value : undefined;
}

function scanSvelte(file: string, source: string): SourceUses {
	const imports = new Set<string>();
	const keys = new Set<string>();
	const root = parse(source, { modern: true, filename: file }) as unknown;
	const seen = new WeakSet<object>();
	const visit = (value: unknown): void => {
		if (typeof value !== 'object' || value === null || seen.has(value)) return;
		seen.add(value);
		if (Array.isArray(value)) {
			for (const item of value) visit(item);
			return;
		}
		if (isNode(value)) {
			const typeOnly = value.importKind === 'type' || value.exportKind === 'type';
			if (value.type === 'ImportDeclaration' || value.type.startsWith('Export')) {
				const path = literal(value.source);
				if (path !== undefined && !typeOnly) imports.add(path);
			} else if (value.type === 'ImportExpression') {
				const path = literal(value.source);
				if (path !== undefined) imports.add(path);
			} else if (value.type === 'MemberExpression' && !value.computed) {
				const { object, property } = value;
				if (isNode(object) && object.type === 'Identifier' && object.name === MESSAGES)
					if (isNode(property) && property.type === 'Identifier' && typeof property.name === 'string')
						keys.add(property.name);
			}
		}
		for (const [field, child] of Object.entries(value))
			if (field !== 'parent' && field !== 'metadata' && field !== 'loc') visit(child);
	};
	visit(root);
	return { imports: [...imports], keys: [...keys] };
}

/** The imports and catalogue keys of one source file (`.ts` or `.svelte`). */
export function scanSource(file: string, source: string): SourceUses {
	return file.endsWith('.svelte') ? scanSvelte(file, source) : scanTypeScript(file, source);
}
