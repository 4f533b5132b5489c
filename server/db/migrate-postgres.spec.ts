import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readPostgresMigrations } from './migrate-postgres';
import { readMigrations } from './migrator';

describe('readPostgresMigrations', () => {
	const dirs: string[] = [];
	afterEach(() => {
		for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
	});
	function folder(sqlite: string[], postgres: string[]): string {
		const dir = mkdtempSync(join(tmpdir(), 'kita-migrations-'));
		dirs.push(dir);
		mkdirSync(join(dir, 'postgres'));
		for (const name of sqlite) writeFileSync(join(dir, name), 'SELECT 1;');
		for (const name of postgres) writeFileSync(join(dir, 'postgres', name), 'SELECT 1;');
		return dir;
	}

	it('gives the PostgreSQL twins in name order when both engines hold the same migrations', () => {
		const dir = folder(['0002_b.sql', '0001_a.sql'], ['0001_a.sql', '0002_b.sql']);
		expect(readPostgresMigrations(dir).map((f) => f.name)).toEqual(['0001_a.sql', '0002_b.sql']);
	});

	it('refuses when a migration has no twin on the other engine', () => {
		expect(() => readPostgresMigrations(folder(['0001_a.sql', '0002_b.sql'], ['0001_a.sql']))).toThrow(
			/no PostgreSQL twin of 0002_b\.sql/
		);
		expect(() => readPostgresMigrations(folder(['0001_a.sql'], ['0001_a.sql', '0002_b.sql']))).toThrow(
			/no SQLite twin of 0002_b\.sql/
		);
	});

	it('finds a twin for every migration of the portal', () => {
		const dir = resolve(import.meta.dirname, '../../migrations');
		expect(readPostgresMigrations(dir).map((f) => f.name)).toEqual(readMigrations(dir).map((f) => f.name));
	});
});
