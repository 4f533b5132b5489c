// The mutation side (loaded with the first write, see mutate.ts): validate with the shared schema,
// then write the outbox entry and its optimistic effect in one Dexie transaction, then ask the
// engine to push.
import { MUTATION_ARGS, type MutationArgs, type MutationName } from '$lib/domain/mutations';
import { localDb, type LocalDb } from '../local-db';
import { clientMutators, type ClientMutator } from './client-mutators';
import { mutationWritten, registerReplay } from './replay';
import { writer } from './writer';

export async function applyClientMutator(db: LocalDb, name: string, args: unknown): Promise<void> {
	const run = clientMutators[name as MutationName] as ClientMutator<MutationName> | undefined;
	if (run) await run(writer(db), args as never);
}
registerReplay(applyClientMutator);

/**
 * Queues a mutation. Throws the schema's ZodError when the input is invalid (the form shows it);
 * returns the mutation id once it is safely in the outbox.
 */
export async function queueMutation<N extends MutationName>(name: N, args: MutationArgs<N>): Promise<number> {
	const parsed = MUTATION_ARGS[name].parse(args);
	const db = localDb();
	const id = await db.transaction('rw', db.syncTables(), async () => {
		const next = Number((await db.meta.get('nextMutationId'))?.value ?? '1');
		await db.meta.put({ key: 'nextMutationId', value: String(next + 1) });
		await db.outbox.add({ id: next, name, args: parsed, createdAt: new Date().toISOString() });
		await applyClientMutator(db, name, parsed);
		return next;
	});
	mutationWritten();
	return id;
}
