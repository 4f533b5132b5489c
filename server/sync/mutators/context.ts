// What a server mutator gets: the open transaction, the caller, the server's clock, the seq of
// this mutation (allocated on first use) and the users whose clients must be poked afterwards.
import type { Day } from '../../../src/lib/domain/calendar-day';
import type { MutationArgs, MutationName } from '../../../src/lib/domain/mutations';
import type { Role } from '../../../src/lib/domain/roles';
import type { App } from '../../app';
import type { AuthSession } from '../../auth/session';
import type { Tx } from '../../db/database';

export interface MutatorContext {
	tx: Tx;
	app: App;
	session: AuthSession;
	now: Date;
	today: Day;
	seq(): Promise<number>;
	/** Users whose clients should pull after the commit. */
	affected: Set<string>;
}

export interface Mutator<N extends MutationName> {
	/** Roles that may send this mutation at all; finer checks (own family, own Kita) are in run(). */
	roles: readonly Role[];
	run(ctx: MutatorContext, args: MutationArgs<N>): Promise<void>;
}

export type MutatorRegistry = { [N in MutationName]?: Mutator<N> };
