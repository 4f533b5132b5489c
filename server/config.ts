// Configuration from the environment (documented in README.md, "Konfiguration").
import { resolve } from 'node:path';

export interface Config {
	origin: string;
	databasePath: string;
	demoData: boolean;
	migrationsDir: string;
	production: boolean;
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
		production: env.NODE_ENV === 'production' && !flag(env.DEV_MAILBOX, false)
	};
}
