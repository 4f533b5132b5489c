// Configuration from the environment (documented in README.md, "Konfiguration").
import { resolve } from 'node:path';
import { DEFAULT_RETENTION, type RetentionPeriods } from '../src/lib/domain/retention';
import { parseTrustProxy, TrustProxyError, type TrustedProxies } from './http/client-address';
import { log } from './log';

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

/** A setting that makes the server unsafe or unable to start; the message says what to change. */
export class ConfigError extends Error {}

export interface Config {
	origin: string;
	databasePath: string;
	/**
	 * PostgreSQL instead of the embedded SQLite file (DATABASE_URL, postgres://…): the production
	 * option for failover and several app nodes (issue 18). Null: SQLite at `databasePath`.
	 */
	databaseUrl: string | null;
	/**
	 * Demo mode (DEMO_DATA): public demo accounts with known passwords and TOTP secrets, and the
	 * development mailbox on the loopback interface. Never together with `production`.
	 */
	demoData: boolean;
	migrationsDir: string;
	/** NODE_ENV=production: demo data is then off by default and refused when switched on. */
	production: boolean;
	/**
	 * The reverse proxies whose X-Forwarded-For is believed (TRUST_PROXY); null: none, the client
	 * address is the socket's peer (server/http/client-address.ts).
	 */
	trustProxy: TrustedProxies | null;
	/** Port of the Prometheus endpoint (METRICS_PORT, http/metrics-server.ts); null: no metrics served. */
	metricsPort: number | null;
	/** Where it listens (METRICS_HOST): loopback unless set. */
	metricsHost: string;
	/** Bearer token the scraper must send (METRICS_TOKEN); required when METRICS_HOST is not loopback. */
	metricsToken: string | null;
	/** AES-256-GCM key for the TOTP secrets at rest (TOTP_ENCRYPTION_KEY, 64 hex characters). */
	totpEncryptionKey: string | null;
	/** Where vulnerabilities are reported (SECURITY_CONTACT, e.g. mailto:…), for security.txt. */
	securityContact: string | null;
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
	/**
	 * Rows per page of a first sync (SYNC_PAGE_ROWS): small enough that a page arrives on a weak line
	 * and a dropped connection loses little, large enough that a big Kita needs few round trips.
	 */
	syncPageRows: number;
}

export const DEFAULT_MAIL_FROM = 'Kita-Portal Kreis Soest <noreply@kita-portal.invalid>';

/** A positive whole number from the environment; anything else falls back (and says so). */
function positiveInt(name: string, value: string | undefined, fallback: number): number {
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	if (Number.isInteger(n) && n > 0) return n;
	log.warn(`${name}=${value} is not a positive whole number; using ${fallback}.`);
	return fallback;
}

function flag(value: string | undefined, fallback: boolean): boolean {
	if (value === undefined || value === '') return fallback;
	return ['on', 'true', '1', 'yes'].includes(value.toLowerCase());
}

/** 32 bytes as 64 hex characters, or null when not given. */
function hexKey(name: string, value: string | undefined): string | null {
	if (value === undefined || value === '') return null;
	if (!/^[0-9a-fA-F]{64}$/.test(value))
		throw new ConfigError(
			`${name} must be 64 hex characters (32 random bytes, e.g. from \`openssl rand -hex 32\`).`
		);
	return value.toLowerCase();
}

/**
 * The security.txt contact as a URI (RFC 9116: mailto:, https: or tel:); a bare address becomes
 * mailto:. Anything else is refused: the value is written into the file as it is.
 */
function securityContact(value: string | undefined): string | null {
	const contact = value?.trim();
	if (!contact) return null;
	const uri = /^[^\s:@/]+@[^\s@/]+$/.test(contact) ? `mailto:${contact}` : contact;
	if (!/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+|tel:\+?[0-9-]+)$/.test(uri))
		throw new ConfigError(
			`SECURITY_CONTACT=${JSON.stringify(value)} is not a mailto:, https: or tel: address (RFC 9116 Contact).`
		);
	return uri;
}

/**
 * TRUST_PROXY, or a refusal to start. adapter-node's ADDRESS_HEADER is refused too: it makes
 * SvelteKit's client address the header's value whoever sent it, so a client could pick its own
 * rate-limit key — and it would hide the socket's peer that TRUST_PROXY is checked against.
 */
