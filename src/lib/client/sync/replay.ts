// What the sync engine needs from the mutation side, without loading it: the client mutators (zod
// and every domain rule) load with the first page that writes, or when a pull finds pending
// mutations to re-apply — read-only pages never load them. The replay is taken from an explicit
// dynamic import and handed to the pull's apply as an argument; no module registers anything.
import type { LocalDb } from '../local-db';

export { mutationWritten, onMutation } from './mutation-events';

export type Replay = (db: LocalDb, name: string, args: unknown) => Promise<void>;

let loaded: Replay | undefined;

/** The replay if the mutation side has been loaded already. */
export function loadedReplay(): Replay | undefined {
	return loaded;
}

/** Loads the mutation side (once) and takes its replay. */
export async function loadReplay(): Promise<Replay> {
	const { applyClientMutator } = await import('../mutators');
	loaded = applyClientMutator;
	return loaded;
}
