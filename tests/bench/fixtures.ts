// Bench and soak fixtures written straight into their own scratch database: parents with a ready
// session (the token goes into the `session` cookie), and 10,000 requests made through the real
// push path, so that the data has the shape the app itself writes.
import { resolve } from 'node:path';
import { createApp, type App } from '../../server/app';
import { createSession, validateSessionToken, type AuthSession } from '../../server/auth/session';
import { loadConfig, type Config } from '../../server/config';
import type { Db } from '../../server/db/database';
import { listKitaYears } from '../../server/services/catalogue';
import { push } from '../../server/sync/push';
import { addDays, dayOfInstant, type Day } from '../../src/lib/domain/calendar-day';
import type { UserId } from '../../src/lib/domain/ids';
import type { Role } from '../../src/lib/domain/roles';
import { SCHEMA_VERSION, type Mutation } from '../../src/lib/sync/protocol';
import { familyMutations } from './mutations';
import { ROOT } from './env';

/**
 * The app (migrated, demo catalogue) on a database file, in this process; `overrides` put it on
 * PostgreSQL (`databaseUrl`; the file's path then only places the demo TOTP key file) with the
 * nodes' TOTP key (the PostgreSQL soak).
 */
export function openApp(
	databasePath: string,
	now: () => Date = () => new Date(),
	overrides: Partial<Pick<Config, 'databaseUrl' | 'totpEncryptionKey'>> = {}
): Promise<App> {
	return createApp(
		{
			...loadConfig({}),
			origin: 'http://127.0.0.1',
			databasePath,
			demoData: true,
			migrationsDir: resolve(ROOT, 'migrations'),
			production: false,
			...overrides
		},
		now
	);
}

export interface Account {
	session: AuthSession;
	/** The cookie value. */
	token: string;
}

let counter = 0;

export async function createAccount(
	db: Db,
	now: Date,
	role: Role,
	facilityIds: string[] = []
): Promise<Account> {
	const id = crypto.randomUUID() as UserId;
	const at = now.toISOString();
	counter += 1;
	await db
		.insertInto('users')
		.values({
			id,
			email: `bench-${role}-${counter}-${id.slice(0, 8)}@example.org`,
			password_hash: null,
			role,
			first_name: 'Bench',
			last_name: role === 'parent' ? 'Eltern' : 'Kita',
			street: 'Teststraße 1',
			postcode: '59457',
			town: 'Werl',
			phone: null,
			locale: 'de',
			email_confirmed_at: at,
			privacy_consent_at: at,
			totp_key: null,
			created_at: at,
			updated_at: at
		})
		.execute();
	for (const facilityId of facilityIds)
		await db.insertInto('user_facilities').values({ user_id: id, facility_id: facilityId }).execute();
	const { token } = await createSession(db, id, role, now, true);
	const session = await validateSessionToken(db, token, now);
	if (!session) throw new Error('session not created');
	return { session, token };
}

/** Active Kitas that take 35 hours and children of three and a half. */
export async function benchFacilities(db: Db): Promise<string[]> {
	const rows = await db.selectFrom('facilities').selectAll().where('active', '=', 1).orderBy('id').execute();
	return rows
		.filter((r) => (JSON.parse(r.weekly_hours) as number[]).includes(35))
		.filter((r) => r.min_age_months <= 36 && r.max_age_months >= 48)
		.map((r) => r.id);
}

/** A start date that registration accepts today: the next Kita year's first day, else in two weeks. */
export async function openStartDate(db: Db, now: Date): Promise<Day> {
	const today = dayOfInstant(now);
	const years = await listKitaYears(db);
	const next = years.map((y) => y.startsOn).find((d) => d > addDays(today, 30));
	return next ?? addDays(today, 14);
}

/** Pushes through the server's own push (one transaction per mutation); fails on any rejection. */
export async function pushOrFail(app: App, account: Account, clientId: string, mutations: Mutation[]) {
	const result = await push(app, account.session, {
		clientId,
		userId: account.session.userId,
		schemaVersion: SCHEMA_VERSION,
		mutations
	});
	const last = mutations.at(-1)?.id ?? 0;
	if (result.kind !== 'ok' || result.lastMutationId !== last)
		throw new Error(`push answered ${JSON.stringify(result)}`);
	const rejected = await app.database.db
		.selectFrom('sync_rejections')
		.select(['mutation_id', 'code', 'current'])
		.where('client_id', '=', clientId)
		.execute();
	if (rejected.length) throw new Error(`push rejected ${JSON.stringify(rejected)}`);
}

export interface SeededParent extends Account {
	clientId: string;
	guardianId: string;
}

/** Families registering one child at four Kitas each, until `requests` requests exist. */
export async function seedRequests(app: App, requests: number): Promise<SeededParent[]> {
	const db = app.database.db;
	const now = app.now();
	const kitas = await benchFacilities(db);
	if (kitas.length < 4) throw new Error('the demo catalogue has too few Kitas for the bench');
	const startDate = await openStartDate(db, now);
	const birthDate = addDays(startDate, -3 * 365 - 180);
	const parents: SeededParent[] = [];
	for (let i = 0; i * 4 < requests; i++) {
		const account = await createAccount(db, now, 'parent');
		const chosen = [0, 1, 2, 3].map((k) => kitas[(i * 4 + k) % kitas.length] ?? '');
		const parent = { ...account, clientId: crypto.randomUUID(), guardianId: crypto.randomUUID() };
		await pushOrFail(
			app,
			account,
			parent.clientId,
			familyMutations(1, chosen, startDate, birthDate, now.toISOString(), parent.guardianId)
		);
		parents.push(parent);
	}
	return parents;
}
