// `npm run restore -- <backup file> [--force]`: puts a backup taken by `npm run backup` (or the backup
// job) back as the configured database. Stop the server first: a running server would keep writing.
// SQLite: the file at DATABASE_PATH is replaced, the one it replaces kept beside it
// (`.before-restore-<time>`). PostgreSQL (DATABASE_URL): the dump is restored in one transaction,
// the database as it was dumped first into BACKUP_DIR (`kita-before-restore-<time>.dump`), and the
// migrations are applied.
import { parseArgs } from 'node:util';
import { dirname, resolve } from 'node:path';
import { loadConfig, type Config } from '../config';
import { migratePostgres } from '../db/migrate-postgres';
import { MigrationError } from '../db/migrator';
import { databaseLabel } from '../db/open';
import { assertBytewiseCollation, openPostgres, PostgresSetupError } from '../db/postgres';
import { BackupError, databaseInUse, restoreBackup } from '../jobs/backup';
import { otherSessions, restorePostgresBackup } from '../jobs/backup-postgres';

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: { force: { type: 'boolean', default: false } }
});
const file = positionals[0];
if (!file) {
	console.error('Usage: npm run restore -- <backup file> [--force]   (stop the server first)');
	process.exit(2);
}
const config = loadConfig();

function restoreSqlite(file: string): void {
	if (databaseInUse(config.databasePath) && !values.force) {
		console.error(
			`${config.databasePath} looks open (its -shm file exists): stop the server first. ` +
				'If it is stopped and crashed before, run again with --force.'
		);
		process.exit(1);
	}
	const kept = restoreBackup(file, config.databasePath, new Date());
	console.log(`Restored ${file} to ${config.databasePath}.`);
	if (kept) console.log(`The previous database is kept as ${kept}.`);
	console.log('Start the server again; it applies newer migrations to the restored database.');
}

async function restorePostgres(file: string, url: string, config: Config): Promise<void> {
	const postgres = openPostgres(url, { max: 1 });
	try {
		const others = await otherSessions(postgres.pool);
		if (others > 0 && !values.force) {
			console.error(
				`${others} other session(s) are connected to ${databaseLabel(config)}: stop the server (every app ` +
					'node) first. If none of the portal runs and the sessions are yours, run again with --force.'
			);
			process.exit(1);
		}
		const kept = await restorePostgresBackup(url, file, config.backupDir ?? dirname(file), new Date());
		console.log(`Restored ${file} to ${databaseLabel(config)}.`);
		console.log(`The database as it was is kept as ${kept}.`);
		// A backup from an older version of the portal gets the migrations it lacks now.
		await assertBytewiseCollation(postgres.pool);
		const applied = await migratePostgres(postgres.pool, config.migrationsDir);
		console.log(
			applied.length
				? `Migrations applied to the restored database: ${applied.join(', ')}.`
				: 'The restored database is at the current migration.'
		);
	} finally {
		await postgres.close();
	}
}

try {
	if (config.databaseUrl) await restorePostgres(resolve(file), config.databaseUrl, config);
	else restoreSqlite(resolve(file));
} catch (error) {
	if (error instanceof BackupError) console.error(`Nothing restored: ${error.message}`);
	else if (error instanceof MigrationError || error instanceof PostgresSetupError)
		console.error(`Restored, but the database does not fit this version of the portal: ${error.message}`);
	else throw error;
	process.exit(1);
}
