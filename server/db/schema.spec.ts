import Database from 'better-sqlite3';
import type { Selectable } from 'kysely';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { ChildmindingStatus } from '../../src/lib/domain/childminding';
import type { WeeklyHours } from '../../src/lib/domain/facility';
import type { RequestStatus } from '../../src/lib/domain/placement';
import type { Role } from '../../src/lib/domain/roles';
import { GENERATED_FILE, generateDatabaseTypes, migratedTempDatabase } from './codegen';
import { CHECKED_COLUMNS, DOMAIN_COLUMNS, PRIMARY_KEYS, type DB } from './schema';

type Value = string | number;

/** `table.column` → the values of its CHECK (column IN (…)) constraint, read from the schema SQL. */
function checkConstraints(sqlite: Database.Database): Map<string, Value[]> {
	const found = new Map<string, Value[]>();
	const tables = sqlite
		.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL")
		.all() as { name: string; sql: string }[];
	for (const { name, sql } of tables)
		for (const match of sql.matchAll(/CHECK\s*\(\s*(\w+)\s+IN\s*\(([^)]*)\)\s*\)/g)) {
			const values = (match[2] ?? '')
				.split(',')
				.map((v) => v.trim())
				.map((v): Value => (v.startsWith("'") ? v.slice(1, -1) : Number(v)));
			found.set(`${name}.${match[1]}`, values);
		}
	return found;
}

const sorted = (values: readonly Value[]) => [...values].map(String).sort();

let sqlite: Database.Database;
let done: () => void;

beforeAll(() => {
	const database = migratedTempDatabase();
	sqlite = new Database(database.path, { readonly: true });
	done = database.done;
});
afterAll(() => {
	sqlite.close();
	done();
});

describe('generated database types', () => {
	it('server/db/generated.ts is what kysely-codegen makes of the migrations (run `npm run db:types`)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'kita-db-types-check-'));
		try {
			const fresh = join(dir, 'generated.ts');
			await generateDatabaseTypes(fresh);
			expect(readFileSync(fresh, 'utf8')).toBe(readFileSync(GENERATED_FILE, 'utf8'));
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}, 60_000);
});

describe('narrowed columns', () => {
	it('finds the CHECK (… IN …) constraints it compares with', () => {
		const checks = checkConstraints(sqlite);
		expect(checks.get('users.role')).toEqual(['parent', 'staff', 'childminding', 'admin']);
		expect(checks.get('capacities.weekly_hours')).toEqual([25, 35, 45]);
	});

	it('types every column with a CHECK (… IN …) constraint as exactly the union of its values', () => {
		const checks = checkConstraints(sqlite);
		expect(Object.keys(CHECKED_COLUMNS).sort()).toEqual([...checks.keys()].sort());
		for (const [column, values] of Object.entries(CHECKED_COLUMNS))
			expect(sorted(values), column).toEqual(sorted(checks.get(column) ?? []));
	});

	it('narrows the enum-like columns without a constraint, which exist and have none', () => {
		const checks = checkConstraints(sqlite);
		for (const column of Object.keys(DOMAIN_COLUMNS)) {
			const [table, name] = column.split('.');
			const columns = (sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
			expect(columns, column).toContain(name);
			expect(checks.has(column), `${column} has a CHECK now: move it to CHECKED_COLUMNS`).toBe(false);
		}
	});

	it('lists every primary key of the schema as NOT NULL', () => {
		const tables = (
			sqlite
				.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
				.all() as { name: string }[]
		).map((t) => t.name);
		expect(Object.keys(PRIMARY_KEYS).sort()).toEqual(tables.sort());
		for (const table of tables) {
			const keys = (sqlite.pragma(`table_info(${table})`) as { name: string; pk: number }[])
				.filter((c) => c.pk > 0)
				.sort((a, b) => a.pk - b.pk)
				.map((c) => c.name);
			expect([...PRIMARY_KEYS[table as keyof typeof PRIMARY_KEYS]], table).toEqual(keys);
		}
	});

	it('gives the services the domain unions (checked by the compiler)', () => {
		expectTypeOf<Selectable<DB['requests']>['status']>().toEqualTypeOf<RequestStatus>();
		expectTypeOf<Selectable<DB['requests']>['offer_weekly_hours']>().toEqualTypeOf<WeeklyHours | null>();
		expectTypeOf<Selectable<DB['childminder_requests']>['status']>().toEqualTypeOf<ChildmindingStatus>();
		expectTypeOf<Selectable<DB['users']>['role']>().toEqualTypeOf<Role>();
		expectTypeOf<Selectable<DB['users']>['id']>().toEqualTypeOf<string>();
		expectTypeOf<Selectable<DB['audit_events']>['id']>().toEqualTypeOf<number>();
		expectTypeOf<Selectable<DB['users']>['active']>().toEqualTypeOf<0 | 1>();
		expectTypeOf<Selectable<DB['users']>['locale']>().toEqualTypeOf<
			'de' | 'en' | 'tr' | 'ar' | 'uk' | 'ru' | 'pl'
		>();
		expect(Object.keys(PRIMARY_KEYS)).toContain('requests');
	});
});
