// `npm run seed`: migrates the configured database (DATABASE_URL or DATABASE_PATH) and loads the demo data set when the catalogue is empty.
import { totpEncryptionKey } from '../auth/totp-key';
import { loadConfig } from '../config';
import { databaseLabel, openMigrated } from '../db/open';
import { seedDemoCatalogue } from '../demo/seed';
import { seedDemoAccounts } from '../demo/accounts';

const config = loadConfig();
if (config.production) {
	// The demo accounts' passwords and TOTP secrets are public (README): never on a real system.
	console.error('npm run seed loads the public demo accounts: refused with NODE_ENV=production.');
	process.exit(1);
}
// Seeding is demo mode whatever DEMO_DATA says: TOTP_ENCRYPTION_KEY, or the demo key file.
const totpKey = totpEncryptionKey({ ...config, demoData: true });
const database = await openMigrated(config);
try {
	const seeded = await seedDemoCatalogue(database.db);
	// One account per role (README, "Demo-Zugänge"); missing ones are added, existing ones kept.
	await seedDemoAccounts(database.db, new Date(), totpKey);
	console.log(
		seeded
			? `Demo data loaded into ${databaseLabel(config)}.`
			: `${databaseLabel(config)} already holds a catalogue; nothing changed.`
	);
} finally {
	await database.close();
}
