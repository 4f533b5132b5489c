import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEXT_ROUTES, NOT_NEXT_ROUTES, safeNext } from './safe-next';

const ROUTES = resolve(import.meta.dirname, '../../routes');

describe('safeNext', () => {
	it('knows every top-level route folder: as a place to go on to, or as one on purpose not', () => {
		// A route group's folder, e.g. (parent), is not in the address: its folders are top-level.
		const foldersIn = (dir: string): string[] =>
			readdirSync(dir, { withFileTypes: true })
				.filter((entry) => entry.isDirectory())
				.flatMap((entry) =>
					/^\(.*\)$/.test(entry.name) ? foldersIn(resolve(dir, entry.name)) : [entry.name]
				);
		const folders = [...new Set(foldersIn(ROUTES))].sort();
		expect([...NEXT_ROUTES, ...NOT_NEXT_ROUTES].sort()).toEqual(folders);
	});

	it.each([
		'/',
		'/kitas',
		'/kitas/3f1c2a9e-0000-4000-8000-000000000000',
		'/meine-anmeldungen?jahr=2027#liste',
		'/konto/daten',
		'/verwaltung/konten',
		'/kita/anfrage?id=1'
	])('follows %s', (next) => {
		expect(safeNext(next)).toBe(next);
	});

	it.each([
		null,
		undefined,
		'',
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r//evil.example',
		'\t/kitas',
		' /kitas',
		'//evil.example',
		'///evil.example',
		'/\\evil.example',
		'\\/evil.example',
		'/kitas\\..\\..\\evil',
		'https://evil.example/kitas',
		'http:/kitas',
		'javascript:alert(1)',
		'kitas',
		'/%09/evil.example',
		'/unbekannt',
		'/api/trpc/auth.logout',
		'/dev/mailbox',
		'/shell',
		'/kitas\u0000',
		'/kitas\u007f',
		'/kitas\u2028'
	])('refuses %j', (next) => {
		expect(safeNext(next)).toBeNull();
	});
});
