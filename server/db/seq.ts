// The global change counter. Every write takes the next seq inside its transaction and stamps the
// rows it changed with it; a pull cookie names the last seq a client has seen.
import type { Executor } from './database';
import { engineOf } from './engine';

export async function nextSeq(tx: Executor): Promise<number> {
	const row = await tx
		.updateTable('sync_state')
		.set((eb) => ({ seq: eb('seq', '+', 1) }))
		.where('id', '=', 1)
		.returning('seq')
		.executeTakeFirstOrThrow();
	return row.seq;
}

export async function currentSeq(tx: Executor): Promise<number> {
	const row = await tx.selectFrom('sync_state').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
	return row.seq;
}

/**
 * Every command's transaction starts here. On PostgreSQL it waits for the counter's row and holds it
 * until the transaction ends, so commands run one after another as on SQLite (one writer at a time):
 * whatever a command reads and judges before it writes — a limit counted, a status checked — was
 * committed by every command before it, and no other command changes it in between. Without it two
 * devices could both count 19 of 20 moves and both write (found by the concurrency tests on
 * PostgreSQL). Nothing is counted up: a command that writes nothing uses no seq.
 */
export async function holdChangeCounter(tx: Executor): Promise<void> {
	if (engineOf(tx) !== 'postgres') return;
	await tx.selectFrom('sync_state').select('seq').where('id', '=', 1).forUpdate().execute();
}
