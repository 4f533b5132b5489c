// Online backups of the SQLite database (better-sqlite3's backup API, the one SQLite provides for a
// live database): taken while the portal keeps writing, checked, then renamed into BACKUP_DIR, and
// rotated so that the newest BACKUP_KEEP stay. `npm run restore -- <file>` puts one back.
import Database from 'better-sqlite3';
import {
	chmodSync,
	closeSync,
	copyFileSync,
	existsSync,
	mkdirSync,
	openSync,
	readdirSync,
	renameSync,
	rmSync
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { restrictDatabaseFiles, withPrivateFiles, type Db } from '../db/database';
import { audit } from '../services/audit';
import { everyInterval, type IntervalJob } from './interval';

const BACKUP_NAME = /^kita-\d{8}T\d{6}Z(-\d+)?\.db$/;
/** Pages copied per step; between steps the server answers requests (and writes). */
const PAGES_PER_STEP = 64;

export class BackupError extends Error {}

/** The time in a backup's name: `20261126T010000Z`. */
export function stamp(now: Date): string {
	return now
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d+Z$/, 'Z');
}

/** Fails unless `file` is an intact SQLite database of this portal. */
export function checkBackupFile(file: string): void {
	if (!existsSync(file)) throw new BackupError(`${file} does not exist.`);
	let db: Database.Database | null = null;
	try {
		db = new Database(file, { readonly: true, fileMustExist: true });
		const check = db.pragma('quick_check', { simple: true });
		if (check !== 'ok') throw new BackupError(`${file} is damaged: ${String(check)}`);
		const migrations = db
			.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
			.get();
		if (!migrations) throw new BackupError(`${file} is not a Kita-Portal database (no schema_migrations).`);
	} catch (error) {
		if (error instanceof BackupError) throw error;
		throw new BackupError(
			`${file} is not a readable SQLite database: ${error instanceof Error ? error.message : String(error)}`
		);
	} finally {
		db?.close();
	}
}

/**
 * The copy inherits WAL mode from the live database; switched to a rollback journal it is one
 * self-contained file (no -wal/-shm beside it), safe to copy, move and restore.
 */
function selfContained(file: string): void {
	const db = new Database(file, { fileMustExist: true });
	try {
		db.pragma('journal_mode = DELETE');
	} finally {
		db.close();
	}
}

/**
 * Deletes all but the newest `keep` backups (by the time in their name); returns what it deleted.
 * `names`: which files are backups (PostgreSQL's dumps have names of their own, backup-postgres.ts).
 */
export function rotateBackups(dir: string, keep: number, names = BACKUP_NAME): string[] {
	const files = readdirSync(dir)
		.filter((name) => names.test(name))
		.sort()
		.reverse();
	const old = files.slice(keep);
	for (const name of old) rmSync(join(dir, name), { force: true });
	return old;
}

/** Takes a backup now; returns its path. */
/** Records a finished backup (either engine) in the audit log: the file's name only. */
export function auditBackup(db: Db, name: string, now: Date): Promise<void> {
	return audit(
		db,
		{ action: 'backup.run', actor: { userId: null, role: 'system' }, targetType: 'backup', targetId: name },
		now
	);
}

export async function backupNow(
	sqlite: Database.Database,
	dir: string,
	now: Date,
	keep: number,
	db?: Db,
	pagesPerStep = PAGES_PER_STEP
): Promise<string> {
	// Backups hold what the database holds: folder 0700, files 0600 (see withPrivateFiles).
	withPrivateFiles(() => mkdirSync(dir, { recursive: true, mode: 0o700 }));
	let name = `kita-${stamp(now)}.db`;
	for (let i = 1; existsSync(join(dir, name)); i++) name = `kita-${stamp(now)}-${i}.db`;
	// Written under a temporary name: a backup that is listed is a complete one.
	const partial = join(dir, `.${name}.partial`);
	try {
		// Created empty with mode 0600 first: SQLite writes into it and gives its journal that mode.
		// (A umask cannot be held across the backup's steps: other requests run in between.)
		closeSync(openSync(partial, 'wx', 0o600));
		await sqlite.backup(partial, { progress: () => pagesPerStep });
		selfContained(partial);
		restrictDatabaseFiles(partial);
		checkBackupFile(partial);
		renameSync(partial, join(dir, name));
	} catch (error) {
		for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(partial + suffix, { force: true });
		throw error;
	}
	rotateBackups(dir, keep);
	if (db) await auditBackup(db, name, now);
	return join(dir, name);
}

/**
 * Restores `file` as the database at `databasePath` (the server must be stopped). The current
 * database with its WAL is kept beside it as `<name>.before-restore-<time>`; returns that path.
 */
export function restoreBackup(file: string, databasePath: string, now: Date): string | null {
	checkBackupFile(file);
	withPrivateFiles(() => mkdirSync(dirname(databasePath), { recursive: true, mode: 0o700 }));
	let kept: string | null = null;
	if (existsSync(databasePath)) {
		kept = `${databasePath}.before-restore-${stamp(now)}`;
		for (const suffix of ['', '-wal', '-shm'])
			if (existsSync(databasePath + suffix)) renameSync(databasePath + suffix, kept + suffix);
	}
	const partial = join(dirname(databasePath), `.${basename(databasePath)}.restoring`);
	// copyFile keeps the source's mode: a backup from before this rule may be world-readable.
	withPrivateFiles(() => copyFileSync(file, partial));
	chmodSync(partial, 0o600);
	renameSync(partial, databasePath);
	if (kept) restrictDatabaseFiles(kept);
	return kept;
}

/** True when a connection may still have the database open (its shared-memory file exists). */
export function databaseInUse(databasePath: string): boolean {
	return existsSync(`${databasePath}-shm`);
}

export type BackupJob = IntervalJob<string | null>;

export function startBackups(
	sqlite: Database.Database,
	db: Db,
	options: { dir: string; keep: number; intervalMs: number; now: () => Date }
): BackupJob {
	return everyInterval(
		'Backup',
		() => backupNow(sqlite, options.dir, options.now(), options.keep, db),
		null,
		options.intervalMs
	);
}
