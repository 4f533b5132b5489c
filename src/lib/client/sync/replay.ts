// What the sync engine needs from the mutation side, without loading it: the schemas and client
// mutators (zod and every domain rule) load with the first page that writes, or when a pull finds
// pending mutations to re-apply — read-only pages never load them. The replay is taken from an
// explicit dynamic import, not registered by the module's side effect (issue 15).
import type { LocalDb } from '../local-db';

export { mutationWritten, onMutation } from './mutation-events';

export type Replay = (db: LocalDb, name: string, args: unknown) => Promise<void>;

let replay: Replay | undefined;

/** Sets how a pending mutation is re-applied on top of server rows (loadReplay; tests). */
export function registerReplay(fn: Replay): void {
	replay = fn;
}

export function registeredReplay(): Replay | undefined {
	return replay;
}

/** Loads the mutation side and takes its replay. */
export async function loadReplay(): Promise<Replay> {
	const { applyClientMutator } = await import('./queue-mutation');
	replay = applyClientMutator;
	return replay;
}
