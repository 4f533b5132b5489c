// sync.push: applies a client's mutations exactly once and in order (Replicache's push). Each
// mutation runs in its own transaction; a domain refusal rolls it back but still advances the
// client's lastMutationId and leaves a rejection for the client to show. Anything else stops the
// batch untouched, and the client retries.
import { dayOfInstant } from '../../src/lib/domain/calendar-day';
import { isMutationName, MUTATION_ARGS } from '../../src/lib/domain/mutations';
import { MIN_CLIENT_SCHEMA_VERSION, type PushInput, type PushResult } from '../../src/lib/sync/protocol';
import type { App } from '../app';
import type { AuthSession } from '../auth/session';
import type { Tx } from '../db/database';
import type { Mutator, MutatorContext } from './mutators/context';
import { mutators } from './mutators/registry';
import { poke } from './poke';
import { Refusal } from './refusal';
import { nextSeq } from './seq';

export class ForeignClientError extends Error {}

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

async function reject(
	app: App,
	input: {
		clientId: string;
		mutationId: number;
		name: string;
		args: unknown;
		code: string;
		message: string;
		current?: unknown;
	},
	session: AuthSession
): Promise<void> {
	const now = app.now();
	await app.database.db.transaction().execute(async (tx) => {
		await clientRow(tx, input.clientId, session, now);
		const seq = await nextSeq(tx);
		await tx
			.insertInto('sync_rejections')
			.values({
				client_id: input.clientId,
				mutation_id: input.mutationId,
				name: input.name,
				args: JSON.stringify(input.args ?? null),
				code: input.code,
				message: input.message,
				current: input.current === undefined ? null : JSON.stringify(input.current),
				created_at: now.toISOString(),
				seq
			})
			.onConflict((oc) => oc.doNothing())
			.execute();
		await tx
			.updateTable('sync_clients')
			.set({ last_mutation_id: input.mutationId, last_seen_at: now.toISOString() })
			.where('client_id', '=', input.clientId)
			.execute();
	});
}

export async function push(app: App, session: AuthSession, input: PushInput): Promise<PushResult> {
	if (input.schemaVersion < MIN_CLIENT_SCHEMA_VERSION)
		return { kind: 'updateRequired', minSchemaVersion: MIN_CLIENT_SCHEMA_VERSION };
	const db = app.database.db;
	let last = (await db.transaction().execute((tx) => clientRow(tx, input.clientId, session, app.now())))
		.last_mutation_id;
	const affected = new Set<string>([session.userId]);
	try {
		for (const mutation of input.mutations) {
			if (mutation.id <= last) continue; // applied before: the response was lost, the client resent
			if (mutation.id !== last + 1) return { kind: 'gap', lastMutationId: last };
			const base = {
				clientId: input.clientId,
				mutationId: mutation.id,
				name: mutation.name,
				args: mutation.args
			};
			if (!isMutationName(mutation.name)) {
				await reject(app, { ...base, code: 'unknownMutation', message: 'sync.unknownMutation' }, session);
				last = mutation.id;
				continue;
			}
			const mutator = mutators[mutation.name] as Mutator<typeof mutation.name> | undefined;
			const parsed = MUTATION_ARGS[mutation.name].safeParse(mutation.args);
			if (!mutator || !mutator.roles.includes(session.role) || !parsed.success) {
				const code = !mutator || !mutator.roles.includes(session.role) ? 'notPermitted' : 'invalidInput';
				await reject(
					app,
					{
						...base,
						code,
						message: `sync.${code}`,
						current: parsed.success ? undefined : { issues: parsed.error.issues }
					},
					session
				);
				last = mutation.id;
				continue;
			}
			const now = app.now();
			const touched = new Set<string>();
			try {
				await db.transaction().execute(async (tx) => {
					let seq: number | null = null;
					const ctx: MutatorContext = {
						tx,
						app,
						session,
						now,
						today: dayOfInstant(now),
						seq: async () => (seq ??= await nextSeq(tx)),
						affected: touched
					};
					await mutator.run(ctx, parsed.data as never);
					const updated = await tx
						.updateTable('sync_clients')
						.set({ last_mutation_id: mutation.id, last_seen_at: now.toISOString() })
						.where('client_id', '=', input.clientId)
						.where('last_mutation_id', '=', mutation.id - 1)
						.executeTakeFirst();
					// Another push of the same client got here first (two tabs): let that one win.
					if (updated.numUpdatedRows !== 1n) throw new ConcurrentPush();
				});
				for (const id of touched) affected.add(id);
			} catch (error) {
				if (error instanceof ConcurrentPush) {
					last = (
						await db
							.selectFrom('sync_clients')
							.select('last_mutation_id')
							.where('client_id', '=', input.clientId)
							.executeTakeFirstOrThrow()
					).last_mutation_id;
					continue;
				}
				if (!(error instanceof Refusal)) throw error;
				await reject(
					app,
					{ ...base, code: error.code, message: error.message, current: error.current },
					session
				);
			}
			last = mutation.id;
		}
		return { kind: 'ok', lastMutationId: last };
	} finally {
		poke(affected);
	}
}

class ConcurrentPush extends Error {}
