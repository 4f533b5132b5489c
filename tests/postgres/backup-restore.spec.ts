// Backup and restore on PostgreSQL against a real throw-away cluster (issue 18 point 1): a dump of a
// seeded database, changed afterwards, restored in one transaction with its migrations current; a
// file that is no dump of the portal, and a dump that breaks off, leave the database as it was.
import {
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import type { OpenDatabase } from '../../server/db/database';
import { migratePostgres } from '../../server/db/migrate-postgres';
import { openMigrated } from '../../server/db/open';
import { openPostgres } from '../../server/db/postgres';
import { seedDemoCatalogue } from '../../server/demo/seed';
import { BackupError } from '../../server/jobs/backup';
import {
	backupPostgresNow,
	checkPostgresBackupFile,
	otherSessions,
	postgresProgram,
	restorePostgresBackup
} from '../../server/jobs/backup-postgres';
import { startCluster, type Cluster } from './cluster';
import { runCli as cli } from './run-cli';

const ROOT = resolve(import.meta.dirname, '../..');
const MIGRATIONS = join(ROOT, 'migrations');

describe('backup and restore on PostgreSQL', () => {
	let cluster: Cluster;
	let url: string;
	let database: OpenDatabase;
	let dir: string;
	const config = () => ({ ...loadConfig({}), databaseUrl: url, migrationsDir: MIGRATIONS });
	const names = async () =>
		(await database.db.selectFrom('facilities').select('name').orderBy('id').execute()).map((f) => f.name);
	const tables = async () =>
		(
			await sql<{ tablename: string }>`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`.execute(
				database.db
			)
		).rows.map((r) => r.tablename);

	beforeAll(async () => {
		cluster = startCluster();
		url = cluster.createDatabase();
		dir = mkdtempSync(join(tmpdir(), 'kita-pg-backups-'));
		database = await openMigrated(config());
		await seedDemoCatalogue(database.db);
	}, 120_000);
	afterAll(async () => {
		await database?.close();
		cluster?.stop();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('restores a dump over changed data in one transaction, migrations current', async () => {
		const before = await names();
		expect(before.length).toBeGreaterThan(3);
		const file = await backupPostgresNow(url, dir, new Date('2026-11-26T01:00:00Z'), 3, database.db);
		expect(file).toBe(join(dir, 'kita-20261126T010000Z.dump'));
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');
		// The backup is in the audit log (written after the dump, as on SQLite).
		const audited = await database.db
			.selectFrom('audit_events')
			.select('target_id')
			.where('action', '=', 'backup.run')
			.execute();
		expect(audited.map((a) => a.target_id)).toEqual(['kita-20261126T010000Z.dump']);

		await database.db.updateTable('facilities').set({ name: 'geändert' }).execute();
		await database.db.deleteFrom('audit_events').execute();
		await sql`CREATE TABLE stray (x int)`.execute(database.db);
		expect(await tables()).toContain('stray');

		const kept = await restorePostgresBackup(url, file, dir, new Date('2026-11-27T01:00:00Z'));
		expect(kept).toBe(join(dir, 'kita-before-restore-20261127T010000Z.dump'));
		expect(statSync(kept).mode & 0o777).toBe(0o600);
		await checkPostgresBackupFile(kept);

		expect(await names()).toEqual(before);
		expect(await tables()).not.toContain('stray');
		const pool = openPostgres(url, { max: 1 });
		try {
			expect(await migratePostgres(pool.pool, MIGRATIONS)).toEqual([]);
		} finally {
			await pool.close();
		}
	});

	it('refuses a file that is no dump of the portal, and leaves the database as it was', async () => {
		const before = await names();
		const junk = join(dir, 'junk.dump');
		writeFileSync(junk, 'SQLite format 3\0 not really');
		await expect(checkPostgresBackupFile(junk)).rejects.toThrow(/not a pg_dump archive in custom format/);
		await expect(restorePostgresBackup(url, junk, dir, new Date())).rejects.toThrow(BackupError);
		await expect(checkPostgresBackupFile(join(dir, 'missing.dump'))).rejects.toThrow(/does not exist/);

		// A dump of some other database: an archive, but not of the portal.
		const foreign = cluster.createDatabase();
		const client = new pg.Client({ connectionString: foreign });
		await client.connect();
		await client.query('CREATE TABLE things (id int)');
		await client.end();
		const other = await backupPostgresNow(foreign, join(dir, 'foreign'), new Date(), 1).catch(
			(e: unknown) => e
		);
		expect(other).toBeInstanceOf(BackupError);
		expect(String(other)).toMatch(/not a Kita-Portal database dump/);
		// Nothing half-written is left in the folder.
		expect(readdirSync(join(dir, 'foreign'))).toEqual([]);
		expect(await names()).toEqual(before);
	});

	it('leaves the database as it was when the dump is damaged half-way', async () => {
		const before = await names();
		const file = await backupPostgresNow(url, dir, new Date('2026-11-26T02:00:00Z'), 3);
		await database.db.updateTable('facilities').set({ name: 'nach der Sicherung' }).execute();
		const cut = join(dir, 'cut.dump');
		// Its table of contents intact (pg_restore --list reads it), the data after the first part garbled.
		const bytes = readFileSync(file);
		bytes.fill(0xff, Math.floor(bytes.length * 0.9), bytes.length - 16);
		writeFileSync(cut, bytes);
		await checkPostgresBackupFile(cut);
		await expect(restorePostgresBackup(url, cut, dir, new Date())).rejects.toThrow(
			/the database is unchanged/
		);
		expect(new Set(await names())).toEqual(new Set(['nach der Sicherung']));
		expect(before).not.toContain('nach der Sicherung');
	});

	// Review: pg_restore's text goes to psql, which would run a backslash command an archive carries
	// (`\\! …` runs a shell command as the operator; CVE-2025-8714). Client programs from before the
	// fix (PostgreSQL 17.6, 16.10, 15.14, 14.19, 13.22) do not guard against it: the restore must refuse them.
	it('refuses a pg_restore that cannot keep an archive’s backslash commands from psql', async () => {
		const file = await backupPostgresNow(url, dir, new Date('2026-11-28T01:00:00Z'), 9, database.db);
		const bin = mkdtempSync(join(tmpdir(), 'kita-old-pg-'));
		const mark = join(bin, 'shell-command-ran');
		const real = (name: string) => join(dirname(postgresProgram('psql', {})), name);
		try {
			for (const name of ['pg_dump', 'psql'] as const) symlinkSync(real(name), join(bin, name));
			// An old pg_restore: no --restrict-key, and the archive's text as it is.
			writeFileSync(
				join(bin, 'pg_restore'),
				[
					'#!/bin/sh',
					'for a in "$@"; do case "$a" in --restrict-key*) echo "unrecognized option" >&2; exit 1;; esac; done',
					`[ "$1" = --list ] && exec ${real('pg_restore')} "$@"`,
					`printf '\\! touch %s\n' '${mark}'`
				].join('\n'),
				{ mode: 0o755 }
			);
			process.env.PG_BIN = bin;
			await expect(restorePostgresBackup(url, file, dir, new Date('2026-11-28T02:00:00Z'))).rejects.toThrow(
				BackupError
			);
			expect(existsSync(mark)).toBe(false);
		} finally {
			delete process.env.PG_BIN;
			rmSync(bin, { recursive: true, force: true });
		}
	});

	it('rotates the dumps to BACKUP_KEEP, keeping the ones from before a restore', async () => {
		const folder = join(dir, 'rotation');
		for (const at of ['2026-11-26T01:00:00Z', '2026-11-26T02:00:00Z', '2026-11-26T03:00:00Z'])
			await backupPostgresNow(url, folder, new Date(at), 2);
		writeFileSync(join(folder, 'kita-before-restore-20261125T000000Z.dump'), '');
		expect(readdirSync(folder).sort()).toEqual([
			'kita-20261126T020000Z.dump',
			'kita-20261126T030000Z.dump',
			'kita-before-restore-20261125T000000Z.dump'
		]);
	});

	it('npm run backup and npm run restore work on DATABASE_URL; restore refuses while the portal is connected', async () => {
		const folder = join(dir, 'cli');
		// The cluster trusts its socket: the password is sent and ignored, and must show nowhere.
		const env = {
			DATABASE_URL: url.replace(/^postgres:\/\/([^@:]+)@/, 'postgres://$1:geheim-4711@'),
			BACKUP_DIR: folder,
			BACKUP_KEEP: '3'
		};
		const backup = await cli('backup.ts', [], env);
		expect(backup.out).toMatch(
			/Backup of PostgreSQL database kita_\d+_\d+ written to .*kita-\d{8}T\d{6}Z\.dump\./
		);
		expect(backup.code).toBe(0);
		const file = readdirSync(folder).find((f) => f.endsWith('.dump')) ?? '';
		await database.db.updateTable('facilities').set({ name: 'vor dem Zurückspielen' }).execute();

		// This test's own pool stands in for a running portal: refused while it is connected.
		const probe = openPostgres(url, { max: 1 });
		try {
			expect(await otherSessions(probe.pool)).toBeGreaterThan(0);
			const refused = await cli('restore.ts', [join(folder, file)], env);
			expect(refused.code).toBe(1);
			expect(refused.out).toMatch(
				/other session\(s\) are connected to PostgreSQL database .*stop the server/
			);
			await database.close();
			// A closed connection's backend leaves pg_stat_activity a moment later.
			await expect.poll(() => otherSessions(probe.pool), { timeout: 5000 }).toBe(0);
		} finally {
			await probe.close();
		}
		const restored = await cli('restore.ts', [join(folder, file)], env);
		database = await openMigrated(config());
		expect(restored.out).toMatch(/Restored .* to PostgreSQL database/);
		expect(restored.out).toMatch(/kept as .*kita-before-restore-\d{8}T\d{6}Z\.dump/);
		expect(restored.out).toMatch(/at the current migration/);
		expect(restored.code).toBe(0);
		expect(await names()).not.toContain('vor dem Zurückspielen');

		const junk = join(folder, 'junk.dump');
		writeFileSync(junk, 'no dump');
		const refusedJunk = await cli('restore.ts', [junk, '--force'], env);
		expect(refusedJunk.code).toBe(1);
		expect(refusedJunk.out).toMatch(/Nothing restored: .*not a pg_dump archive/);
		for (const run of [backup, restored, refusedJunk]) expect(run.out).not.toContain('geheim');
	}, 120_000);
});
