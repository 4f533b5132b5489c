// Admins keep office accounts: deactivate and re-activate them, assign Kitas to staff, and end
// every session of an account (a lost device). Each step ends the sessions it must, is audited,
// and is allowed only as src/lib/domain/youth-office.ts#accountAdminActions says.
import { accountAdminActions, type AccountAdminAction } from '../../../src/lib/domain/youth-office';
import { AccountError } from '../../auth/account-error';
import { afterCredentialChange } from '../../auth/credentials';
import { audit, type AuditAction } from '../../services/audit';
import { adminTarget } from '../../services/accounts/list';
import type { CommandContext, UserActor } from '../context';

/** The acting admin; the router lets only admins through, the domain decides which step on whom. */
async function target(ctx: CommandContext, userId: string, action: AccountAdminAction): Promise<UserActor> {
	const admin = ctx.actor;
	const user = await adminTarget(ctx.tx, userId);
	if (admin.kind !== 'user' || !user || !accountAdminActions(user, admin.userId).includes(action))
		throw new AccountError('notPermitted', 'forbidden');
	return admin;
}

async function audited(ctx: CommandContext, admin: UserActor, action: AuditAction, userId: string) {
	await audit(
		ctx.tx,
		{ action, actor: { userId: admin.userId, role: admin.role }, targetType: 'user', targetId: userId },
		ctx.now
	);
}

/** The account can no longer log in; its open sessions end at once, its mailed links stop working. */
export async function deactivateAccount(ctx: CommandContext, userId: string): Promise<void> {
	const admin = await target(ctx, userId, 'deactivate');
	await ctx.tx
		.updateTable('users')
		.set({ active: 0, updated_at: ctx.now.toISOString() })
		.where('id', '=', userId)
		.execute();
	await afterCredentialChange(ctx.tx, userId, ctx.now);
	await audited(ctx, admin, 'account.deactivate', userId);
	// Its open tabs pull, get 401 and ask for a login that no longer works.
	ctx.effects.poke.add(userId);
}

export async function reactivateAccount(ctx: CommandContext, userId: string): Promise<void> {
	const admin = await target(ctx, userId, 'reactivate');
	await ctx.tx
		.updateTable('users')
		.set({ active: 1, updated_at: ctx.now.toISOString() })
		.where('id', '=', userId)
		.execute();
	await audited(ctx, admin, 'account.reactivate', userId);
}

export async function endAllSessions(ctx: CommandContext, userId: string): Promise<void> {
	const admin = await target(ctx, userId, 'endSessions');
	// A lost device may have asked for a change of address or a reset: those links end too.
	await afterCredentialChange(ctx.tx, userId, ctx.now);
	await audited(ctx, admin, 'account.sessionsEnded', userId);
	ctx.effects.poke.add(userId);
}

/**
 * Sets the Kitas a staff member works for. Their next pull gets a new scope (the key names the
 * Kitas), so nothing of a Kita they left stays on their devices.
 */
export async function assignFacilities(
	ctx: CommandContext,
	userId: string,
	facilityIds: string[]
): Promise<void> {
	const ids = [...new Set(facilityIds)];
	const admin = await target(ctx, userId, 'assignFacilities');
	const found = await ctx.tx.selectFrom('facilities').select('id').where('id', 'in', ids).execute();
	if (found.length !== ids.length) throw new AccountError('facilityRequired');
	await ctx.tx.deleteFrom('user_facilities').where('user_id', '=', userId).execute();
	await ctx.tx
		.insertInto('user_facilities')
		.values(ids.map((facility_id) => ({ user_id: userId, facility_id })))
		.execute();
	await audited(ctx, admin, 'account.facilities', userId);
	ctx.effects.poke.add(userId);
}
