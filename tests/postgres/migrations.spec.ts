// PostgreSQL migrations against a real throw-away cluster: they apply once, build the schema the
// SQLite migrations build (tables, columns, nullability, primary keys), stay frozen, and a database
// that sorts text by a language's rules is refused.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../server/db/migrate-postgres';
import { migrate, MigrationError } from '../../server/db/migrator';
import { assertBytewiseCollation, openPostgres, PostgresSetupError } from '../../server/db/postgres';
import { startCluster, type Cluster } from './cluster';

const MIGRATIONS = resolve(import.meta.dirname, '../../migrations');

interface Column {
	table: string;
	column: string;
	notNull: boolean;
	primaryKey: boolean;
}

const key = (c: Column) => `${c.table}.${c.column}`;

function sqliteColumns(): Column[] {
	const dir = mkdtempSync(join(tmpdir(), 'kita-schema-'));
	const sqlite = new Database(join(dir, 'kita.db'));
	try {
		migrate(sqlite, MIGRATIONS);
		const tables = sqlite
			.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
			.all() as { name: string }[];
		return tables.flatMap(({ name }) =>
			(
				sqlite.prepare(`SELECT name, "notnull", pk FROM pragma_table_info(?)`).all(name) as {
					name: string;
					notnull: number;
					pk: number;
				}[]
			).map((c) => ({
				table: name,
				column: c.name,
				// SQLite lets a TEXT primary key hold NULL (a legacy quirk); PostgreSQL never does.
				notNull: c.notnull === 1 || c.pk > 0,
				primaryKey: c.pk > 0
			}))
		);
	} finally {
		sqlite.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('PostgreSQL migrations', () => {
	let cluster: Cluster;
	beforeAll(() => {
		cluster = startCluster();
	});
	afterAll(() => cluster?.stop());

	it('apply once and build the schema the SQLite migrations build', async () => {
		const { pool, close } = openPostgres(cluster.createDatabase());
		try {
			await assertBytewiseCollation(pool);
			const applied = await migratePostgres(pool, MIGRATIONS);
			expect(applied.length).toBeGreaterThan(10);
			expect(await migratePostgres(pool, MIGRATIONS)).toEqual([]);
			const { rows } = await pool.query<{ table: string; column: string; nullable: string; pk: boolean }>(
				`SELECT c.table_name AS table, c.column_name AS column, c.is_nullable AS nullable,
				   EXISTS (SELECT 1 FROM information_schema.table_constraints t
				     JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name)
				     WHERE t.constraint_type = 'PRIMARY KEY' AND k.table_name = c.table_name
				       AND k.column_name = c.column_name) AS pk
				 FROM information_schema.columns c WHERE c.table_schema = 'public'`
			);
			const postgres: Column[] = rows.map((r) => ({
				table: r.table,
				column: r.column,
				notNull: r.nullable === 'NO',
				primaryKey: r.pk
			}));
			const sort = (list: Column[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
			expect(sort(postgres)).toEqual(sort(sqliteColumns()));
		} finally {
			await close();
		}
	});

	it('refuse to start when an applied migration was edited', async () => {
		const { pool, close } = openPostgres(cluster.createDatabase());
		try {
			await migratePostgres(pool, MIGRATIONS);
			await pool.query("UPDATE schema_migrations SET checksum = 'edited' WHERE name LIKE '0003%'");
			await expect(migratePostgres(pool, MIGRATIONS)).rejects.toThrow(MigrationError);
		} finally {
			await close();
		}
	});

	it('are applied once when two app nodes start at the same moment', async () => {
		const url = cluster.createDatabase();
		const [a, b] = [openPostgres(url), openPostgres(url)];
		try {
			const [first, second] = await Promise.all([
				migratePostgres(a.pool, MIGRATIONS),
				migratePostgres(b.pool, MIGRATIONS)
			]);
			expect([...first, ...second].sort()).toEqual(
				(await migratePostgres(a.pool, MIGRATIONS)).concat(first, second).sort()
			);
			expect(first.length + second.length).toBeGreaterThan(10);
			expect(Math.min(first.length, second.length)).toBe(0);
		} finally {
			await a.close();
			await b.close();
		}
	});

	it('refuse a database that sorts text by a language’s rules', async () => {
		const url = cluster.createDatabase();
		const { pool, close } = openPostgres(url);
		try {
			await pool.query(
				"CREATE DATABASE kita_icu TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'de-DE' LOCALE 'C'"
			);
		} finally {
			await close();
		}
		const icu = openPostgres(url.replace(/\/kita_[^?]+/, '/kita_icu'));
		try {
			await expect(assertBytewiseCollation(icu.pool)).rejects.toThrow(PostgresSetupError);
		} finally {
			await icu.close();
		}
	});
});
