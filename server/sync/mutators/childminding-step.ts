// Changes to a child-minding request, whether the family or the Fachberatung makes them: a step
// through its state machine, and who must hear of a change.
import type { Selectable } from 'kysely';
import {
	decideChildminding,
	type ChildmindingStatus,
	type DecideChildmindingInput
} from '../../../src/lib/domain/childminding';
import type { ChildminderRequestsTable } from '../../db/schema';
import { Refusal } from '../../commands/refusal';
import { advisers } from './audiences';
import { auditAs } from './caller';
import type { UserCommandContext } from '../../commands/context';

/** `current` is what a refusal tells the caller about the request now. */
export async function stepChildminding(
	ctx: UserCommandContext,
	row: Selectable<ChildminderRequestsTable>,
	step: Omit<DecideChildmindingInput, 'status'>,
	current: unknown
): Promise<void> {
	const decision = decideChildminding({ status: row.status as ChildmindingStatus, ...step });
	if (!decision.ok) throw new Refusal(decision.code, `childminding.${decision.code}`, current);
	await ctx.tx
		.updateTable('childminder_requests')
		.set({ status: decision.to, updated_at: ctx.now.toISOString(), seq: await ctx.seq() })
		.where('id', '=', row.id)
		.execute();
}

/** Every adviser's client holds every request; push pokes the sender's own client anyway. */
export async function childmindingWritten(ctx: UserCommandContext, id: string): Promise<void> {
	for (const adviser of await advisers(ctx.tx)) ctx.effects.poke.add(adviser);
	await auditAs(ctx, 'childminding.write', 'childminderRequest', id);
}
