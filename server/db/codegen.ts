// Generates server/db/generated.ts: kysely-codegen introspects a freshly migrated SQLite file, so
// the table types are what migrations/ make, not what someone wrote down. `npm run db:types`.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { migrate } from './migrator';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const MIGRATIONS_DIR = join(root, 'migrations');
export const GENERATED_FILE = join(root, 'server/db/generated.ts');

/** A migrated database in a temporary folder; `done()` removes it. */
export function migratedTempDatabase(): { path: string; done(): void } {
	const dir = mkdtempSync(join(tmpdir(), 'kita-db-types-'));
	const path = join(dir, 'schema.db');
	const sqlite = new Database(path);
	try {
		migrate(sqlite, MIGRATIONS_DIR);
	} finally {
		sqlite.close();
	}
	return { path, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes the generated table types to `outFile`, formatted as the checked-in file is. */
export async function generateDatabaseTypes(outFile: string = GENERATED_FILE): Promise<void> {
	const database = migratedTempDatabase();
	try {
		const bin = createRequire(import.meta.url).resolve('kysely-codegen/dist/cli/bin.js');
		execFileSync(
			process.execPath,
			[bin, '--dialect', 'sqlite', '--url', database.path, '--out-file', outFile, '--log-level', 'error'],
			{ stdio: ['ignore', 'ignore', 'inherit'] }
		);
	} finally {
		database.done();
	}
	const options = await resolveConfig(GENERATED_FILE);
	const text = await format(readFileSync(outFile, 'utf8'), { ...options, filepath: GENERATED_FILE });
	writeFileSync(outFile, text);
}
