// The one transition command of a child-minding request, whether the family, the Fachberatung or
// the privacy service gives it: the domain's child-minding machine decides, the row is written,
// and the event's effects come from CHILDMINDING_EFFECTS (transition-effects.ts).
import type { Selectable } from 'kysely';
import {
	decideChildminding,
	type ChildmindingActor,
	type ChildmindingEvent,
	type ChildmindingStatus
} from '../../src/lib/domain/childminding';
import type { Executor } from '../db/database';
import type { ChildminderRequestsTable } from '../db/schema';
import { audit } from '../services/audit';
import { notifyStatusChange } from '../services/notifications';
import type { CommandContext } from './context';
import { Refusal } from './refusal';
import { CHILDMINDING_EFFECTS, type Audience } from './transition-effects';

export interface ChildmindingMove {
	event: ChildmindingEvent;
	/** The machine's actor: the family (`parent`, also when the privacy service acts for it) or the Fachberatung. */
	actor: ChildmindingActor;
	expectedStatus?: ChildmindingStatus;
}

/** The Fachberatung: every adviser holds every child-minding request. */
async function advisers(db: Executor): Promise<string[]> {
	const rows = await db.selectFrom('users').select('id').where('role', '=', 'childminding').execute();
	return rows.map((r) => r.id);
}

async function audience(
	db: Executor,
	row: Pick<Selectable<ChildminderRequestsTable>, 'family_id'>,
	who: Audience
): Promise<string[]> {
	if (who === 'advisers') return advisers(db);
	if (who !== 'family') return []; // Kita staff never hold child-minding requests.
	const family = await db
		.selectFrom('families')
		.select('owner_user_id')
		.where('id', '=', row.family_id)
		.executeTakeFirst();
	return family?.owner_user_id ? [family.owner_user_id] : [];
}

function auditActor(ctx: CommandContext): { userId: string | null; role: string } {
	return ctx.actor.kind === 'user'
		? { userId: ctx.actor.userId, role: ctx.actor.role }
		: { userId: null, role: ctx.actor.kind };
}

/**
 * THE transition of a child-minding request. `current` is what a refusal tells the caller about
 * the request now (the family never sees the Fachberatung's internal note).
 */
export async function transitionChildminding(
	ctx: CommandContext,
	row: Selectable<ChildminderRequestsTable>,
	move: ChildmindingMove,
	current: unknown
): Promise<void> {
	const decision = decideChildminding({ status: row.status as ChildmindingStatus, ...move });
	if (!decision.ok) throw new Refusal(decision.code, `childminding.${decision.code}`, current);
	await ctx.tx
		.updateTable('childminder_requests')
		.set({ status: decision.to, updated_at: ctx.now.toISOString(), seq: await ctx.seq() })
		.where('id', '=', row.id)
		.execute();
	const effects = CHILDMINDING_EFFECTS[move.event];
	// The family is not mailed about a step it made itself (FAMILY_STEP_UNMAILED).
	if (effects.mail === 'statusChange' && move.actor !== 'parent')
		await notifyStatusChange(ctx.tx, row.family_id, ctx.now, ctx.origin);
	for (const who of effects.poke) for (const id of await audience(ctx.tx, row, who)) ctx.effects.poke.add(id);
	await audit(
		ctx.tx,
		{ action: effects.audit, actor: auditActor(ctx), targetType: 'childminderRequest', targetId: row.id },
		ctx.now
	);
}

/** A child-minding request by id; one that does not exist is refused as not found. */
export async function childminderRequestRow(ctx: CommandContext, id: string) {
	const row = await ctx.tx
		.selectFrom('childminder_requests')
		.selectAll()
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row) throw new Refusal('notFound', 'childminding.notFound');
	return row;
}

/**
 * Withdraws an open child-minding request on the family's behalf (the privacy service, when the
 * family's account goes): the family's step through the machine, with its effects. Child-minding
 * requests keep no history, so there is no reason to record beyond the audit's actor.
 */
export async function withdrawChildmindingRequest(ctx: CommandContext, id: string): Promise<void> {
	const row = await childminderRequestRow(ctx, id);
	await transitionChildminding(
		ctx,
		row,
		{ event: 'withdraw', actor: 'parent' },
		{ id: row.id, status: row.status }
	);
}

/**
 * A child-minding request was written without a transition (submitted, the Fachberatung's note):
 * every adviser's client holds every request, and the write is audited.
 */
export async function childmindingWritten(ctx: CommandContext, id: string): Promise<void> {
	for (const adviser of await advisers(ctx.tx)) ctx.effects.poke.add(adviser);
	await audit(
		ctx.tx,
		{ action: 'childminding.write', actor: auditActor(ctx), targetType: 'childminderRequest', targetId: id },
		ctx.now
	);
}
