// Databases for test apps on PostgreSQL (TEST_DATABASE=postgres; the cluster comes from
// tests/postgres/global-setup.ts). Migrating and seeding a new database takes seconds there, so each
// worker prepares two templates once — migrated, and migrated with the demo data as a test app on
// the default test clock seeds it — and every test app gets a copy (CREATE DATABASE … TEMPLATE).
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const onPostgres = process.env.TEST_DATABASE === 'postgres';

const adminUrl = () => process.env.TEST_POSTGRES_URL ?? '';

async function asAdmin(statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: adminUrl() });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

const urlOf = (name: string) => adminUrl().replace(/\/postgres\?/, `/${name}?`);

/** A new database copied from `template`; returns its URL. */
async function copyOf(template: string): Promise<string> {
	const name = `kita_${randomUUID().replaceAll('-', '')}`;
	await asAdmin(`CREATE DATABASE ${name} TEMPLATE ${template} ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
	return urlOf(name);
}

const templates = new Map<string, Promise<string>>();

/**
 * A test app's database: a copy of this worker's template of that kind, which `prepare` (a test app
 * started on the database and closed again) fills the first time.
 */
export async function testDatabase(
	kind: 'migrated' | 'demo',
	prepare: (url: string) => Promise<void>
): Promise<string> {
	let template = templates.get(kind);
	if (!template) {
		template = (async () => {
			const name = `template_${kind}_${process.pid}`;
			await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await asAdmin(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
			await prepare(urlOf(name));
			return name;
		})();
		templates.set(kind, template);
	}
	return copyOf(await template);
}

/** Drops a test app's database once the app has closed (thousands of tests would fill the disk). */
export async function dropTestDatabase(url: string | null): Promise<void> {
	const name = url && /\/(kita_[0-9a-f]+)\?/.exec(url)?.[1];
	if (name) await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
