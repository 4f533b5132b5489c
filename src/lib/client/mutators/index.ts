// Every client mutator in one table, built here and nowhere else (as the server's table of sync
// mutators): the mutation side (queue-mutation.ts) applies a new change through it, and the sync
// engine re-applies pending changes through applyClientMutator after a pull, having loaded this
// module by an explicit dynamic import (sync/replay.ts).
import type { MutationName } from '$lib/domain/mutations';
import type { LocalDb } from '../local-db';
import { writer } from '../sync/writer';
import { officeMutators } from './office';
import { parentMutators } from './parent';
import { staffMutators } from './staff';
import type { ClientMutator, ClientMutatorTable } from './types';

export { PENDING_FAMILY } from './parent';
export type { ClientMutator, ClientMutatorTable } from './types';

export const clientMutators: ClientMutatorTable = {
	...parentMutators,
	...staffMutators,
	...officeMutators,
	// Nothing the device holds changes: the server keeps only the new claim code's hash (the page
	// that made the code prints it), and the audit entry of a reading is the server's alone.
	renewClaimCode: null,
	auditRead: null
};

/**
 * Applies a mutation's optimistic effect. Unknown names (an entry from a newer version, or a
 * stand-in for a change lost with an earlier database) have none.
 */
export async function applyClientMutator(db: LocalDb, name: string, args: unknown): Promise<void> {
	if (!Object.hasOwn(clientMutators, name)) return;
	const run = clientMutators[name as MutationName] as ClientMutator<MutationName> | null;
	if (run) await run(writer(db), args as never);
}
