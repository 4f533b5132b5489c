// Forward-only SQL migrations from migrations/, applied in name order and recorded with a checksum.
// A landed migration that was edited afterwards stops the start: the database would no longer
// match what the file says.
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE_NAME = /^\d{4}_[a-z0-9_]+\.sql$/;

export class MigrationError extends Error {}

export interface MigrationFile {
	name: string;
	sql: string;
	checksum: string;
}

export function readMigrations(dir: string): MigrationFile[] {
	return readdirSync(dir)
		.filter((name) => name.endsWith('.sql'))
		.sort()
		.map((name) => {
			if (!FILE_NAME.test(name))
				throw new MigrationError(`Migration file name "${name}" is not NNNN_description.sql.`);
			const sql = readFileSync(join(dir, name), 'utf8');
			return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
		});
}

/**
 * Refuses to start when a migration recorded in the database is missing from `dir` or was edited
 * after it was applied (each engine's migrator calls this).
 */
export function checkApplied(
	files: MigrationFile[],
	applied: ReadonlyMap<string, string>,
	dir: string
): void {
	for (const [name, checksum] of applied) {
		const file = files.find((f) => f.name === name);
		if (!file)
			throw new MigrationError(
				`Migration ${name} is recorded in the database but its file is missing from ${dir}. Refusing to start.`
			);
		if (file.checksum !== checksum)
			throw new MigrationError(
				`Migration ${name} was changed after it was applied (checksum ${checksum.slice(0, 12)} in the database, ` +
					`${file.checksum.slice(0, 12)} on disk). Migrations are frozen: restore the file and add a new migration instead. Refusing to start.`
			);
	}
}

/** Applies pending migrations; returns the names applied now. */
export function migrate(sqlite: Database.Database, dir: string): string[] {
	sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
	const files = readMigrations(dir);
	const applied = new Map(
		(
			sqlite.prepare('SELECT name, checksum FROM schema_migrations').all() as {
				name: string;
				checksum: string;
			}[]
		).map((row) => [row.name, row.checksum])
	);
	checkApplied(files, applied, dir);
	const done: string[] = [];
	for (const file of files) {
		if (applied.has(file.name)) continue;
		sqlite.transaction(() => {
			sqlite.exec(file.sql);
			sqlite
				.prepare('INSERT INTO schema_migrations (name, checksum, applied_at) VALUES (?, ?, ?)')
				.run(file.name, file.checksum, new Date().toISOString());
		})();
		done.push(file.name);
	}
	return done;
}

/** How the database's applied migrations stand against the files this version of the portal ships. */
export interface MigrationStatus {
	/** Files not applied yet. */
	pending: string[];
	/** Applied, but the file says something else now (frozen migrations were edited). */
	changed: string[];
	/** Applied by a newer version of the portal: this process does not know them. */
	unknown: string[];
}

/** Compares without changing anything (the readiness check asks this on every probe). */
export function migrationStatus(
	applied: ReadonlyMap<string, string>,
	files: readonly MigrationFile[]
): MigrationStatus {
	const known = new Set(files.map((file) => file.name));
	return {
		pending: files.filter((file) => !applied.has(file.name)).map((file) => file.name),
		changed: files
			.filter((file) => applied.has(file.name) && applied.get(file.name) !== file.checksum)
			.map((f) => f.name),
		unknown: [...applied.keys()].filter((name) => !known.has(name)).sort()
	};
}
