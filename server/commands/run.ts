// Runs a command in its own transaction and applies its effects after the commit: the one way a
// tRPC procedure or a job writes. (A sync push builds its context inside the push's transaction,
// because the client's lastMutationId advances in the same transaction.)
import type { Config } from '../config';
import type { OpenDatabase } from '../db/database';
import { holdChangeCounter } from '../db/seq';
import { poke } from '../events/poke';
import { commandContext, type Actor, type CommandContext } from './context';

/** What running a command needs of the App: its database, clock and settings (a job gets these
 * before the App exists). */
export interface CommandHost {
	database: Pick<OpenDatabase, 'db'>;
	now: () => Date;
	config: Pick<Config, 'origin' | 'youthOfficeAddress'>;
}

export async function runCommand<T, A extends Actor = Actor>(
	app: CommandHost,
	actor: A,
	command: (ctx: CommandContext<A>) => Promise<T>
): Promise<T> {
	const now = app.now();
	const settings = { now, origin: app.config.origin, officeAddress: app.config.youthOfficeAddress };
	let effects: CommandContext['effects'] | null = null;
	const result = await app.database.db.transaction().execute(async (tx) => {
		await holdChangeCounter(tx);
		const ctx = commandContext(tx, actor, settings);
		effects = ctx.effects;
		return command(ctx);
	});
	applyEffects(effects);
	return result;
}

/** After the commit only: a poke before it would make clients pull a state that may still roll back. */
export function applyEffects(effects: CommandContext['effects'] | null): void {
	if (effects) poke(effects.poke);
}
