// Passwords: "Passwort vergessen" and the reset link, the invitation's first password, and the
// change on the account page. New passwords are hashed and current ones checked before the
// command (auth/guards.ts): argon2 never runs inside a transaction.
import { EMAIL_LINK_MINUTES } from '../../../src/lib/domain/account';
import { tokenError } from '../../auth/account-error';
import { afterCredentialChange } from '../../auth/credentials';
import type { AuthSession } from '../../auth/session';
import { consumeToken, issueToken } from '../../auth/tokens';
import { audit } from '../../services/audit';
import { links } from '../../services/accounts/links';
import { actorOf, displayName, userByEmail, userById, type UserRow } from '../../services/accounts/users';
import { enqueueMail } from '../../services/mail/outbox';
import type { CommandContext } from '../context';
import { EMAIL_LINK_MS, sendConfirmation, sendCredentialNotice } from './mails';

/**
 * "Passwort vergessen": a reset link for a confirmed account, a new confirmation link for one that
 * is not confirmed yet (FAQ), nothing for an unknown address — and the same answer in every case.
 */
export async function requestPasswordReset(ctx: CommandContext, email: string): Promise<{ ok: true }> {
	const { tx, now } = ctx;
	const user = await userByEmail(tx, email);
	if (!user || user.active !== 1) return { ok: true };
	if (!user.email_confirmed_at && user.role === 'parent') {
		await sendConfirmation(ctx, user);
	} else {
		const { token } = await issueToken(tx, user.id, 'reset', EMAIL_LINK_MS, now);
		await enqueueMail(
			tx,
			{
				to: user.email,
				about: { userId: user.id },
				locale: user.locale,
				kind: 'reset',
				params: {
					name: displayName(user),
					resetUrl: links.reset(ctx.origin, token),
					minutes: EMAIL_LINK_MINUTES
				}
			},
			now
		);
	}
	await audit(tx, { action: 'password.resetRequest', targetType: 'user', targetId: user.id }, now);
	return { ok: true };
}

/**
 * Sets a password from a mailed link: a reset (no automatic login: the user logs in afterwards) or
 * an invitation's first password. The link was found usable before the password was hashed
 * (services/accounts/tokens.ts#usableLinkOwner); here it is used up, once, also under races.
 */
export async function setPasswordWithLink(
	ctx: CommandContext,
	link: { tokenId: string; userId: string },
	purpose: 'reset' | 'invite',
	passwordHash: string
): Promise<void> {
	const { tx, now } = ctx;
	if (!(await consumeToken(tx, link.tokenId, now))) throw tokenError('used');
	const user = await userById(tx, link.userId);
	await tx
		.updateTable('users')
		.set({
			password_hash: passwordHash,
			// The link came by mail: the address is proven.
			email_confirmed_at: user.email_confirmed_at ?? now.toISOString(),
			updated_at: now.toISOString()
		})
		.where('id', '=', user.id)
		.execute();
	// A reset ends every session and every other mailed link: whoever knew the old password is
	// logged out everywhere, and an address change they asked for does not go through.
	await afterCredentialChange(tx, user.id, now);
	await audit(
		tx,
		{
			action: purpose === 'reset' ? 'password.reset' : 'invite.accept',
			actor: actorOf(user),
			targetType: 'user',
			targetId: user.id
		},
		now
	);
}

/** The account page's change; the current password was checked before (auth/guards.ts). */
export async function changePassword(
	ctx: CommandContext,
	session: Pick<AuthSession, 'id'>,
	user: UserRow,
	passwordHash: string
): Promise<void> {
	const { tx, now } = ctx;
	await tx
		.updateTable('users')
		.set({ password_hash: passwordHash, updated_at: now.toISOString() })
		.where('id', '=', user.id)
		.execute();
	// Other devices are logged out (this one stays) and mailed links end, as after a reset.
	await afterCredentialChange(tx, user.id, now, { keepSessionId: session.id });
	await sendCredentialNotice(ctx, user, 'passwordChanged');
	await audit(
		tx,
		{ action: 'password.change', actor: actorOf(user), targetType: 'user', targetId: user.id },
		now
	);
}
