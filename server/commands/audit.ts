// The audit entry a command writes in its transaction, in the name of its actor (a job: 'system').
import { audit, type AuditAction } from '../services/audit';
import type { CommandContext } from './context';

export async function auditCommand(
	ctx: CommandContext,
	action: AuditAction,
	targetType: string,
	targetId: string | null,
	outcome?: 'ok' | 'refused'
): Promise<void> {
	const actor = { userId: ctx.actor.userId, role: ctx.actor.role ?? 'system' };
	await audit(ctx.tx, { action, actor, targetType, targetId, ...(outcome ? { outcome } : {}) }, ctx.now);
}

/** Whose open clients must pull after the commit. */
export function pokeAll(ctx: CommandContext, userIds: Iterable<string>): void {
	for (const id of userIds) ctx.effects.poke.add(id);
}
