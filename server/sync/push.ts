// sync.push: applies a client's mutations exactly once and in order (Replicache's push). Each
// mutation runs in its own transaction (in a rush, its own savepoint of a transaction shared with
// other pushes, group-commit.ts); a domain refusal rolls it back but still advances the client's
// lastMutationId and leaves a rejection for the client to show. Anything else stops the batch
// untouched, and the client retries — up to MAX_FAILED_ATTEMPTS for the same mutation, after which it
// is refused as `serverError`, so that no mutation blocks the outbox for good.
import { isMutationName, MUTATION_ARGS } from '../../src/lib/domain/mutations';
import { roleMay } from '../../src/lib/domain/permissions';
import { MIN_CLIENT_SCHEMA_VERSION, type PushInput, type PushResult } from '../../src/lib/sync/protocol';
import { LOST_ON_DEVICE } from '../../src/lib/sync/read-records';
import type { App } from '../app';
import type { AuthSession } from '../auth/session';
import type { Tx } from '../db/database';
import { commandContext, userActor } from '../commands/context';
import type { Mutator } from './mutators/context';
import { mutators } from './mutators/registry';
import { poke } from '../events/poke';
import { actedByOf } from './acted-by';
import { Refusal } from '../commands/refusal';
import { inGroupCommit } from '../db/group-commit';
import { holdChangeCounter, nextSeq } from '../db/seq';
import { log } from '../log';
import { mutations, pushes, rejections } from '../metrics';

export class ForeignClientError extends Error {}
/** The push names another user than the session's: the outbox is not this session's to send. */
export class OutboxOfAnotherUserError extends Error {}

async function clientRow(tx: Tx, clientId: string, session: AuthSession, now: Date) {
	const row = await tx
		.selectFrom('sync_clients')
		.selectAll()
		.where('client_id', '=', clientId)
		.executeTakeFirst();
	if (row) {
		// One user's outbox is never applied under another user's session.
		if (row.user_id !== session.userId) throw new ForeignClientError('clientOfAnotherUser');
		return row;
	}
	const created = {
		client_id: clientId,
		user_id: session.userId,
		last_mutation_id: 0,
		created_at: now.toISOString(),
		last_seen_at: now.toISOString()
	};
	await tx.insertInto('sync_clients').values(created).execute();
	return created;
}

/**
 * The client's row, read without a transaction of its own when it exists (every push but a client's
 * first: a begin and commit less per push); a new client is bound to the user in one.
 */
async function knownClient(app: App, clientId: string, session: AuthSession) {
	const row = await app.database.db
		.selectFrom('sync_clients')
		.selectAll()
		.where('client_id', '=', clientId)
		.executeTakeFirst();
	if (!row) return app.database.db.transaction().execute((tx) => clientRow(tx, clientId, session, app.now()));
	if (row.user_id !== session.userId) throw new ForeignClientError('clientOfAnotherUser');
	return row;
}

/**
 * Moves the client's lastMutationId from exactly `mutationId − 1` to `mutationId` — the one way it
 * advances, for an applied mutation and a refused one alike. Throws ConcurrentPush when another push
 * of the same client (a second tab) got there first; the caller's transaction then rolls back.
 */
async function advance(tx: Tx, clientId: string, mutationId: number, now: Date): Promise<void> {
	const updated = await tx
		.updateTable('sync_clients')
		.set({ last_mutation_id: mutationId, last_seen_at: now.toISOString() })
		.where('client_id', '=', clientId)
		.where('last_mutation_id', '=', mutationId - 1)
		.executeTakeFirst();
	if (updated.numUpdatedRows !== 1n) throw new ConcurrentPush();
}

export interface Rejection {
	clientId: string;
	mutationId: number;
	name: string;
	args: unknown;
	code: string;
	message: string;
	current?: unknown;
}

/**
 * Stores a refusal for the client to show and advances past the mutation, in one transaction.
 * Returns false when another push of the same client had already moved past it (nothing written).
 */
export async function recordRejection(
	app: App,
	rejection: Rejection,
	session: AuthSession
): Promise<boolean> {
	const now = app.now();
	try {
		await app.database.db.transaction().execute(async (tx) => {
			await clientRow(tx, rejection.clientId, session, now);
			const acted = await actedByOf(tx, rejection.current, session);
			await tx
				.insertInto('sync_rejections')
				.values({
					client_id: rejection.clientId,
					mutation_id: rejection.mutationId,
					name: rejection.name,
					args: JSON.stringify(rejection.args ?? null),
					code: rejection.code,
					message: rejection.message,
					current: rejection.current === undefined ? null : JSON.stringify(rejection.current),
					acted_by: acted?.actedBy ?? null,
					acted_at: acted?.actedAt ?? null,
					created_at: now.toISOString(),
					seq: await nextSeq(tx)
				})
				.execute();
			await advance(tx, rejection.clientId, rejection.mutationId, now);
		});
		return true;
	} catch (error) {
		// The other push stored its own outcome for this id; a rejection row already there means the same.
		if (error instanceof ConcurrentPush || isUniqueViolation(error)) return false;
		throw error;
	}
}

