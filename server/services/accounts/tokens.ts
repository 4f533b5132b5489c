// Mailed links read before anything is done with them: what a link is for, and whom the
// confirmation mail's second link (a fresh link, please) speaks for.
import { RESEND_LINK_DAYS } from '../../../src/lib/domain/account';
import { AccountError, tokenError } from '../../auth/account-error';
import { lookupToken, type TokenState } from '../../auth/tokens';
import type { Executor } from '../../db/database';

/** What a link is for and whether it still works (the pages ask before showing a form). */
export async function tokenStatus(
	db: Executor,
	token: string,
	now: Date
): Promise<{ state: TokenState; purpose: 'confirm' | 'reset' | 'invite' | 'changeEmail' | null }> {
	const found = await lookupToken(db, token, ['confirm', 'reset', 'invite', 'changeEmail'], now);
	return { state: found.state, purpose: found.purpose };
}

/**
 * The account a confirmation link was sent to, for a fresh link: the old link proves who asks and
 * works for this (used or expired too) for RESEND_LINK_DAYS.
 */
export async function resendLinkOwner(db: Executor, token: string, now: Date): Promise<string> {
	const found = await lookupToken(db, token, ['confirm'], now);
	if (
		found.state === 'invalid' ||
		!found.userId ||
		!found.createdAt ||
		now.getTime() - found.createdAt.getTime() > RESEND_LINK_DAYS * 24 * 60 * 60_000
	)
		throw new AccountError('tokenInvalid');
	return found.userId;
}

/** A set-password link (reset or invitation) that still works: its account; else the refusal. */
export async function usableLinkOwner(
	db: Executor,
	token: string,
	purpose: 'reset' | 'invite',
	now: Date
): Promise<{ tokenId: string; userId: string }> {
	const found = await lookupToken(db, token, [purpose], now);
	if (found.state !== 'valid' || !found.userId)
		throw tokenError(found.state === 'valid' ? 'invalid' : found.state);
	return { tokenId: found.id, userId: found.userId };
}
