// Configuration from the environment (documented in README.md, "Konfiguration").
import { resolve } from 'node:path';

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
}

export const DEFAULT_MAIL_FROM = 'Kita-Portal Kreis Soest <noreply@kita-portal.invalid>';

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
			env.YOUTH_OFFICE_ADDRESS ?? 'Kreis Soest, Jugendamt – Kindertagespflege\nHoher Weg 1–3\n59494 Soest'
	};
}
