// /api/ready: may this node take traffic? Unlike /api/health (the process answers), it asks the
// database a question and compares its applied migrations with the ones this version ships: a node
// left on an older version after another one migrated the database, or one whose database went
// away, tells its load balancer so instead of answering with errors. The answer names a reason
// and migration names only — never an error message, a stack or a path.
import type { App } from '../app';
import { sql } from 'kysely';
import { readPostgresMigrations } from '../db/migrate-postgres';
import { migrationStatus, readMigrations, type MigrationFile } from '../db/migrator';

export type Readiness =
	| { ready: true }
	| {
			ready: false;
			reason:
				| 'starting'
				| 'database-unreachable'
				| 'migrations-unreadable'
				| 'migrations-pending'
				| 'migrations-changed'
				| 'migrations-unknown';
			migrations?: string[];
	  };

/**
 * The migration files as this process knows them, read once: the code running is the code started,
 * even if a deployment replaces the files on disk underneath it.
 */
const shipped = new WeakMap<App, MigrationFile[]>();

function shippedMigrations(app: App): MigrationFile[] {
	let files = shipped.get(app);
	if (!files) {
		const dir = app.config.migrationsDir;
		files = app.database.engine === 'postgres' ? readPostgresMigrations(dir) : readMigrations(dir);
		shipped.set(app, files);
	}
	return files;
}

/**
 * Checks under way: requests that arrive while one runs share its answer, so that any number of
 * probes (or a flood of requests to this public address) costs the database one query at a time.
 */
const inFlight = new WeakMap<App, Promise<Readiness>>();

export function readiness(app: App | null): Promise<Readiness> {
	if (!app) return Promise.resolve({ ready: false, reason: 'starting' });
	let check = inFlight.get(app);
	if (!check) {
		check = checkReadiness(app).finally(() => inFlight.delete(app));
		inFlight.set(app, check);
	}
	return check;
}

async function checkReadiness(app: App): Promise<Readiness> {
	let files: MigrationFile[];
	try {
		files = shippedMigrations(app);
	} catch {
		return { ready: false, reason: 'migrations-unreadable' };
	}
	let status;
	try {
		const { rows } = await sql<{ name: string; checksum: string }>`
			SELECT name, checksum FROM schema_migrations`.execute(app.database.db);
		status = migrationStatus(new Map(rows.map((row) => [row.name, row.checksum])), files);
	} catch {
		return { ready: false, reason: 'database-unreachable' };
	}
	if (status.changed.length)
		return { ready: false, reason: 'migrations-changed', migrations: status.changed };
	if (status.unknown.length)
		return { ready: false, reason: 'migrations-unknown', migrations: status.unknown };
	if (status.pending.length)
		return { ready: false, reason: 'migrations-pending', migrations: status.pending };
	return { ready: true };
}
