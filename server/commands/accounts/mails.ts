// The mails the account commands send with a fresh link (confirmation, invitation) or without one
// (a note to an address that has an account already). Links live in services/accounts/links.ts.
import { EMAIL_LINK_MINUTES, INVITE_LINK_HOURS } from '../../../src/lib/domain/account';
import type { Role } from '../../../src/lib/domain/roles';
import { issueToken } from '../../auth/tokens';
import { links } from '../../services/accounts/links';
import { displayName, type UserRow } from '../../services/accounts/users';
import { enqueueMail } from '../../services/mail/outbox';
import type { CommandContext } from '../context';

const MINUTE = 60_000;
export const EMAIL_LINK_MS = EMAIL_LINK_MINUTES * MINUTE;
const INVITE_LINK_MS = INVITE_LINK_HOURS * 60 * MINUTE;

export async function sendConfirmation(ctx: CommandContext, user: UserRow): Promise<void> {
	const { token } = await issueToken(ctx.tx, user.id, 'confirm', EMAIL_LINK_MS, ctx.now);
	await enqueueMail(
		ctx.tx,
		{
			to: user.email,
			about: { userId: user.id },
			locale: user.locale,
			kind: 'confirm',
			params: {
				name: displayName(user),
				confirmUrl: links.confirm(ctx.origin, token),
				resendUrl: links.resend(ctx.origin, token),
				minutes: EMAIL_LINK_MINUTES
			}
		},
		ctx.now
	);
}

/** Sign-up or change of address to an address that has an account: its owner learns of it. */
export async function sendAlreadyRegistered(ctx: CommandContext, owner: UserRow): Promise<void> {
	await enqueueMail(
		ctx.tx,
		{
			to: owner.email,
			about: { userId: owner.id },
			locale: owner.locale,
			kind: 'alreadyRegistered',
			params: {
				name: displayName(owner),
				loginUrl: links.login(ctx.origin),
				forgotUrl: links.forgot(ctx.origin)
			}
		},
		ctx.now
	);
}

/** After a change of password or address: the owner can act if it was not them. */
export async function sendCredentialNotice(
	ctx: CommandContext,
	user: UserRow,
	kind: 'passwordChanged' | 'emailChanged'
): Promise<void> {
	await enqueueMail(
		ctx.tx,
		{
			to: user.email,
			about: { userId: user.id },
			locale: user.locale,
			kind,
			params: { name: displayName(user), forgotUrl: links.forgot(ctx.origin) }
		},
		ctx.now
	);
}

export async function sendInvite(ctx: CommandContext, user: UserRow): Promise<string> {
	const { token } = await issueToken(ctx.tx, user.id, 'invite', INVITE_LINK_MS, ctx.now);
	await enqueueMail(
		ctx.tx,
		{
			to: user.email,
			about: { userId: user.id },
			locale: user.locale,
			kind: 'invite',
			params: {
				name: displayName(user),
				role: user.role as Role,
				inviteUrl: links.invite(ctx.origin, token),
				hours: INVITE_LINK_HOURS
			}
		},
		ctx.now
	);
	return token;
}
