// Server-side costs measured in this process against a copy of the seeded database: one push of
// 500 mutations, pulls with and without changes, and the raw engine's rate of the same write
// (better-sqlite3, or node-postgres on PostgreSQL).
import Database from 'better-sqlite3';
import pg from 'pg';
import type { App } from '../../server/app';
import { pull } from '../../server/sync/pull';
import { push } from '../../server/sync/push';
import { scopeFor } from '../../server/sync/scope-for';
import { addDays } from '../../src/lib/domain/calendar-day';
import { SCHEMA_VERSION, type Mutation, type PullResult } from '../../src/lib/sync/protocol';
import { median } from './env';
import { benchFacilities, createAccount, openStartDate, pushOrFail, type Account } from './fixtures';
import { familyMutations, guardianArgs } from './mutations';

export interface PushFigure {
	mutations: number;
	ms: number;
}

/** One push of 500 mutations: a family registering 250 children, one Kita each, after its guardian. */
export async function pushOf500(app: App): Promise<PushFigure> {
	const db = app.database.db;
	const now = app.now();
	const account = await createAccount(db, now, 'parent');
	const kitas = await benchFacilities(db);
	const startDate = await openStartDate(db, now);
	const birthDate = addDays(startDate, -3 * 365 - 180);
	const at = now.toISOString();
	const mutations: Mutation[] = familyMutations(1, [kitas[0] ?? ''], startDate, birthDate, at);
	while (mutations.length < 500) {
		const [, child, registration] = familyMutations(
			mutations.length,
			[kitas[0] ?? ''],
			startDate,
			birthDate,
			at
		);
		if (!child || !registration) break;
		mutations.push({ ...child, id: mutations.length + 1 });
		if (mutations.length < 500) mutations.push({ ...registration, id: mutations.length + 1 });
	}
	const clientId = crypto.randomUUID();
	const started = performance.now();
	const result = await push(app, account.session, {
		clientId,
		userId: account.session.userId,
		schemaVersion: SCHEMA_VERSION,
		mutations
	});
	const ms = performance.now() - started;
	if (result.kind !== 'ok' || result.lastMutationId !== 500)
		throw new Error(`push: ${JSON.stringify(result)}`);
	const rejected = await db
		.selectFrom('sync_rejections')
		.select('code')
		.where('client_id', '=', clientId)
		.execute();
	if (rejected.length) throw new Error(`push of 500 had ${rejected.length} rejections: ${rejected[0]?.code}`);
	return { mutations: mutations.length, ms };
}

async function timedPull(app: App, account: Account, clientId: string, cookie: string | null) {
	const started = performance.now();
	const result = await pull(
		app.database.db,
		scopeFor(account.session),
		{ clientId, userId: account.session.userId, schemaVersion: SCHEMA_VERSION, cookie },
		account.session.userId
	);
	const ms = performance.now() - started;
	if (result.kind !== 'patch') throw new Error('pull asked for an update');
	return { ms, result };
}

function rowCount(result: Extract<PullResult, { kind: 'patch' }>): number {
	let n = 0;
	for (const rows of Object.values(result.patch.put)) n += rows?.length ?? 0;
	for (const ids of Object.values(result.patch.del)) n += ids?.length ?? 0;
	return n;
}

export interface PullFigures {
	emptyMs: number;
	changedMs: number;
	changedRequests: number;
	changedRows: number;
}

/**
 * A parent's pull with nothing new, and after 100 new requests of theirs (25 children at four Kitas
 * each), both with the seeded 10,000 requests of other families in the database.
 */
export async function pulls(app: App, runs: number): Promise<PullFigures> {
	const db = app.database.db;
	const now = app.now();
	const account = await createAccount(db, now, 'parent');
	const clientId = crypto.randomUUID();
	const kitas = await benchFacilities(db);
	const startDate = await openStartDate(db, now);
	const birthDate = addDays(startDate, -3 * 365 - 180);
	await pushOrFail(
		app,
		account,
		clientId,
		familyMutations(1, kitas.slice(0, 4), startDate, birthDate, now.toISOString())
	);
	const first = await timedPull(app, account, clientId, null);
	const cookie = first.result.kind === 'patch' ? first.result.cookie : null;
	const empty: number[] = [];
	for (let i = 0; i < runs; i++) empty.push((await timedPull(app, account, clientId, cookie)).ms);
	// 100 more requests in this family's scope after the cookie.
	const more: Mutation[] = [];
	for (let c = 0; c < 25; c++) {
		const [, child, registration] = familyMutations(
			0,
			[0, 1, 2, 3].map((k) => kitas[(c * 4 + k) % kitas.length] ?? ''),
			startDate,
			birthDate,
			now.toISOString()
		);
		if (child && registration) more.push(child, registration);
	}
	const mutations = more.map((m, i) => ({ ...m, id: 4 + i }));
	await pushOrFail(app, account, clientId, mutations);
	const changed: number[] = [];
	let last: Awaited<ReturnType<typeof timedPull>> | null = null;
	for (let i = 0; i < runs; i++) {
		last = await timedPull(app, account, clientId, cookie);
		changed.push(last.ms);
	}
	if (!last || last.result.kind !== 'patch') throw new Error('no pull');
	return {
		emptyMs: median(empty),
		changedMs: median(changed),
		changedRequests: last.result.patch.put.requests?.length ?? 0,
		changedRows: rowCount(last.result)
	};
}

