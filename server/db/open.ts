// Opens the configured database — PostgreSQL when DATABASE_URL is set, else the SQLite file at
// DATABASE_PATH — and brings its schema up to date. The app, the seed and the retention command
// start here, so every one of them runs on either engine.
import { postgresDatabaseName } from './database-name.js';
import type { Config } from '../config';
import { openDatabase, type OpenDatabase } from './database';
import { migratePostgres } from './migrate-postgres';
import { migrate } from './migrator';
import { assertBytewiseCollation, openPostgres } from './postgres';

/** Where the data is, for logs (never the password of a database address). */
export function databaseLabel(config: Pick<Config, 'databaseUrl' | 'databasePath'>): string {
	if (!config.databaseUrl) return config.databasePath;
	return `PostgreSQL database ${postgresDatabaseName(config.databaseUrl) ?? '(default)'}`;
}

export async function openMigrated(
	config: Pick<Config, 'databaseUrl' | 'databasePath' | 'migrationsDir'>
): Promise<OpenDatabase> {
	if (!config.databaseUrl) {
		const database = openDatabase(config.databasePath);
		try {
			migrate(database.sqlite, config.migrationsDir);
		} catch (error) {
			await database.close();
			throw error;
		}
		return database;
	}
	const postgres = openPostgres(config.databaseUrl);
	try {
		await assertBytewiseCollation(postgres.pool);
		await migratePostgres(postgres.pool, config.migrationsDir);
	} catch (error) {
		await postgres.close();
		throw error;
	}
	return { engine: 'postgres', db: postgres.db, sqlite: null, close: postgres.close };
}
