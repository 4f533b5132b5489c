// The global change counter. Every write takes the next seq inside its transaction and stamps the
// rows it changed with it; a pull cookie names the last seq a client has seen.
import type { Executor } from './database';

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
