// `npm run seed`: migrates DATABASE_PATH and loads the demo data set when the catalogue is empty.
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrator';
import { seedDemoCatalogue } from '../demo/seed';
import { seedDemoAccounts } from '../demo/accounts';

const config = loadConfig();
const database = openDatabase(config.databasePath);
try {
	migrate(database.sqlite, config.migrationsDir);
	const seeded = await seedDemoCatalogue(database.db);
	// One account per role (README, "Demo-Zugänge"); missing ones are added, existing ones kept.
	await seedDemoAccounts(database.db, new Date());
	console.log(
		seeded
			? `Demo data loaded into ${config.databasePath}.`
			: `${config.databasePath} already holds a catalogue; nothing changed.`
	);
} finally {
	await database.close();
}
