// The device's database against the queries the pages run (issue 13): Dexie refuses `orderBy` and
// `where` on a key path that is not indexed — at run time, in the browser only. A page that did so
// showed the family's stored guardians as empty forms (SchemaError in the console). This test opens
// the real schema (fake-indexeddb) and checks every such query in the source.
import 'fake-indexeddb/auto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDb } from './local-db';

const SRC = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
		return /\.(ts|svelte)$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
	});
}

/** Every `db.<table>.orderBy('<key>')` / `.where('<key>')` in the app's source. */
function indexedQueries(): { file: string; table: string; key: string }[] {
	const pattern = /\b(?:db|this)\s*\.\s*(\w+)\s*\.\s*(?:orderBy|where)\(\s*['"]([^'"]+)['"]/g;
	return sourceFiles(SRC).flatMap((file) =>
		[...readFileSync(file, 'utf8').matchAll(pattern)].map(([, table = '', key = '']) => ({
			file: file.slice(SRC.length + 1),
			table,
			key
		}))
	);
}

describe('the local database schema', () => {
	let db: LocalDb;
	beforeAll(async () => {
		db = new LocalDb(`schema-test-${crypto.randomUUID()}`);
		await db.open();
	});
	afterAll(async () => {
		await db.delete();
	});

	it('indexes every key path the pages sort or filter by', () => {
		const queries = indexedQueries();
		expect(queries.length).toBeGreaterThan(20);
		for (const { file, table, key } of queries) {
			const schema = db.tables.find((t) => t.name === table)?.schema;
			expect(schema, `${file}: table ${table}`).toBeDefined();
			const indexed = [schema?.primKey.name, ...(schema?.indexes.map((i) => i.name) ?? [])];
			expect(indexed, `${file}: ${table}.${key} is not indexed`).toContain(key);
		}
	});

	it('reads the family’s stored guardians back in their order', async () => {
		const familyId = crypto.randomUUID();
		const guardian = (position: 1 | 2, firstName: string) => ({
			id: crypto.randomUUID(),
			familyId,
			position,
			firstName,
			lastName: 'Muster',
			street: 'Steinerstraße 3',
			postcode: '59457',
			town: 'Werl',
			phone: '02922 123',
			email: '',
			updatedAt: '2026-12-04T09:00:00Z'
		});
		await db.guardians.bulkPut([guardian(2, 'Bernd'), guardian(1, 'Anna')]);
		// The queries of /familie, the receipt page and the Fachberatung's request page.
		expect((await db.guardians.orderBy('position').toArray()).map((g) => g.firstName)).toEqual([
			'Anna',
			'Bernd'
		]);
		expect(
			(await db.guardians.where('familyId').equals(familyId).sortBy('position')).map((g) => g.firstName)
		).toEqual(['Anna', 'Bernd']);
	});
});
