// `npm run restore -- <backup file> [--force]`: puts a backup taken by the backup job back as the
// database at DATABASE_PATH. Stop the server first: a running server would keep writing into the
// file it has open. The database it replaces is kept beside it (`.before-restore-<time>`).
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { loadConfig } from '../config';
import { BackupError, databaseInUse, restoreBackup } from '../jobs/backup';

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
if (databaseInUse(config.databasePath) && !values.force) {
	console.error(
		`${config.databasePath} looks open (its -shm file exists): stop the server first. ` +
			'If it is stopped and crashed before, run again with --force.'
	);
	process.exit(1);
}
try {
	const kept = restoreBackup(resolve(file), config.databasePath, new Date());
	console.log(`Restored ${resolve(file)} to ${config.databasePath}.`);
	if (kept) console.log(`The previous database is kept as ${kept}.`);
	console.log('Start the server again; it applies newer migrations to the restored database.');
} catch (error) {
	if (!(error instanceof BackupError)) throw error;
	console.error(`Nothing restored: ${error.message}`);
	process.exit(1);
}
