// Single-use links sent by mail (confirm, reset, invite, email change): the token travels only in
// the mail; the table keeps its SHA-256, so a leaked database holds no usable link.
import type { UserId } from '../../src/lib/domain/ids';
import type { EmailTokensTable } from '../db/schema';
import type { Executor } from '../db/database';
import { generateSessionToken, hashToken } from './session';

export type TokenPurpose = EmailTokensTable['purpose'];

export interface IssuedToken {
	token: string;
	expiresAt: Date;
}

export async function issueToken(
	db: Executor,
	userId: UserId | string,
	purpose: TokenPurpose,
	lifetimeMs: number,
	now: Date,
	newEmail: string | null = null
): Promise<IssuedToken> {
	const token = generateSessionToken();
	const expiresAt = new Date(now.getTime() + lifetimeMs);
	await db
		.insertInto('email_tokens')
		.values({
			id: hashToken(token),
			user_id: userId,
			purpose,
			new_email: newEmail,
			created_at: now.toISOString(),
			expires_at: expiresAt.toISOString(),
			used_at: null
		})
		.execute();
	return { token, expiresAt };
}

export type TokenState = 'valid' | 'expired' | 'used' | 'invalid';

export interface TokenLookup {
	state: TokenState;
	id: string;
	userId: string | null;
	purpose: TokenPurpose | null;
	newEmail: string | null;
	createdAt: Date | null;
}

/**
 * Reads a token without using it up. `purposes` limits which kinds count as known. A link of an
 * inactive account counts as unknown: a deactivated account is not to be changed by mail.
 */
export async function lookupToken(
	db: Executor,
	token: string,
	purposes: readonly TokenPurpose[],
	now: Date
): Promise<TokenLookup> {
	const id = hashToken(token);
	const row = await db
		.selectFrom('email_tokens')
		.innerJoin('users', 'users.id', 'email_tokens.user_id')
		.selectAll('email_tokens')
		.select('users.active')
		.where('email_tokens.id', '=', id)
		.executeTakeFirst();
	if (!row || !purposes.includes(row.purpose) || row.active !== 1)
		return { state: 'invalid', id, userId: null, purpose: null, newEmail: null, createdAt: null };
	const state: TokenState = row.used_at ? 'used' : now >= new Date(row.expires_at) ? 'expired' : 'valid';
	return {
		state,
		id,
		userId: row.user_id,
		purpose: row.purpose,
		newEmail: row.new_email,
		createdAt: new Date(row.created_at)
	};
}

/** Marks a valid token used; false when another request used it first (single use, also under races). */
export async function consumeToken(db: Executor, id: string, now: Date): Promise<boolean> {
	const result = await db
		.updateTable('email_tokens')
		.set({ used_at: now.toISOString() })
		.where('id', '=', id)
		.where('used_at', 'is', null)
		.where('expires_at', '>', now.toISOString())
		.executeTakeFirst();
	return result.numUpdatedRows === 1n;
}

/** Retires every open token of the purposes (after a reset, the other reset links must not work). */
export async function retireTokens(
	db: Executor,
	userId: string,
	purposes: TokenPurpose | readonly TokenPurpose[],
	now: Date
): Promise<void> {
	await db
		.updateTable('email_tokens')
		.set({ used_at: now.toISOString() })
		.where('user_id', '=', userId)
		.where('purpose', 'in', typeof purposes === 'string' ? [purposes] : purposes)
		.where('used_at', 'is', null)
		.execute();
}
