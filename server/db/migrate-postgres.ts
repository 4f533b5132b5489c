// Migrations on PostgreSQL: migrations/postgres/ holds each SQLite migration's twin under the same
// name; they are applied in name order, recorded with their checksum and frozen, as on SQLite
// (migrator.ts). An advisory lock lets two app nodes start at once: the second waits, then finds
// nothing to do.
import type pg from 'pg';
import { join } from 'node:path';
import { checkApplied, MigrationError, readMigrations, type MigrationFile } from './migrator';

/** Held while migrating; any fixed number the portal uses for nothing else. */
const MIGRATION_LOCK = 0x6b697461; // 'kita'

/** The twins of `dir`'s migrations; refuses when one engine has a migration the other lacks. */
export function readPostgresMigrations(dir: string): MigrationFile[] {
	const sqlite = readMigrations(dir).map((f) => f.name);
	const postgres = readMigrations(join(dir, 'postgres'));
	const names = postgres.map((f) => f.name);
	const missing = sqlite.filter((name) => !names.includes(name));
	const extra = names.filter((name) => !sqlite.includes(name));
	if (missing.length > 0 || extra.length > 0)
		throw new MigrationError(
			`migrations/ and migrations/postgres/ must hold the same migrations` +
				(missing.length ? `; no PostgreSQL twin of ${missing.join(', ')}` : '') +
				(extra.length ? `; no SQLite twin of ${extra.join(', ')}` : '') +
				'.'
		);
	return postgres;
}

/** Applies pending migrations, each in its own transaction; returns the names applied now. */
export async function migratePostgres(pool: pg.Pool, dir: string): Promise<string[]> {
	const files = readPostgresMigrations(dir);
	const client = await pool.connect();
	try {
		await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
		await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
			name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
		const { rows } = await client.query<{ name: string; checksum: string }>(
			'SELECT name, checksum FROM schema_migrations'
		);
		const applied = new Map(rows.map((row) => [row.name, row.checksum]));
		checkApplied(files, applied, join(dir, 'postgres'));
		const done: string[] = [];
		for (const file of files) {
			if (applied.has(file.name)) continue;
			await client.query('BEGIN');
			try {
				await client.query(file.sql);
				await client.query('INSERT INTO schema_migrations (name, checksum, applied_at) VALUES ($1, $2, $3)', [
					file.name,
					file.checksum,
					new Date().toISOString()
				]);
				await client.query('COMMIT');
			} catch (error) {
				await client.query('ROLLBACK');
				throw error;
			}
			done.push(file.name);
		}
		return done;
	} finally {
		await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
		client.release();
	}
}
