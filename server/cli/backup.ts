// `npm run backup`: takes one backup into BACKUP_DIR now (the server may keep running) and rotates
// the folder to the newest BACKUP_KEEP files. SQLite: an online backup (kita-<time>.db); PostgreSQL
// (DATABASE_URL): a pg_dump archive in custom format (kita-<time>.dump).
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { openPostgres } from '../db/postgres';
import { databaseLabel } from '../db/open';
import { BackupError, backupNow } from '../jobs/backup';
import { backupPostgresNow } from '../jobs/backup-postgres';

const config = loadConfig();
if (!config.backupDir) {
	console.error('Set BACKUP_DIR to the folder for backups.');
	process.exit(2);
}
if (config.databaseUrl) {
	// Not migrated on open: a backup takes the database as it is.
	const postgres = openPostgres(config.databaseUrl, { max: 1 });
	try {
		const file = await backupPostgresNow(
			config.databaseUrl,
			config.backupDir,
			new Date(),
			config.backupKeep,
			postgres.db
		);
		console.log(`Backup of ${databaseLabel(config)} written to ${file}.`);
	} catch (error) {
		if (!(error instanceof BackupError)) throw error;
		console.error(`No backup: ${error.message}`);
		process.exitCode = 1;
	} finally {
		await postgres.close();
	}
} else {
	const database = openDatabase(config.databasePath);
	try {
		const file = await backupNow(
			database.sqlite,
			config.backupDir,
			new Date(),
			config.backupKeep,
			database.db
		);
		console.log(`Backup written to ${file}.`);
	} finally {
		await database.close();
	}
}
