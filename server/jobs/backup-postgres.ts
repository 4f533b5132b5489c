// Backups of a PostgreSQL database (DATABASE_URL) with the engine's own tools: `npm run backup`
// writes a pg_dump custom-format archive into BACKUP_DIR, `npm run restore` puts one back with
// pg_restore. The SQLite backups (online backup API) are in backup.ts.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readdirSync,
	renameSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { dirname, join } from 'node:path';
import type pg from 'pg';
import { withPrivateFiles, type Db } from '../db/database';
import { splitPostgresAddress } from '../db/database-name.js';
import { auditBackup, BackupError, rotateBackups, stamp } from './backup';

/** The dumps `npm run backup` writes and rotates (the ones kept before a restore are not rotated). */
const DUMP_NAME = /^kita-\d{8}T\d{6}Z(-\d+)?\.dump$/;

type Program = 'pg_dump' | 'pg_restore' | 'psql';

/**
 * A PostgreSQL client program: from PG_BIN, else the newest of Debian's /usr/lib/postgresql/<n>/bin
 * (those are not on PATH; pg_dump must be at least as new as the server), else from PATH.
 */
export function postgresProgram(name: Program, env: NodeJS.ProcessEnv = process.env): string {
	if (env.PG_BIN) return join(env.PG_BIN, name);
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((v) => existsSync(join(root, v, 'bin', name)))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	return versions[0] ? join(root, versions[0], 'bin', name) : name;
}

/**
 * The address for libpq's programs without its password, and the password as PGPASSWORD: a command
 * line is readable by every user of the machine (ps), the environment of a process is not.
 */
export function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
	const parts = splitPostgresAddress(url);
	if (!parts) throw new BackupError('DATABASE_URL is no postgres:// address.');
	// Cut as postgresDatabaseName cuts it, so that no part of an unescaped password stays in the
	// command line (readable by every user through ps).
	const { scheme, userinfo, hostAndPath: path, query } = parts;
	let password: string | null = null;
	let user = userinfo;
	if (user?.includes(':')) {
		password = decodeURIComponent(user.slice(user.indexOf(':') + 1));
		user = user.slice(0, user.indexOf(':'));
	}
	// A password may also come as a query parameter (…?password=…).
	const params = (query ?? '').split('&').filter((p) => {
		if (!p.startsWith('password=')) return p !== '';
		password = decodeURIComponent(p.slice('password='.length));
		return false;
	});
	const dbname = `${scheme}${user === null ? '' : `${user}@`}${path}${params.length ? `?${params.join('&')}` : ''}`;
	const env: NodeJS.ProcessEnv = { ...process.env };
	if (password !== null) env.PGPASSWORD = password;
	return { dbname, env };
}

/** Runs a client program; fails with its own error text. `stdout`: a file descriptor to write to. */
function runProgram(
	name: Program,
	args: string[],
	env: NodeJS.ProcessEnv,
	stdout: number | 'pipe' = 'pipe'
): Promise<string> {
	return new Promise((done, fail) => {
		const child = spawn(postgresProgram(name, env), args, { env, stdio: ['ignore', stdout, 'pipe'] });
		let out = '';
		let err = '';
		child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
		child.once('error', (error) => fail(new BackupError(`${name} could not start: ${error.message}`)));
		child.once('close', (code) =>
			code === 0 ? done(out) : fail(new BackupError(`${name} failed: ${err.trim() || `exit code ${code}`}`))
		);
	});
}

/** The archive's table of contents (`pg_restore --list`); fails unless it is a dump of this portal. */
export async function checkPostgresBackupFile(file: string): Promise<string> {
	if (!existsSync(file)) throw new BackupError(`${file} does not exist.`);
	let list: string;
	try {
		list = await runProgram('pg_restore', ['--list', file], process.env);
	} catch (error) {
		throw new BackupError(
			`${file} is not a pg_dump archive in custom format (pg_dump --format=custom): ${(error as Error).message}`
		);
	}
	if (!/ TABLE public schema_migrations /.test(list))
		throw new BackupError(`${file} is not a Kita-Portal database dump (no schema_migrations).`);
	return list;
}

/** Dumps the database at `url` into `file` (created 0600; it holds what the database holds). */
async function dumpTo(url: string, file: string): Promise<void> {
	const { dbname, env } = toolConnection(url);
	withPrivateFiles(() => mkdirSync(dirname(file), { recursive: true, mode: 0o700 }));
	// pg_dump would create its --file with the umask's mode: it writes to a descriptor opened 0600.
	const fd = openSync(file, 'wx', 0o600);
	try {
		await runProgram('pg_dump', ['--format=custom', `--dbname=${dbname}`], env, fd);
	} finally {
		closeSync(fd);
	}
}

/** Takes a dump now (the server may keep running: pg_dump reads one snapshot); returns its path. */
export async function backupPostgresNow(
	url: string,
	dir: string,
	now: Date,
	keep: number,
	db?: Db
): Promise<string> {
	let name = `kita-${stamp(now)}.dump`;
	for (let i = 1; existsSync(join(dir, name)); i++) name = `kita-${stamp(now)}-${i}.dump`;
	// Written under a temporary name: a backup that is listed is a complete one.
	const partial = join(dir, `.${name}.partial`);
	try {
		await dumpTo(url, partial);
		await checkPostgresBackupFile(partial);
		renameSync(partial, join(dir, name));
	} catch (error) {
		rmSync(partial, { force: true });
		throw error;
	}
	rotateBackups(dir, keep, DUMP_NAME);
	if (db) await auditBackup(db, name, now);
	return join(dir, name);
}

