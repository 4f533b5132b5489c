// Configuration from the environment (documented in README.md, "Konfiguration").
import { resolve } from 'node:path';
import { DEFAULT_RETENTION, type RetentionPeriods } from '../src/lib/domain/retention';

/** How long parents' accounts are kept (the privacy page promises these; README: RETENTION_*). */
export interface AccountRetentionPeriods {
	/** A parent's account whose address was never confirmed is deleted this many days after sign-up. */
	unconfirmedAccountDays: number;
	/** A parent's account not used for this many days is deleted, its family anonymised. */
	unusedAccountDays: number;
}

export const DEFAULT_ACCOUNT_RETENTION: AccountRetentionPeriods = {
	unconfirmedAccountDays: 30,
	// Three years, counting a leap day: never a day before the promised three years are over.
	unusedAccountDays: 3 * 365 + 1
};

export interface Config {
	origin: string;
	databasePath: string;
	demoData: boolean;
	migrationsDir: string;
	production: boolean;
	/** e.g. smtp://user:pass@host:587; null keeps mails in the outbox (shown at /dev/mailbox). */
	smtpUrl: string | null;
	mailFrom: string;
	/** HMAC key for ALTCHA challenges; null: a random key is generated once and kept in the database. */
	altchaHmacKey: string | null;
	/** Printed on the child-minding pre-registration confirmation (FAQ: the youth office's address). */
	youthOfficeAddress: string;
	/** Retention periods in days (RETENTION_*); the jobs run every `retentionIntervalHours`. */
	retention: RetentionPeriods & AccountRetentionPeriods;
	retentionIntervalHours: number;
	/** Online SQLite backups go here (BACKUP_DIR); null: no backup timer. */
	backupDir: string | null;
	/** How many backups are kept (BACKUP_KEEP); older ones are deleted after each new one. */
	backupKeep: number;
	backupIntervalHours: number;
}

export const DEFAULT_MAIL_FROM = 'Kita-Portal Kreis Soest <noreply@kita-portal.invalid>';

/** A positive whole number from the environment; anything else falls back (and says so). */
function positiveInt(name: string, value: string | undefined, fallback: number): number {
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	if (Number.isInteger(n) && n > 0) return n;
	console.warn(`${name}=${value} is not a positive whole number; using ${fallback}.`);
	return fallback;
}

function flag(value: string | undefined, fallback: boolean): boolean {
	if (value === undefined || value === '') return fallback;
	return ['on', 'true', '1', 'yes'].includes(value.toLowerCase());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const port = env.PORT ?? '3000';
	return {
		origin: (env.ORIGIN ?? `http://localhost:${port}`).replace(/\/$/, ''),
		databasePath: resolve(env.DATABASE_PATH ?? './data/kita.db'),
		demoData: flag(env.DEMO_DATA, true),
		migrationsDir: resolve(env.MIGRATIONS_DIR ?? './migrations'),
		smtpUrl: env.SMTP_URL || null,
		mailFrom: env.MAIL_FROM || DEFAULT_MAIL_FROM,
		altchaHmacKey: env.ALTCHA_HMAC_KEY || null,
		production: env.NODE_ENV === 'production' && !flag(env.DEV_MAILBOX, false),
		youthOfficeAddress:
			env.YOUTH_OFFICE_ADDRESS ?? 'Kreis Soest, Jugendamt – Kindertagespflege\nHoher Weg 1–3\n59494 Soest',
		retention: {
			anonymiseAfterDays: positiveInt(
				'RETENTION_ANONYMISE_DAYS',
				env.RETENTION_ANONYMISE_DAYS,
				DEFAULT_RETENTION.anonymiseAfterDays
			),
			auditDays: positiveInt('RETENTION_AUDIT_DAYS', env.RETENTION_AUDIT_DAYS, DEFAULT_RETENTION.auditDays),
			transientDays: positiveInt(
				'RETENTION_TRANSIENT_DAYS',
				env.RETENTION_TRANSIENT_DAYS,
				DEFAULT_RETENTION.transientDays
			),
			unconfirmedAccountDays: positiveInt(
				'RETENTION_UNCONFIRMED_DAYS',
				env.RETENTION_UNCONFIRMED_DAYS,
				DEFAULT_ACCOUNT_RETENTION.unconfirmedAccountDays
			),
			unusedAccountDays: positiveInt(
				'RETENTION_UNUSED_ACCOUNT_DAYS',
				env.RETENTION_UNUSED_ACCOUNT_DAYS,
				DEFAULT_ACCOUNT_RETENTION.unusedAccountDays
			)
		},
		retentionIntervalHours: positiveInt('RETENTION_INTERVAL_HOURS', env.RETENTION_INTERVAL_HOURS, 6),
		backupDir: env.BACKUP_DIR ? resolve(env.BACKUP_DIR) : null,
		backupKeep: positiveInt('BACKUP_KEEP', env.BACKUP_KEEP, 14),
		backupIntervalHours: positiveInt('BACKUP_INTERVAL_HOURS', env.BACKUP_INTERVAL_HOURS, 24)
	};
}
