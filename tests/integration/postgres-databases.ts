// Databases for test apps on PostgreSQL (TEST_DATABASE=postgres; the cluster comes from
// tests/postgres/global-setup.ts). Migrating and seeding a new database takes seconds there, so the
// global setup prepares two templates once — migrated, and migrated with the demo data as a test
// app on the default test clock seeds it — and every test app gets a copy (CREATE DATABASE … TEMPLATE).
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

/** The templates tests/postgres/global-setup.ts prepares before any test runs. */
export type TemplateKind = 'migrated' | 'demo';
export const templateName = (kind: TemplateKind) => `template_${kind}`;

/** A test app's database: a copy of the template of that kind. */
export async function testDatabase(kind: TemplateKind): Promise<string> {
	return copyOf(templateName(kind));
}

/** Creates an empty template database for `prepare` to fill (the global setup's step). */
export async function createTemplate(kind: TemplateKind): Promise<string> {
	await asAdmin(
		`CREATE DATABASE ${templateName(kind)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`
	);
	return urlOf(templateName(kind));
}

/** Drops a test app's database once the app has closed (thousands of tests would fill the disk). */
export async function dropTestDatabase(url: string | null): Promise<void> {
	const name = url && /\/(kita_[0-9a-f]+)\?/.exec(url)?.[1];
	if (name) await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
