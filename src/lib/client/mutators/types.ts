// The shape of a client mutator: the optimistic local effect of one sync mutation, written through
// the Writer (which keeps the server's version as a shadow). The server re-runs its own command and
// alone decides; its answer replaces these rows at the next pull.
import type { MutationArgs, MutationName } from '$lib/domain/mutations';
import type { Writer } from '../sync/writer';

export type ClientMutator<N extends MutationName> = (w: Writer, args: MutationArgs<N>) => Promise<void>;

/** One audience's mutators: each of the names it lists has one. */
export type ClientMutators<K extends MutationName> = { [N in K]: ClientMutator<N> };

/**
 * Every mutation by name, as the server's table: its optimistic effect, or null when it has none
 * to show (the server's answer is the only effect). A new mutation without an entry is a compile error.
 */
export type ClientMutatorTable = { [N in MutationName]: ClientMutator<N> | null };
