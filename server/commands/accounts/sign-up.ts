// Sign-up and the confirmation of an address: a parent's account is created unconfirmed and proven
// by the mailed link. Answers for known and unknown addresses are the same (no account enumeration).
// The rate limits and the captcha come first (auth/guards.ts#signUpGate), the password is hashed
// before the command: argon2 never runs inside a transaction.
import type { AccountLocale } from '../../../src/lib/domain/account';
import { newId } from '../../../src/lib/domain/ids';
import { tokenError } from '../../auth/account-error';
import { afterCredentialChange } from '../../auth/credentials';
import { invalidateUserSessions } from '../../auth/session';
import { consumeToken, lookupToken, retireTokens } from '../../auth/tokens';
import { audit } from '../../services/audit';
import { actorOf, userByEmail, userById, type UserRow } from '../../services/accounts/users';
import type { CommandContext } from '../context';
import { confirmNewAddress } from './email-change';
import { sendAlreadyRegistered, sendConfirmation } from './mails';

export interface SignUpData {
	firstName: string;
	lastName: string;
	street: string;
	postcode: string;
	town: string;
	phone: string;
	email: string;
	locale: AccountLocale;
}

/** What a sign-up sets on the account, new or replacing an unconfirmed one: consent is given now. */
function signUpDetails(input: SignUpData, passwordHash: string, at: string) {
	return {
		password_hash: passwordHash,
		first_name: input.firstName,
		last_name: input.lastName,
		street: input.street,
		postcode: input.postcode,
		town: input.town,
		phone: input.phone || null,
		locale: input.locale,
		privacy_consent_at: at
	};
}

/**
 * Creates an unconfirmed parent account and mails the confirmation link. For an address that has
 * an account already, the answer is the same. A confirmed account's owner gets a mail instead — the
 * typed password never replaces theirs. An account whose address is not confirmed yet belongs to
 * nobody proven: the newest sign-up replaces its password and details and earlier links end, so
 * whoever signed up first with another person's address does not hold the account once that
 * person signs up and confirms (account pre-hijacking).
 */
export async function signUp(
	ctx: CommandContext,
	input: SignUpData,
	passwordHash: string
): Promise<{ ok: true }> {
	const { tx, now } = ctx;
	const existing = await userByEmail(tx, input.email);
	if (existing) {
		if (!existing.email_confirmed_at && existing.role === 'parent') {
			const replaced = await replaceUnconfirmedSignUp(ctx, existing, input, passwordHash);
			await sendConfirmation(ctx, replaced);
			await audit(
				tx,
				{ action: 'signup', actor: actorOf(replaced), targetType: 'user', targetId: replaced.id },
				now
			);
			return { ok: true };
		}
		await sendAlreadyRegistered(ctx, existing);
		await audit(tx, { action: 'signup', targetType: 'user', targetId: existing.id, outcome: 'refused' }, now);
		return { ok: true };
	}
	const at = now.toISOString();
	const user: UserRow = {
		id: newId<'UserId'>(),
		email: input.email,
		role: 'parent',
		...signUpDetails(input, passwordHash, at),
		email_confirmed_at: null,
		totp_key: null,
		totp_pending_key: null,
		totp_last_step: null,
		last_login_at: null,
		active: 1,
		created_at: at,
		updated_at: at
	};
	await tx.insertInto('users').values(user).execute();
	await sendConfirmation(ctx, user);
	await audit(tx, { action: 'signup', actor: actorOf(user), targetType: 'user', targetId: user.id }, now);
	return { ok: true };
}

/** The newest sign-up's password, details, locale and consent; earlier links and sessions end. */
async function replaceUnconfirmedSignUp(
	ctx: CommandContext,
	existing: UserRow,
	input: SignUpData,
	passwordHash: string
): Promise<UserRow> {
	const at = ctx.now.toISOString();
	const changes = { ...signUpDetails(input, passwordHash, at), updated_at: at };
	await ctx.tx.updateTable('users').set(changes).where('id', '=', existing.id).execute();
	await afterCredentialChange(ctx.tx, existing.id, ctx.now);
	return { ...existing, ...changes };
}

/** Opens a confirmation link: the sign-up's address, or a new address after a change. */
export async function confirmEmail(
	ctx: CommandContext,
	token: string
): Promise<{ outcome: 'confirmed' | 'emailChanged' }> {
	const { tx, now } = ctx;
	const found = await lookupToken(tx, token, ['confirm', 'changeEmail'], now);
	if (found.state !== 'valid' || !found.userId)
		throw tokenError(found.state === 'valid' ? 'invalid' : found.state);
	const user = await userById(tx, found.userId);
	if (found.purpose === 'changeEmail' && found.newEmail)
		return confirmNewAddress(ctx, { tokenId: found.id, newEmail: found.newEmail }, user);
	if (!(await consumeToken(tx, found.id, now))) throw tokenError('used');
	if (!user.email_confirmed_at) {
		await tx
			.updateTable('users')
			.set({ email_confirmed_at: now.toISOString(), updated_at: now.toISOString() })
			.where('id', '=', user.id)
			.execute();
		// Login refuses unconfirmed accounts, so there should be none; but no session opened before
		// the address was proven (perhaps by whoever signed up with it) may live on after.
		await invalidateUserSessions(tx, user.id);
	}
	await retireTokens(tx, user.id, 'confirm', now);
	await audit(
		tx,
		{ action: 'email.confirm', actor: actorOf(user), targetType: 'user', targetId: user.id },
		now
	);
	return { outcome: 'confirmed' };
}

/**
 * The second link of the confirmation mail (and the button on the "link expired" page): a fresh
 * confirmation link, unless the address is confirmed by now. The old link named the account
 * (services/accounts/tokens.ts#resendLinkOwner) and the rate limits counted (resendGate).
 */
export async function resendConfirmation(
	ctx: CommandContext,
	userId: string
): Promise<{ outcome: 'sent' | 'alreadyConfirmed' }> {
	const user = await userById(ctx.tx, userId);
	if (user.email_confirmed_at) return { outcome: 'alreadyConfirmed' };
	await sendConfirmation(ctx, user);
	return { outcome: 'sent' };
}
