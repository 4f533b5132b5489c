// The running server: one database, migrated and (with DEMO_DATA=on) seeded before it answers.
import { assertSafeConfig, loadConfig, type Config } from './config';
import type { OpenDatabase } from './db/database';
import { openMigrated } from './db/open';
import { seedDemoCatalogue } from './demo/seed';
import { seedDemoAccounts } from './demo/accounts';
import { ALTCHA_SECRET_NAME, appSecret } from './auth/secrets';
import { sealPlaintextTotpKeys, totpEncryptionKey } from './auth/totp-key';
import { smtpTransport, startMailDelivery, type MailJob } from './jobs/mail-delivery';
import { startOfferExpiry, type OfferExpiryJob } from './jobs/offer-expiry';
import { startBackups, type BackupJob } from './jobs/backup';
import { startCarryOver, type CarryOverJob } from './jobs/carry-over';
import { startRetention, type RetentionJob } from './jobs/retention';
import { log } from './log';
import { startRoundLapse, type RoundLapseJob } from './jobs/round-lapse';
import { startClusterBus, type ClusterBus } from './events/cluster-bus';
import { nodeEvents } from './events/node-events';

export interface App {
	config: Config;
	database: OpenDatabase;
	/** The AES-256-GCM key of the TOTP secrets at rest (TOTP_ENCRYPTION_KEY or the demo key file). */
	totpKey: Uint8Array;
	/** Injected clock: tests move it; production reads the system time. */
	now: () => Date;
	/** The mail delivery timer; null without SMTP_URL (mails then wait in the outbox, see /dev/mailbox). */
	mail: MailJob | null;
	/** Lets unanswered offers lapse by server time, every minute. */
	offerExpiry: OfferExpiryJob;
	/** Moves requests without a place to the next Kita year once allocation ended (every 15 min). */
	carryOver: CarryOverJob;
	/** Lets offer-round proposals not sent by their deadline lapse (every 15 min). */
	roundLapse: RoundLapseJob;
	/** Deletes and anonymises by the retention periods (every RETENTION_INTERVAL_HOURS). */
	retention: RetentionJob;
	/** Online backups into BACKUP_DIR; null without it. */
	backup: BackupJob | null;
	/** Pokes and ended sessions to and from the other nodes on the same PostgreSQL; null on SQLite. */
	bus: ClusterBus | null;
	/** Stops the background timers and the cluster bus (tests, shutdown); `database.close()` too. */
	stopJobs(): void;
}

export async function createApp(
	config: Config = loadConfig(),
	now: () => Date = () => new Date()
): Promise<App> {
	assertSafeConfig(config);
	// Before the database is opened: a refused start leaves no empty database behind.
	const totpKey = totpEncryptionKey(config);
	const opened = await openMigrated(config);
	let bus: ClusterBus | null = null;
	// Closing the database ends the bus's listening connection first (it must not outlive the pool).
	const database: OpenDatabase = {
		...opened,
		async close() {
			await bus?.stop();
			await opened.close();
		}
	};
	try {
		if (config.demoData) await seedDemoCatalogue(database.db, now());
		if (config.demoData) await seedDemoAccounts(database.db, now(), totpKey);
		// Secrets stored before encryption existed are sealed now (once; see sealPlaintextTotpKeys).
		const sealed = await sealPlaintextTotpKeys(database.db, totpKey);
		if (sealed > 0) log.info(`Encrypted ${sealed} TOTP secret(s) stored as plaintext.`);
		// Without ALTCHA_HMAC_KEY the captcha key is made on the first start (queries then only read it).
		if (!config.altchaHmacKey) await appSecret(database.db, ALTCHA_SECRET_NAME, now());
		if (config.databaseUrl && database.engine === 'postgres')
			bus = await startClusterBus({ url: config.databaseUrl, db: database.db, events: nodeEvents });
	} catch (error) {
		await database.close();
		throw error;
	}
	const mail = config.smtpUrl
		? startMailDelivery(database.db, smtpTransport(config.smtpUrl), config.mailFrom, now)
		: null;
	const offerExpiry = startOfferExpiry({ db: database.db, now, origin: config.origin });
	const carryOver = startCarryOver({ database, now, config });
	const roundLapse = startRoundLapse({ database, now, config });
	const retention = startRetention(
		{ db: database.db, now, periods: config.retention },
		config.retentionIntervalHours * 3600_000
	);
	// SQLite only. PostgreSQL is backed up by its operators with WAL archiving or the provider's
	// backups (point in time, off the host), which a dump from the app's process would only repeat;
	// `npm run backup` takes a pg_dump on demand or from their timer (docs/OPERATIONS.md).
	const backup =
		config.backupDir && database.sqlite
			? startBackups(database.sqlite, database.db, {
					dir: config.backupDir,
					keep: config.backupKeep,
					intervalMs: config.backupIntervalHours * 3600_000,
					now
				})
			: null;
	return {
		config,
		database,
		totpKey,
		now,
		mail,
		offerExpiry,
		carryOver,
		roundLapse,
		retention,
		backup,
		bus,
		stopJobs() {
			mail?.stop();
			offerExpiry.stop();
			carryOver.stop();
			roundLapse.stop();
			retention.stop();
			backup?.stop();
			void bus?.stop();
		}
	};
}

/** What the start log says in demo mode: what it makes public, so nobody runs it by mistake. */
export function demoModeNotice(config: Config): string {
	return [
		'DEMO MODE is on (DEMO_DATA=on): never use it for a real system.',
		'  - The demo accounts (README, "Demo-Zugänge") are public: their passwords and TOTP secrets are known.',
		`  - The development mailbox ${config.origin}/dev/mailbox shows every mail, set-password and reset`,
		'    links included, to browsers on this machine (loopback only, not through a proxy).',
		'  Set DEMO_DATA=off (and NODE_ENV=production) for a real system.'
	].join('\n');
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
