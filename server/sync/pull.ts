// sync.pull: everything in the caller's scope changed since the cookie, plus the client's
// lastMutationId and new rejections — all read in one transaction, so they agree. A cookie older
// than the deletions retention pruned gets a reset, so no device misses a deletion. A reset (the
// first sync) comes in pages (first-sync.ts) for clients that take them.
import type Database from 'better-sqlite3';
import type { Db, Executor } from '../db/database';
import {
	isActedBy,
	MIN_CLIENT_SCHEMA_VERSION,
	PAGED_RESET_SCHEMA_VERSION,
	type Patch,
	type PullInput,
	type PullResult,
	type Rejection
} from '../../src/lib/sync/protocol';
import { decodeCookie, encodeCookie } from './cookie';
import { deletionsPrunedThrough } from './deletions';
import { decodePageToken, encodePageToken, firstEntity, readPage } from './first-sync';
import { currentSeq } from '../db/seq';
import { othersTransactionOpen } from '../db/read-together';
import { pulls } from '../metrics';
import { scopeForSchema } from './client-schema';
import { publicScope, type Scope } from './scopes';
import { readCatalogueVersion } from './catalogue-version';

/** Rows per page of a first sync unless the app's configuration says otherwise (SYNC_PAGE_ROWS). */
export const DEFAULT_PAGE_ROWS = 1000;

/** Adds the scope's changes since `since` (everything on a reset) to the patch. */
async function addChanges(tx: Executor, scope: Scope, since: number, reset: boolean, patch: Patch) {
	const put = patch.put as Record<string, unknown[]>;
	const del = patch.del as Record<string, string[]>;
	for (const src of scope.sources) {
		const changes = await src.changesSince(tx, since, reset);
		if (changes.put.length) put[src.entity] = [...(put[src.entity] ?? []), ...changes.put];
		if (changes.del.length) del[src.entity] = [...(del[src.entity] ?? []), ...changes.del];
	}
}

