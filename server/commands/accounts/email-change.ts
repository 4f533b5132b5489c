// A change of address: a link to the new address, which changes only when the link is opened
// (confirmNewAddress, reached through commands/accounts/sign-up.ts#confirmEmail).
import { EMAIL_LINK_MINUTES } from '../../../src/lib/domain/account';
import { AccountError, tokenError } from '../../auth/account-error';
import { consumeToken, issueToken, retireTokens } from '../../auth/tokens';
import { audit } from '../../services/audit';
import { links } from '../../services/accounts/links';
import { actorOf, displayName, userByEmail, type UserRow } from '../../services/accounts/users';
import { enqueueMail } from '../../services/mail/outbox';
import type { CommandContext } from '../context';
import { EMAIL_LINK_MS, sendAlreadyRegistered, sendCredentialNotice } from './mails';

/** Refused before the password is asked again: the new address is the old one. */
export function assertNewAddress(user: Pick<UserRow, 'email'>, newEmail: string): void {
	if (newEmail === user.email) throw new AccountError('sameEmail');
}

/**
 * Mails a confirmation link to the new address. The current password was checked and the new
 * address's limit counted before (auth/guards.ts).
 */
export async function requestEmailChange(
	ctx: CommandContext,
	user: UserRow,
	newEmail: string
): Promise<{ ok: true }> {
	const { tx, now } = ctx;
	assertNewAddress(user, newEmail);
	const taken = await userByEmail(tx, newEmail);
	if (taken) {
		// Same answer as for a free address; the owner of that address learns of the attempt.
		await sendAlreadyRegistered(ctx, taken);
	} else {
		const { token } = await issueToken(tx, user.id, 'changeEmail', EMAIL_LINK_MS, now, newEmail);
		await enqueueMail(
			tx,
			{
				to: newEmail,
				about: { userId: user.id },
				locale: user.locale,
				kind: 'changeEmail',
				params: {
					name: displayName(user),
					confirmUrl: links.confirm(ctx.origin, token),
					minutes: EMAIL_LINK_MINUTES
				}
			},
			now
		);
	}
	await audit(
		tx,
		{ action: 'email.changeRequest', actor: actorOf(user), targetType: 'user', targetId: user.id },
		now
	);
	return { ok: true };
}

/** The link mailed to the new address was opened: the address is proven and becomes the account's. */
export async function confirmNewAddress(
	ctx: CommandContext,
	link: { tokenId: string; newEmail: string },
	user: UserRow
): Promise<{ outcome: 'emailChanged' }> {
	const { tx, now } = ctx;
	const taken = await userByEmail(tx, link.newEmail);
	if (taken && taken.id !== user.id) throw new AccountError('emailTaken', 'conflict');
	if (!(await consumeToken(tx, link.tokenId, now))) throw tokenError('used');
	await tx
		.updateTable('users')
		.set({ email: link.newEmail, email_confirmed_at: now.toISOString(), updated_at: now.toISOString() })
		.where('id', '=', user.id)
		.execute();
	await retireTokens(tx, user.id, 'changeEmail', now);
	// To the old address: its owner can act if it was not them.
	await sendCredentialNotice(ctx, user, 'emailChanged');
	await audit(
		tx,
		{ action: 'email.change', actor: actorOf(user), targetType: 'user', targetId: user.id },
		now
	);
	return { outcome: 'emailChanged' };
}
