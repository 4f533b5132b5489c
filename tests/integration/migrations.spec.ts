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

	it('0009 rebuilds duplicate_candidates for the new statuses, keeping its rows and indexes', () => {
		const { db, migrations } = scratch();
		// The database as it was before: everything up to 0008.
		rmSync(join(migrations, '0009_duplicate_consent.sql'));
		migrate(db, migrations);
		db.pragma('foreign_keys = OFF');
		db.prepare(
			"INSERT INTO duplicate_candidates (id, facility_id, child_id, match_child_id, status, found_at, decided_at, decided_by, seq) VALUES ('d1', 'f', 'c1', 'c2', 'linked', '2026-11-01T09:00:00Z', '2026-11-02T09:00:00Z', 'u1', 7)"
		).run();
		cpSync(
			resolve(import.meta.dirname, '../../migrations/0009_duplicate_consent.sql'),
			join(migrations, '0009_duplicate_consent.sql')
		);
		expect(migrate(db, migrations)).toEqual(['0009_duplicate_consent.sql']);
		expect(db.prepare('SELECT * FROM duplicate_candidates').all()).toEqual([
			{
				id: 'd1',
				facility_id: 'f',
				child_id: 'c1',
				match_child_id: 'c2',
				status: 'linked',
				found_at: '2026-11-01T09:00:00Z',
				asked_at: null,
				asked_by: null,
				decided_at: '2026-11-02T09:00:00Z',
				decided_by: 'u1',
				seq: 7
			}
		]);
		const indexes = (
			db
				.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'duplicate_candidates'")
				.all() as {
				name: string;
			}[]
		).map((r) => r.name);
		expect(indexes).toEqual(
			expect.arrayContaining([
				'duplicate_candidates_facility_seq',
				'duplicate_candidates_match',
				'duplicate_candidates_status_seq'
			])
		);
		db.prepare("UPDATE duplicate_candidates SET status = 'askedFamily' WHERE id = 'd1'").run();
		expect(() =>
			db.prepare("UPDATE duplicate_candidates SET status = 'maybe' WHERE id = 'd1'").run()
		).toThrow(/CHECK/);
		db.close();
	});
});
