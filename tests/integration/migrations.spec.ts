import Database from 'better-sqlite3';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, MigrationError } from '../../server/db/migrator';

describe('migrator', () => {
	const dirs: string[] = [];
	afterEach(() => {
		for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
	});

	function scratch() {
		const dir = mkdtempSync(join(tmpdir(), 'kita-mig-'));
		dirs.push(dir);
		cpSync(resolve(import.meta.dirname, '../../migrations'), join(dir, 'migrations'), { recursive: true });
		return { dir, migrations: join(dir, 'migrations'), db: new Database(join(dir, 'kita.db')) };
	}

	it('applies every migration once, in order, and records it', () => {
		const { db, migrations } = scratch();
		const applied = migrate(db, migrations);
		expect(applied[0]).toBe('0001_public_catalogue.sql');
		expect(applied).toEqual([...applied].sort());
		expect(migrate(db, migrations)).toEqual([]);
		const rows = db.prepare('SELECT name FROM schema_migrations ORDER BY name').all() as { name: string }[];
		expect(rows.map((r) => r.name)).toEqual(applied);
		db.close();
	});

	it('refuses to start when a landed migration file was changed', () => {
		const { db, migrations } = scratch();
		migrate(db, migrations);
		appendFileSync(join(migrations, '0001_public_catalogue.sql'), '\n-- edited afterwards\n');
		expect(() => migrate(db, migrations)).toThrow(MigrationError);
		expect(() => migrate(db, migrations)).toThrow(
			/0001_public_catalogue\.sql was changed after it was applied/
		);
		db.close();
	});
});