async function clientState(
	tx: Executor,
	input: PullInput,
	userId: string | null,
	since: number
): Promise<{ lastMutationId: number; rejections: Rejection[] }> {
	if (!input.clientId || !userId) return { lastMutationId: 0, rejections: [] };
	const client = await tx
		.selectFrom('sync_clients')
		.selectAll()
		.where('client_id', '=', input.clientId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (!client) return { lastMutationId: 0, rejections: [] };
	const rows = await tx
		.selectFrom('sync_rejections')
		.selectAll()
		.where('client_id', '=', client.client_id)
		.where('seq', '>', since)
		.orderBy('mutation_id')
		.execute();
	return {
		lastMutationId: client.last_mutation_id,
		rejections: rows.map((r) => ({
			mutationId: r.mutation_id,
			name: r.name,
			args: JSON.parse(r.args) as unknown,
			at: r.created_at,
			code: r.code,
			message: r.message,
			current: r.current === null ? undefined : (JSON.parse(r.current) as unknown),
			...(isActedBy(r.acted_by) ? { actedBy: r.acted_by, actedAt: r.acted_at ?? undefined } : {})
		}))
	};
}

export async function pull(
	db: Db,
	fullScope: Scope,
	input: PullInput,
	userId: string | null,
	pageRows = DEFAULT_PAGE_ROWS
): Promise<PullResult> {
	if (input.schemaVersion < MIN_CLIENT_SCHEMA_VERSION)
		return { kind: 'updateRequired', minSchemaVersion: MIN_CLIENT_SCHEMA_VERSION };
	const scope = scopeForSchema(fullScope, input.schemaVersion);
	const result = await db.transaction().execute(async (tx): Promise<PullResult> => {
		const seq = await currentSeq(tx);
		const prunedThrough = await deletionsPrunedThrough(tx);
		const paged = input.schemaVersion >= PAGED_RESET_SCHEMA_VERSION;
		const entities = scope.sources.map((s) => s.entity);
		// A first sync under way goes on from its token; a token the server cannot serve (another
		// scope, or older than pruned deletions) starts it again.
		const token = paged ? decodePageToken(input.page ?? null, scope.key, entities, seq, prunedThrough) : null;
		const cookie = token ? null : decodeCookie(input.cookie, scope.key, seq, prunedThrough);
		const patch: Patch = { put: {}, del: {} };
		if (cookie || !paged) {
			const reset = cookie === null;
			// Nothing was written since the cookie: no table needs asking (on SQLite the fast lane
			// answers such a pull before it gets here; on PostgreSQL this saves a query per entity).
			if (reset || cookie.seq < seq) await addChanges(tx, scope, cookie?.seq ?? 0, reset, patch);
			const state = await clientState(tx, input, userId, cookie?.seq ?? 0);
			return { kind: 'patch', reset, cookie: encodeCookie(scope.key, seq), patch, ...state };
		}
		// A page of the first sync at the snapshot `at`: the rows as they are now, in key order.
		const at = token ?? { scope: scope.key, seq, entity: firstEntity(scope), after: null };
		const page = await readPage(tx, scope, at, pageRows, token === null);
		Object.assign(patch.put, page.put);
		if (page.next)
			return {
				kind: 'page',
				reset: token === null,
				token: encodePageToken(page.next),
				...(page.total ? { total: page.total } : {}),
				patch
			};
		// The last page: with what changed since the snapshot (also in the pages already sent), so
		// the device ends where a first sync in one answer now would, and the cookie is an ordinary one.
		if (token) await addChanges(tx, scope, at.seq, false, patch);
		const state = await clientState(tx, input, userId, 0);
		return { kind: 'patch', reset: token === null, cookie: encodeCookie(scope.key, seq), patch, ...state };
	});
	pulls.inc({ answer: result.kind });
	return result;
}

interface SyncState {
	seq: number;
	prunedThrough: number;
}

const statements = new WeakMap<
	Database.Database,
	{
		state: Database.Statement<[], SyncState>;
		client: Database.Statement<[string, string], { last_mutation_id: number }>;
	}
>();

function prepared(sqlite: Database.Database) {
	let s = statements.get(sqlite);
	if (!s) {
		s = {
			state: sqlite.prepare<[], SyncState>(
				'SELECT seq, deletions_pruned_through AS prunedThrough FROM sync_state WHERE id = 1'
			),
			client: sqlite.prepare<[string, string], { last_mutation_id: number }>(
				'SELECT last_mutation_id FROM sync_clients WHERE client_id = ? AND user_id = ?'
			)
		};
		statements.set(sqlite, s);
	}
	return s;
}

/**
 * A pull with nothing new, from two point reads and no Kysely round (the hot path of a device that
 * is up to date): every write stamps what it changed — rows and rejections alike — with the next
 * seq, so a cookie naming the current seq has nothing to fetch, and only the client's
 * lastMutationId (which a refused or lost mutation moves without a seq) is read. The answer is the
 * one `pull` gives. Null for anything else (a change since, a reset, a page, a schema to refuse) and
 * inside another request's open transaction (its writes are not committed): `pull` answers those.
 */
export function unchangedPull(
	sqlite: Database.Database,
	fullScope: Scope,
	input: PullInput,
	userId: string | null
): PullResult | null {
	if (
		input.schemaVersion < MIN_CLIENT_SCHEMA_VERSION ||
		!input.cookie ||
		input.page ||
		othersTransactionOpen(sqlite)
	)
		return null;
	const scope = scopeForSchema(fullScope, input.schemaVersion);
	const { state, client } = prepared(sqlite);
	const now = state.get();
	if (!now) return null;
	const cookie = decodeCookie(input.cookie, scope.key, now.seq, now.prunedThrough);
	if (!cookie) return null;
	// The public scope is the catalogue's four tables alone, whose rows are never deleted: while none
	// has a row newer than the cookie, the families' writes that moved the counter meanwhile (many on
	// a deadline evening) have nothing for a visitor.
	if (
		cookie.seq !== now.seq &&
		(scope.key !== publicScope.key || readCatalogueVersion(sqlite).publicSeq > cookie.seq)
	)
		return null;
	const lastMutationId =
		input.clientId && userId ? (client.get(input.clientId, userId)?.last_mutation_id ?? 0) : 0;
	return {
		kind: 'patch',
		reset: false,
		cookie: encodeCookie(scope.key, now.seq),
		patch: { put: {}, del: {} },
		lastMutationId,
		rejections: []
	};
}
