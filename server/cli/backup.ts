// `npm run backup`: takes one online backup into BACKUP_DIR now (the server may keep running) and
// rotates the folder to the newest BACKUP_KEEP files.
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { backupNow } from '../jobs/backup';

const config = loadConfig();
if (!config.backupDir) {
	console.error('Set BACKUP_DIR to the folder for backups.');
	process.exit(2);
}
const database = openDatabase(config.databasePath);
try {
	const file = await backupNow(database.sqlite, config.backupDir, new Date(), config.backupKeep, database.db);
	console.log(`Backup written to ${file}.`);
} finally {
	await database.close();
}
