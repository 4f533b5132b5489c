// A sync mutation's entry in the mutator table: the command it runs. Who may send it at all is
// src/lib/domain/permissions.ts (MUTATION_RULES), checked by the push; finer checks against the
// database (own family, own Kita) are in the command. The context is a UserCommandContext built
// inside the push's transaction (server/sync/push.ts).
import type { MutationArgs, MutationName } from '../../../src/lib/domain/mutations';
import type { UserCommandContext } from '../../commands/context';

export interface Mutator<N extends MutationName> {
	command(ctx: UserCommandContext, args: MutationArgs<N>): Promise<void>;
}

export type MutatorRegistry = { [N in MutationName]?: Mutator<N> };