/** Sessions on the database besides `pool`'s own: a running portal holds some. */
export async function otherSessions(pool: pg.Pool): Promise<number> {
	const { rows } = await pool.query<{ n: number }>(
		`SELECT count(*)::int AS n FROM pg_stat_activity
		 WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`
	);
	return rows[0]?.n ?? 0;
}

/**
 * Empties the schema before the archive's objects are created again: every table, view and
 * sequence of `public` (the portal has no others). The schema itself stays, with its owner and
 * grants, so the portal's own role may restore without owning the database.
 */
const EMPTY_PUBLIC = `SET client_min_messages = warning;
DO $$
DECLARE r record;
BEGIN
	FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') LOOP
		EXECUTE format('DROP %s IF EXISTS public.%I CASCADE',
			CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE'
				ELSE 'TABLE' END, r.relname);
	END LOOP;
	-- Sequences of identity columns went with their tables; these are the free-standing ones.
	FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind = 'S' LOOP
		EXECUTE format('DROP SEQUENCE IF EXISTS public.%I CASCADE', r.relname);
	END LOOP;
END $$;
`;

/**
 * Restores `file` (a dump of backupPostgresNow or `pg_dump --format=custom`) into the database at
 * `url`, in one transaction: on any error the database stays as it was. The database as it was is
 * first dumped into `keepDir` as `kita-before-restore-<time>.dump`; returns that path. The portal
 * must be stopped (otherSessions), and its migrations applied afterwards (the CLI does).
 */
export async function restorePostgresBackup(
	url: string,
	file: string,
	keepDir: string,
	now: Date
): Promise<string> {
	const list = await checkPostgresBackupFile(file);
	const kept = join(keepDir, `kita-before-restore-${stamp(now)}.dump`);
	await dumpTo(url, kept);
	// The schema `public` itself stays (EMPTY_PUBLIC): its entries leave the archive's list.
	const listFile = join(keepDir, `.restore-${stamp(now)}.list`);
	withPrivateFiles(() =>
		writeFileSync(
			listFile,
			list
				.split('\n')
				.filter((line) => !/ (SCHEMA|COMMENT|ACL) - (SCHEMA )?public /.test(line))
				.join('\n')
		)
	);
	try {
		await restoreInOneTransaction(url, file, listFile);
	} finally {
		rmSync(listFile, { force: true });
	}
	return kept;
}

/**
 * `pg_restore --file=-` (the archive as SQL) into psql, inside BEGIN … COMMIT after EMPTY_PUBLIC.
 * COMMIT is written only once pg_restore has ended well: an archive that breaks off half-way must not
 * commit the half (psql's own --single-transaction would commit at the end of its input).
 */
function restoreInOneTransaction(url: string, file: string, listFile: string): Promise<void> {
	const { dbname, env } = toolConnection(url);
	return new Promise((done, fail) => {
		// Owners and grants of the source system do not exist here: objects belong to the restoring role.
		// psql would run a backslash command written into an archive (`\! …`: a shell command as the
		// operator, CVE-2025-8714); behind a random --restrict-key it refuses them. A pg_restore from
		// before the fix (PostgreSQL 17.6, 16.10, 15.14, 14.19, 13.22) knows no such option and fails.
		// What the archive's SQL does, it does as the database role: restore only dumps you trust.
		const restrictKey = randomBytes(16).toString('hex');
		const restore = spawn(
			postgresProgram('pg_restore', env),
			[
				'--no-owner',
				'--no-privileges',
				`--restrict-key=${restrictKey}`,
				`--use-list=${listFile}`,
				'--file=-',
				file
			],
			{ env, stdio: ['ignore', 'pipe', 'pipe'] }
		);
		const psql = spawn(
			postgresProgram('psql', env),
			['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', '--file=-', `--dbname=${dbname}`],
			{ env, stdio: ['pipe', 'ignore', 'pipe'] }
		);
		let errors = '';
		restore.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
		psql.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
		const failure = (message: string) =>
			new BackupError(`the restore failed, the database is unchanged: ${message}`);
		// A program that cannot start ends with 'close' as well (a negative code): handled there.
		restore.once('error', (error) => (errors += `pg_restore could not start: ${error.message}\n`));
		psql.once('error', (error) => (errors += `psql could not start: ${error.message}\n`));
		// psql stops at the first error: what pg_restore still writes has no reader then.
		psql.stdin.on('error', () => undefined);
		psql.stdin.write(`BEGIN;\n${EMPTY_PUBLIC}`);
		restore.stdout.pipe(psql.stdin, { end: false });
		let restoreCode: number | null = null;
		restore.once('close', (code) => {
			restoreCode = code;
			psql.stdin.end(code === 0 ? 'COMMIT;\n' : 'ROLLBACK;\n');
		});
		psql.once('close', (code) => {
			if (restoreCode === null) restore.kill();
			if (code === 0 && restoreCode === 0) done();
			else fail(failure(errors.trim() || `pg_restore ${restoreCode}, psql ${code}`));
		});
	});
}