/** A parent of the HTTP push load: the raw write goes to the same family and guardian rows. */
export interface RawWriter {
	userId: string;
	guardianId: string;
}

/**
 * The write of one pushed saveGuardian as plain better-sqlite3 statements in one transaction: the
 * client row, the next seq, the family, the guardian checks and upsert, the audit row and the
 * client's lastMutationId. What Kysely, tRPC, HTTP and the session check add is the difference.
 *
 * `writers`: the parents the HTTP load pushes for, taken in turn (each with a client of its own), so
 * that the raw write touches the same rows and pages as the load does. Without them it writes one
 * new parent's row over and over: the same few pages in every commit and checkpoint, which is about
 * twice as fast as writing 200 families' rows and so no fair measure of "the same write".
 */
export function rawWriteRate(
	databasePath: string,
	seconds: number,
	writers: RawWriter[] = []
): { perSecond: number; count: number } {
	const sqlite = new Database(databasePath);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('synchronous = NORMAL');
	try {
		const at = new Date().toISOString();
		const addClient = sqlite.prepare(
			`INSERT INTO sync_clients (client_id, user_id, last_mutation_id, created_at, last_seen_at) VALUES (?, ?, 0, ?, ?)`
		);
		const parents = writers.map((writer) => ({
			...writer,
			familyId: '',
			clientId: crypto.randomUUID(),
			n: 0
		}));
		if (parents.length === 0) {
			const userId = crypto.randomUUID();
			const familyId = crypto.randomUUID();
			sqlite
				.prepare(
					`INSERT INTO users (id, email, role, first_name, last_name, locale, created_at, updated_at)
					 VALUES (?, ?, 'parent', 'Raw', 'Bench', 'de', ?, ?)`
				)
				.run(userId, `raw-${userId}@example.org`, at, at);
			sqlite
				.prepare(
					`INSERT INTO families (id, owner_user_id, source, created_at, updated_at, seq) VALUES (?, ?, 'online', ?, ?, 0)`
				)
				.run(familyId, userId, at, at);
			parents.push({
				userId,
				guardianId: crypto.randomUUID(),
				familyId,
				clientId: crypto.randomUUID(),
				n: 0
			});
		}
		const familyOf = sqlite.prepare('SELECT id FROM families WHERE owner_user_id = ?');
		for (const parent of parents) {
			addClient.run(parent.clientId, parent.userId, at, at);
			parent.familyId ||= (familyOf.get(parent.userId) as { id: string }).id;
		}
		const client = sqlite.prepare('SELECT * FROM sync_clients WHERE client_id = ?');
		const seq = sqlite.prepare('UPDATE sync_state SET seq = seq + 1 WHERE id = 1 RETURNING seq');
		const family = sqlite.prepare('SELECT * FROM families WHERE owner_user_id = ?');
		const existing = sqlite.prepare('SELECT family_id, position FROM guardians WHERE id = ?');
		const taken = sqlite.prepare('SELECT id FROM guardians WHERE family_id = ? AND position = ? AND id != ?');
		const upsert = sqlite.prepare(
			`INSERT INTO guardians (id, family_id, position, first_name, last_name, street, postcode, town, phone, email, updated_at, seq)
			 VALUES (@id, @familyId, @position, @firstName, @lastName, @street, @postcode, @town, @phone, @email, @at, @seq)
			 ON CONFLICT (id) DO UPDATE SET family_id = excluded.family_id, position = excluded.position,
			   first_name = excluded.first_name, last_name = excluded.last_name, street = excluded.street,
			   postcode = excluded.postcode, town = excluded.town, phone = excluded.phone, email = excluded.email,
			   updated_at = excluded.updated_at, seq = excluded.seq`
		);
		const auditRow = sqlite.prepare(
			`INSERT INTO audit_events (at, actor_id, actor_role, action, target_type, target_id, outcome)
			 VALUES (?, ?, 'parent', 'family.write', 'guardian', ?, 'ok')`
		);
		const advance = sqlite.prepare(
			'UPDATE sync_clients SET last_mutation_id = ?, last_seen_at = ? WHERE client_id = ? AND last_mutation_id = ?'
		);
		const write = sqlite.transaction((parent: (typeof parents)[number], total: number) => {
			const now = new Date().toISOString();
			const n = ++parent.n;
			client.get(parent.clientId);
			const next = (seq.get() as { seq: number }).seq;
			family.get(parent.userId);
			existing.get(parent.guardianId);
			taken.get(parent.familyId, 1, parent.guardianId);
			upsert.run({
				...guardianArgs(parent.guardianId, `02922 ${total}`),
				familyId: parent.familyId,
				at: now,
				seq: next
			});
			auditRow.run(now, parent.userId, parent.guardianId);
			advance.run(n, now, parent.clientId, n - 1);
		});
		const end = performance.now() + seconds * 1000;
		let n = 0;
		const started = performance.now();
		while (performance.now() < end) {
			n += 1;
			write(parents[n % parents.length] as (typeof parents)[number], n);
		}
		return { perSecond: n / ((performance.now() - started) / 1000), count: n };
	} finally {
		sqlite.close();
	}
}

