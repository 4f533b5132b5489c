// The caller of a mutation: which Kitas they work at, and what a mutator writes in their name —
// the audit entry and a request's step through the transition command.
import type { Selectable } from 'kysely';
import type { RequestsTable } from '../../db/schema';
import { audit, type AuditAction } from '../../services/audit';
import type { UserCommandContext } from '../../commands/context';
import { transitionRequest, type RequestMove } from '../../commands/transition-request';

export { worksAt } from '../../commands/kita-requests';

export async function auditAs(
	ctx: UserCommandContext,
	action: AuditAction,
	targetType: string,
	targetId: string
): Promise<void> {
	await audit(ctx.tx, { action, actor: ctx.actor, targetType, targetId }, ctx.now);
}

/** What the caller asks of a request; who acts, when and at which seq come from the context. */
export type Move = Omit<RequestMove, 'actor'>;

/**
 * The caller's step on a request through the transition command, with the effects of its event. A
 * refusal carries the request as the caller's side sees it (a parent never sees the offer).
 */
export async function transitionAs(
	ctx: UserCommandContext,
	row: Selectable<RequestsTable>,
	actor: 'parent' | 'staff',
	move: Move
): Promise<Selectable<RequestsTable>> {
	return transitionRequest(ctx, row, { ...move, actor }, actor);
}
