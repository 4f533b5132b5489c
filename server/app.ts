// The running server: one database, migrated and (with DEMO_DATA=on) seeded before it answers.
import { loadConfig, type Config } from './config';
import { openDatabase, type OpenDatabase } from './db/database';
import { migrate } from './db/migrator';
import { seedDemoCatalogue } from './demo/seed';
import { seedDemoAccounts } from './demo/accounts';
import { ALTCHA_SECRET_NAME } from './auth/captcha';
import { appSecret } from './auth/secrets';
import { smtpTransport, startMailDelivery, type MailJob } from './jobs/mail-delivery';
import { startOfferExpiry, type OfferExpiryJob } from './jobs/offer-expiry';

export interface App {
	config: Config;
	database: OpenDatabase;
	/** Injected clock: tests move it; production reads the system time. */
	now: () => Date;
	/** The mail delivery timer; null without SMTP_URL (mails then wait in the outbox, see /dev/mailbox). */
	mail: MailJob | null;
	/** Lets unanswered offers lapse by server time, every minute. */
	offerExpiry: OfferExpiryJob;
	/** Stops the background timers (tests, shutdown). */
	stopJobs(): void;
}

export async function createApp(
	config: Config = loadConfig(),
	now: () => Date = () => new Date()
): Promise<App> {
	const database = openDatabase(config.databasePath);
	try {
		migrate(database.sqlite, config.migrationsDir);
		if (config.demoData) await seedDemoCatalogue(database.db, now());
		if (config.demoData) await seedDemoAccounts(database.db, now());
		// Without ALTCHA_HMAC_KEY the captcha key is made on the first start (queries then only read it).
		if (!config.altchaHmacKey) await appSecret(database.db, ALTCHA_SECRET_NAME, now());
	} catch (error) {
		await database.close();
		throw error;
	}
	const mail = config.smtpUrl
		? startMailDelivery(database.db, smtpTransport(config.smtpUrl), config.mailFrom, now)
		: null;
	const offerExpiry = startOfferExpiry({ db: database.db, now, origin: config.origin });
	return {
		config,
		database,
		now,
		mail,
		offerExpiry,
		stopJobs() {
			mail?.stop();
			offerExpiry.stop();
		}
	};
}

let current: App | null = null;

export function setApp(app: App | null): void {
	current = app;
}

/** The app once start-up finished; null while migrating. */
export function getApp(): App | null {
	return current;
}

export function requireApp(): App {
	if (!current) throw new Error('The server is still starting.');
	return current;
}