/**
 * rawWriteRate on PostgreSQL: the same statements with node-postgres on one connection, each write
 * in BEGIN … COMMIT, statements prepared once (named), one write after the other — what the portal's
 * push does through Kysely, its pool, tRPC and HTTP is the difference.
 */
export async function rawWriteRatePostgres(
	url: string,
	seconds: number,
	writers: RawWriter[]
): Promise<{ perSecond: number; count: number }> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const run = (name: string, text: string, values: unknown[]) => client.query({ name, text, values });
	try {
		const at = new Date().toISOString();
		const parents: (RawWriter & { familyId: string; clientId: string; n: number })[] = [];
		for (const writer of writers) {
			const clientId = crypto.randomUUID();
			await run(
				'client',
				`INSERT INTO sync_clients (client_id, user_id, last_mutation_id, created_at, last_seen_at) VALUES ($1, $2, 0, $3, $4)`,
				[clientId, writer.userId, at, at]
			);
			const family = await client.query<{ id: string }>('SELECT id FROM families WHERE owner_user_id = $1', [
				writer.userId
			]);
			parents.push({ ...writer, familyId: family.rows[0]?.id ?? '', clientId, n: 0 });
		}
		if (parents.length === 0) throw new Error("the raw PostgreSQL write needs the load's parents");
		const write = async (parent: (typeof parents)[number], total: number) => {
			const now = new Date().toISOString();
			const n = ++parent.n;
			await client.query('BEGIN');
			try {
				await run('c', 'SELECT * FROM sync_clients WHERE client_id = $1', [parent.clientId]);
				const next = await run('s', 'UPDATE sync_state SET seq = seq + 1 WHERE id = 1 RETURNING seq', []);
				await run('f', 'SELECT * FROM families WHERE owner_user_id = $1', [parent.userId]);
				await run('e', 'SELECT family_id, position FROM guardians WHERE id = $1', [parent.guardianId]);
				await run('t', 'SELECT id FROM guardians WHERE family_id = $1 AND position = $2 AND id != $3', [
					parent.familyId,
					1,
					parent.guardianId
				]);
				const g = guardianArgs(parent.guardianId, `02922 ${total}`);
				await run(
					'u',
					`INSERT INTO guardians (id, family_id, position, first_name, last_name, street, postcode, town, phone, email, updated_at, seq)
					 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
					 ON CONFLICT (id) DO UPDATE SET family_id = excluded.family_id, position = excluded.position,
					   first_name = excluded.first_name, last_name = excluded.last_name, street = excluded.street,
					   postcode = excluded.postcode, town = excluded.town, phone = excluded.phone, email = excluded.email,
					   updated_at = excluded.updated_at, seq = excluded.seq`,
					[
						g.id,
						parent.familyId,
						g.position,
						g.firstName,
						g.lastName,
						g.street,
						g.postcode,
						g.town,
						g.phone,
						g.email,
						now,
						(next.rows[0] as { seq: number }).seq
					]
				);
				await run(
					'a',
					`INSERT INTO audit_events (at, actor_id, actor_role, action, target_type, target_id, outcome)
					 VALUES ($1, $2, 'parent', 'family.write', 'guardian', $3, 'ok')`,
					[now, parent.userId, parent.guardianId]
				);
				await run(
					'l',
					'UPDATE sync_clients SET last_mutation_id = $1, last_seen_at = $2 WHERE client_id = $3 AND last_mutation_id = $4',
					[n, now, parent.clientId, n - 1]
				);
				await client.query('COMMIT');
			} catch (error) {
				await client.query('ROLLBACK');
				throw error;
			}
		};
		const end = performance.now() + seconds * 1000;
		let n = 0;
		const started = performance.now();
		while (performance.now() < end) {
			n += 1;
			await write(parents[n % parents.length] as (typeof parents)[number], n);
		}
		return { perSecond: n / ((performance.now() - started) / 1000), count: n };
	} finally {
		await client.end();
	}
}
