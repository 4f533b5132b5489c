// A sync mutation's entry in the mutator table: the roles that may send it at all, and the command
// it runs. Finer checks (own family, own Kita) are in the command; the context is a UserCommandContext
// built inside the push's transaction (server/sync/push.ts).
import type { MutationArgs, MutationName } from '../../../src/lib/domain/mutations';
import type { Role } from '../../../src/lib/domain/roles';
import type { UserCommandContext } from '../../commands/context';

export interface Mutator<N extends MutationName> {
	/** Roles that may send this mutation at all; finer checks (own family, own Kita) are in command(). */
	roles: readonly Role[];
	command(ctx: UserCommandContext, args: MutationArgs<N>): Promise<void>;
}

export type MutatorRegistry = { [N in MutationName]?: Mutator<N> };
