// The shape of a client mutator: the optimistic local effect of one sync mutation, written through
// the Writer (which keeps the server's version as a shadow). The parent, staff and office mutators
// each fill a registry of this type; client-mutators.ts joins them.
import type { MutationArgs, MutationName } from '$lib/domain/mutations';
import type { Writer } from './writer';

export type ClientMutator<N extends MutationName> = (w: Writer, args: MutationArgs<N>) => Promise<void>;
export type ClientMutatorRegistry = { [N in MutationName]?: ClientMutator<N> };