/** SQLite's answer to an insert whose key exists: a client-chosen id that is taken. */
function isUniqueViolation(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	// SQLite's codes, and PostgreSQL's unique_violation.
	return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/**
 * How often the same mutation may fail with an unexpected error before it is refused as
 * `serverError`: a busy or full disk passes within a few retries, a defect in a mutator never does,
 * and the client's outbox must not wait behind it for good.
 */
export const MAX_FAILED_ATTEMPTS = 5;
// Counted per node: a client whose pushes land on several nodes is refused after at most this many
// failures on each, later but still (the refusal is a convenience, the failures are logged anyway).
const failedAttempts = new Map<string, { mutationId: number; count: number }>();

function countFailure(clientId: string, mutationId: number): number {
	const seen = failedAttempts.get(clientId);
	const count = seen?.mutationId === mutationId ? seen.count + 1 : 1;
	failedAttempts.delete(clientId);
	failedAttempts.set(clientId, { mutationId, count });
	// Bounded: the oldest entries go first.
	if (failedAttempts.size > 10_000) failedAttempts.delete(failedAttempts.keys().next().value ?? clientId);
	return count;
}

async function lastMutationId(app: App, clientId: string): Promise<number> {
	const row = await app.database.db
		.selectFrom('sync_clients')
		.select('last_mutation_id')
		.where('client_id', '=', clientId)
		.executeTakeFirstOrThrow();
	return row.last_mutation_id;
}

/**
 * A stand-in for a mutation the client's lost local database took with it (issue 14, point 3): the
 * server only advances past its id, so that the client's later mutations are not held up by a gap
 * and the lost one, should it still arrive, is never applied after the client named it lost.
 */
async function skipLost(app: App, clientId: string, mutationId: number): Promise<Outcome> {
	try {
		await app.database.db.transaction().execute((tx) => advance(tx, clientId, mutationId, app.now()));
		return 'done';
	} catch (error) {
		if (error instanceof ConcurrentPush) return 'raced';
		throw error;
	}
}

/** What became of one mutation: applied or refused (`done`), or another push of the client was first. */
type Outcome = 'done' | 'raced';

async function applyOne(
	app: App,
	session: AuthSession,
	clientId: string,
	mutation: PushInput['mutations'][number],
	affected: Set<string>
): Promise<Outcome> {
	const base = { clientId, mutationId: mutation.id, name: mutation.name, args: mutation.args };
	const refuse = async (code: string, message: string, current?: unknown): Promise<Outcome> => {
		if (!(await recordRejection(app, { ...base, code, message, current }, session))) return 'raced';
		mutations.inc({ outcome: 'rejected' });
		rejections.inc({ code });
		return 'done';
	};
	if (!isMutationName(mutation.name)) return refuse('unknownMutation', 'sync.unknownMutation');
	const mutator = mutators[mutation.name] as Mutator<typeof mutation.name> | undefined;
	if (!mutator || !roleMay(mutation.name, session.role)) return refuse('notPermitted', 'sync.notPermitted');
	const parsed = MUTATION_ARGS[mutation.name].safeParse(mutation.args);
	if (!parsed.success) return refuse('invalidInput', 'sync.invalidInput', { issues: parsed.error.issues });
	const now = app.now();
	const touched = new Set<string>();
	const settings = { now, origin: app.config.origin, officeAddress: app.config.youthOfficeAddress };
	try {
		// Shares its commit with the pushes that arrived meanwhile (SQLite; see group-commit.ts).
		await inGroupCommit(app.database, async (tx) => {
			await holdChangeCounter(tx);
			const ctx = commandContext(tx, userActor(session), settings);
			await mutator.command(ctx, parsed.data as never);
			for (const id of ctx.effects.poke) touched.add(id);
			await advance(tx, clientId, mutation.id, now);
		});
	} catch (error) {
		if (error instanceof ConcurrentPush) return 'raced';
		if (error instanceof Refusal) return refuse(error.code, error.message, error.current);
		// A mutator that checks its ids never gets here; this keeps one that forgot from blocking the queue.
		if (isUniqueViolation(error)) return refuse('idTaken', 'sync.idTaken');
		if (countFailure(clientId, mutation.id) < MAX_FAILED_ATTEMPTS) throw error;
		log.error(
			{ procedure: 'sync.push', mutation: mutation.name, err: error },
			`mutation failed ${MAX_FAILED_ATTEMPTS} times, refused`
		);
		return refuse('serverError', 'sync.serverError');
	}
	failedAttempts.delete(clientId);
	for (const id of touched) affected.add(id);
	mutations.inc({ outcome: 'applied' });
	return 'done';
}

export async function push(app: App, session: AuthSession, input: PushInput): Promise<PushResult> {
	pushes.inc();
	if (input.schemaVersion < MIN_CLIENT_SCHEMA_VERSION)
		return { kind: 'updateRequired', minSchemaVersion: MIN_CLIENT_SCHEMA_VERSION };
	// Checked before the client id is bound: a tab of user A pushing with user B's cookie (B logged in
	// in another tab) must neither apply A's changes as B nor tie A's client id to B.
	if (input.userId !== session.userId) throw new OutboxOfAnotherUserError('outboxOfAnotherUser');
	let last = (await knownClient(app, input.clientId, session)).last_mutation_id;
	const affected = new Set<string>([session.userId]);
	try {
		for (const mutation of input.mutations) {
			if (mutation.id <= last) continue; // applied before: the response was lost, the client resent
			if (mutation.id !== last + 1) return { kind: 'gap', lastMutationId: last };
			const outcome =
				mutation.name === LOST_ON_DEVICE
					? await skipLost(app, input.clientId, mutation.id)
					: await applyOne(app, session, input.clientId, mutation, affected);
			// Another push of the same client (two tabs) got here first: go on from where it stands.
			last = outcome === 'raced' ? await lastMutationId(app, input.clientId) : mutation.id;
		}
		return { kind: 'ok', lastMutationId: last };
	} finally {
		poke(affected);
	}
}

class ConcurrentPush extends Error {}
