// Invitations: admins (and `npm run admin:create`, as the system) create office accounts without a
// password; the mailed link sets it (commands/accounts/password.ts#setPasswordWithLink).
import { newId } from '../../../src/lib/domain/ids';
import { mayResendInvite } from '../../../src/lib/domain/youth-office';
import { AccountError } from '../../auth/account-error';
import { audit } from '../../services/audit';
import { userByEmail, type UserRow } from '../../services/accounts/users';
import { accountStatus } from '../../services/accounts/list';
import type { CommandContext } from '../context';
import { sendInvite } from './mails';

export interface InviteData {
	email: string;
	firstName: string;
	lastName: string;
	role: 'staff' | 'childminding' | 'admin';
	facilityIds: string[];
}

/** The audit trail's actor: the admin, or nobody for the system (the first admin's invitation). */
function inviter(ctx: CommandContext) {
	return ctx.actor.kind === 'user' ? { userId: ctx.actor.userId, role: ctx.actor.role } : null;
}

/** Creates an account without password and mails a set-password link valid INVITE_LINK_HOURS. */
export async function inviteAccount(
	ctx: CommandContext,
	input: InviteData
): Promise<{ userId: string; token: string }> {
	const { tx, now } = ctx;
	if (await userByEmail(tx, input.email)) throw new AccountError('emailTaken', 'conflict');
	const facilityIds = input.role === 'staff' ? [...new Set(input.facilityIds)] : [];
	if (input.role === 'staff') {
		const found = await tx.selectFrom('facilities').select('id').where('id', 'in', facilityIds).execute();
		if (found.length !== facilityIds.length || facilityIds.length === 0)
			throw new AccountError('facilityRequired');
	}
	const at = now.toISOString();
	const user: UserRow = {
		id: newId<'UserId'>(),
		email: input.email,
		password_hash: null,
		role: input.role,
		first_name: input.firstName,
		last_name: input.lastName,
		street: null,
		postcode: null,
		town: null,
		phone: null,
		locale: 'de',
		email_confirmed_at: null,
		privacy_consent_at: null,
		totp_key: null,
		totp_pending_key: null,
		totp_last_step: null,
		last_login_at: null,
		active: 1,
		created_at: at,
		updated_at: at
	};
	await tx.insertInto('users').values(user).execute();
	if (facilityIds.length > 0)
		await tx
			.insertInto('user_facilities')
			.values(facilityIds.map((facility_id) => ({ user_id: user.id, facility_id })))
			.execute();
	const token = await sendInvite(ctx, user);
	await audit(
		tx,
		{ action: 'invite.create', actor: inviter(ctx), targetType: 'user', targetId: user.id },
		now
	);
	return { userId: user.id, token };
}

/** A fresh invitation for an account that has not set its password yet. */
export async function resendInvite(ctx: CommandContext, userId: string): Promise<void> {
	const user = await ctx.tx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
	if (!user || !mayResendInvite({ role: user.role, status: accountStatus(user) }))
		throw new AccountError('notPermitted', 'forbidden');
	await sendInvite(ctx, user);
	await audit(
		ctx.tx,
		{ action: 'invite.create', actor: inviter(ctx), targetType: 'user', targetId: user.id },
		ctx.now
	);
}