function trustProxy(env: NodeJS.ProcessEnv): TrustedProxies | null {
	if (env.ADDRESS_HEADER)
		throw new ConfigError(
			`ADDRESS_HEADER=${env.ADDRESS_HEADER} is not supported: it believes the header from any client. ` +
				'Unset it and name the reverse proxy in TRUST_PROXY (e.g. TRUST_PROXY=loopback); X-Forwarded-For ' +
				'is then read from that proxy only.'
		);
	try {
		return parseTrustProxy(env.TRUST_PROXY);
	} catch (error) {
		if (error instanceof TrustProxyError) throw new ConfigError(error.message);
		throw error;
	}
}

/** METRICS_PORT, METRICS_HOST, METRICS_TOKEN; a metrics port open beyond this machine needs a token. */
function metrics(env: NodeJS.ProcessEnv): Pick<Config, 'metricsPort' | 'metricsHost' | 'metricsToken'> {
	const raw = env.METRICS_PORT;
	const metricsHost = env.METRICS_HOST || '127.0.0.1';
	const metricsToken = env.METRICS_TOKEN || null;
	if (raw === undefined || raw === '') return { metricsPort: null, metricsHost, metricsToken };
	const metricsPort = Number(raw);
	if (!/^\d{1,5}$/.test(raw) || metricsPort > 65535)
		throw new ConfigError(`METRICS_PORT=${raw} is not a port number.`);
	if (metricsToken !== null && metricsToken.length < 16)
		throw new ConfigError('METRICS_TOKEN must be at least 16 characters (e.g. `openssl rand -hex 16`).');
	const loopback = metricsHost === 'localhost' || metricsHost === '::1' || metricsHost.startsWith('127.');
	if (!loopback && metricsToken === null)
		throw new ConfigError(
			`METRICS_HOST=${metricsHost} opens the metrics beyond this machine: set METRICS_TOKEN too (the scraper sends it as a bearer token).`
		);
	return { metricsPort, metricsHost, metricsToken };
}

/**
 * Fails when the settings would expose a real system: demo mode publishes accounts with known
 * passwords and TOTP secrets, so it must never run as production. Checked by loadConfig and again
 * by createApp (callers may build a config by hand).
 */
export function assertSafeConfig(config: Pick<Config, 'production' | 'demoData'>): void {
	if (config.production && config.demoData)
		throw new ConfigError(
			'DEMO_DATA=on is refused with NODE_ENV=production: demo mode publishes accounts with known ' +
				'passwords and TOTP secrets and serves the development mailbox. Set DEMO_DATA=off for a real ' +
				'system, or unset NODE_ENV for a demo.'
		);
}

function databaseUrl(value: string | undefined): string | null {
	if (!value) return null;
	if (!/^postgres(ql)?:\/\//.test(value))
		throw new ConfigError('DATABASE_URL must be a postgres:// address (without it the portal uses SQLite).');
	return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const port = env.PORT ?? '3000';
	const production = env.NODE_ENV === 'production';
	const config: Config = {
		origin: (env.ORIGIN ?? `http://localhost:${port}`).replace(/\/$/, ''),
		databasePath: resolve(env.DATABASE_PATH ?? './data/kita.db'),
		databaseUrl: databaseUrl(env.DATABASE_URL),
		// Fail closed: a production start without DEMO_DATA gets no demo accounts.
		demoData: flag(env.DEMO_DATA, !production),
		migrationsDir: resolve(env.MIGRATIONS_DIR ?? './migrations'),
		smtpUrl: env.SMTP_URL || null,
		mailFrom: env.MAIL_FROM || DEFAULT_MAIL_FROM,
		altchaHmacKey: env.ALTCHA_HMAC_KEY || null,
		production,
		trustProxy: trustProxy(env),
		...metrics(env),
		totpEncryptionKey: hexKey('TOTP_ENCRYPTION_KEY', env.TOTP_ENCRYPTION_KEY),
		securityContact: securityContact(env.SECURITY_CONTACT),
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
		backupIntervalHours: positiveInt('BACKUP_INTERVAL_HOURS', env.BACKUP_INTERVAL_HOURS, 24),
		syncPageRows: positiveInt('SYNC_PAGE_ROWS', env.SYNC_PAGE_ROWS, 1000)
	};
	assertSafeConfig(config);
	return config;
}
