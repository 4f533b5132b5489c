// The caller of a mutation: which Kitas they work at, and what a mutator writes in their name —
// the audit entry and a request's step through the placement state machine at this mutation's seq.
import type { Selectable } from 'kysely';
import type { RequestsTable } from '../../db/schema';
import { audit, type AuditAction } from '../../services/audit';
import { transitionRequest, type TransitionInput } from '../../services/requests';
import type { UserCommandContext } from '../../commands/context';

export function worksAt(session: { facilityIds: readonly string[] }, facilityId: string): boolean {
	return (session.facilityIds as readonly string[]).includes(facilityId);
}

export async function auditAs(
	ctx: UserCommandContext,
	action: AuditAction,
	targetType: string,
	targetId: string
): Promise<void> {
	await audit(ctx.tx, { action, actor: ctx.actor, targetType, targetId }, ctx.now);
}

/** What the caller asks of a request; who acts, when and at which seq come from the context. */
export type Move = Pick<TransitionInput, 'event' | 'expectedStatus' | 'reason' | 'set'>;

/** A refusal carries the request as the caller's side sees it (a parent never sees the offer). */
export async function transitionAs(
	ctx: UserCommandContext,
	row: Selectable<RequestsTable>,
	actor: 'parent' | 'staff',
	move: Move
): Promise<Selectable<RequestsTable>> {
	return transitionRequest(
		ctx.tx,
		row,
		{
			actor,
			actorId: ctx.actor.userId,
			actorRole: actor,
			now: ctx.now,
			today: ctx.today,
			seq: await ctx.seq(),
			...move
		},
		actor
	);
}
