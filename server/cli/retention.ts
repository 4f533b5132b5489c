// `npm run retention`: runs the retention jobs once now against the configured database (DATABASE_URL or DATABASE_PATH), with the periods of
// the environment (RETENTION_*, README), and prints what it deleted or anonymised.
import { loadConfig } from '../config';
import { databaseLabel, openMigrated } from '../db/open';
import { runRetention } from '../jobs/retention';

const config = loadConfig();
const database = await openMigrated(config);
try {
	const result = await runRetention({ db: database.db, now: () => new Date(), periods: config.retention });
	console.log(
		`Retention on ${databaseLabel(config)} (periods in days: ${JSON.stringify(config.retention)}):`
	);
	for (const [what, count] of Object.entries(result)) console.log(`  ${what}: ${count}`);
} finally {
	await database.close();
}
