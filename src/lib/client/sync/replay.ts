// What the sync engine needs from the mutation side, without loading it: the schemas and client
// mutators (zod and every domain rule) load with the first page that writes, or when a pull finds
// pending mutations to re-apply — read-only pages never load them.
import type { LocalDb } from '../local-db';

export type Replay = (db: LocalDb, name: string, args: unknown) => Promise<void>;

let replay: Replay | undefined;
let afterWrite: () => void = () => {};

/** queue-mutation.ts registers how a pending mutation is re-applied on top of server rows. */
export function registerReplay(fn: Replay): void {
	replay = fn;
}

export function registeredReplay(): Replay | undefined {
	return replay;
}

/** Loads the mutation side (registers its replay). */
export async function loadReplay(): Promise<Replay> {
	await import('./queue-mutation');
	if (!replay) throw new Error('queue-mutation.ts did not register its replay');
	return replay;
}

/** The engine registers its push trigger here. */
export function onMutation(listener: () => void): void {
	afterWrite = listener;
}

export function mutationWritten(): void {
	afterWrite();
}
