// `npm run retention`: runs the retention jobs once now against DATABASE_PATH, with the periods of
// the environment (RETENTION_*, README), and prints what it deleted or anonymised.
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrator';
import { runRetention } from '../jobs/retention';

const config = loadConfig();
const database = openDatabase(config.databasePath);
try {
	migrate(database.sqlite, config.migrationsDir);
	const result = await runRetention({ db: database.db, now: () => new Date(), periods: config.retention });
	console.log(`Retention on ${config.databasePath} (periods in days: ${JSON.stringify(config.retention)}):`);
	for (const [what, count] of Object.entries(result)) console.log(`  ${what}: ${count}`);
} finally {
	await database.close();
}
