// The second factor (TOTP): the login's second step, setting it up, switching it off. Wrong codes
// are counted per account before they are judged; the count and the failure's audit entry stay
// (a Refused commits them). Codes are checked inside the transaction: HMACs are quick, and two
// racing requests then cannot both use the same step or recovery code.
import type { KnownUser } from '../../../src/lib/domain/account';
import { requiresMfa, type Role } from '../../../src/lib/domain/roles';
import { AccountError } from '../../auth/account-error';
import type { AuthSession } from '../../auth/session';
import {
	generateRecoveryCodes,
	generateTotpKey,
	hashRecoveryCode,
	matchTotp,
	totpKeyUri,
	totpSecretBase32
} from '../../auth/totp';
import { openTotpKey, sealTotpKey } from '../../auth/totp-crypto';
import { audit } from '../../services/audit';
import { actorOf, knownUser, userById, type UserRow } from '../../services/accounts/users';
import { LIMITS, beginAttempt, clearLimit, limitKey } from '../../services/rate-limit';
import type { CommandContext } from '../context';
import { completeLogin, upgradeSession } from './login';
import { Refused } from './refused';

export interface MfaResult {
	user: KnownUser;
	expiresAt: Date;
	/** The new session token when the step completed a login; null when the session was complete. */
	token: string | null;
}

/** The second login step: a TOTP code, or one of the recovery codes (each works once). */
export async function verifyMfa(
	ctx: CommandContext,
	session: AuthSession,
	input: { code: string } | { recoveryCode: string },
	totpKey: Uint8Array
): Promise<MfaResult | Refused> {
	const { tx, now } = ctx;
	const user = await userById(tx, session.userId);
	if (session.mfaVerified)
		return { user: await knownUser(tx, user), expiresAt: session.expiresAt, token: null };
	if (!user.totp_key) throw new AccountError('mfaRequired', 'forbidden');
	const key = limitKey('mfa', 'acct', user.id);
	// Counted before the code is checked; a right code clears the count.
	await beginAttempt(tx, key, LIMITS.mfaAccount, now);
	const ok =
		'code' in input
			? await useTotpStep(ctx, user, openTotpKey(user.totp_key, totpKey, user.id), input.code)
			: await useRecoveryCode(ctx, user, input.recoveryCode);
	if (!ok) return mfaFailure(ctx, user);
	await clearLimit(tx, key);
	const { token, expiresAt } = await upgradeSession(ctx, session);
	await completeLogin(ctx, user);
	return { user: await knownUser(tx, user), expiresAt, token };
}

/** Only a step later than the last one counts (a code seen once cannot be replayed). */
async function useTotpStep(
	ctx: CommandContext,
	user: UserRow,
	key: Uint8Array,
	code: string
): Promise<boolean> {
	const step = matchTotp(key, code, ctx.now, user.totp_last_step);
	if (step === null) return false;
	const updated = await ctx.tx
		.updateTable('users')
		.set({ totp_last_step: step })
		.where('id', '=', user.id)
		.where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
		.executeTakeFirst();
	return updated.numUpdatedRows === 1n;
}

async function useRecoveryCode(ctx: CommandContext, user: UserRow, code: string): Promise<boolean> {
	const used = await ctx.tx
		.updateTable('recovery_codes')
		.set({ used_at: ctx.now.toISOString() })
		.where('user_id', '=', user.id)
		.where('code_hash', '=', hashRecoveryCode(code))
		.where('used_at', 'is', null)
		.executeTakeFirst();
	if (used.numUpdatedRows !== 1n) return false;
	await audit(
		ctx.tx,
		{ action: 'mfa.recoveryUsed', actor: actorOf(user), targetType: 'user', targetId: user.id },
		ctx.now
	);
	return true;
}

/** The attempt was counted before the check; the failure is audited and the refusal committed. */
async function mfaFailure(ctx: CommandContext, user: UserRow): Promise<Refused> {
	await audit(
		ctx.tx,
		{
			action: 'login.mfaFailure',
			actor: actorOf(user),
			targetType: 'user',
			targetId: user.id,
			outcome: 'refused'
		},
		ctx.now
	);
	return new Refused('mfaCodeInvalid');
}

/** Starts the TOTP set-up: a new key, kept aside until the first code shows the app has it. */
export async function startMfaSetup(
	ctx: CommandContext,
	session: AuthSession,
	totpKey: Uint8Array
): Promise<{ secret: string; uri: string }> {
	const user = await userById(ctx.tx, session.userId);
	if (user.totp_key) throw new AccountError('mfaAlreadyEnabled', 'conflict');
	const key = generateTotpKey();
	await ctx.tx
		.updateTable('users')
		.set({ totp_pending_key: sealTotpKey(key, totpKey, user.id) })
		.where('id', '=', user.id)
		.execute();
	return { secret: totpSecretBase32(key), uri: totpKeyUri(user.email, key) };
}

/** Finishes the set-up with a first code; returns the recovery codes (shown once, stored hashed). */
export async function finishMfaSetup(
	ctx: CommandContext,
	session: AuthSession,
	code: string,
	totpKey: Uint8Array
): Promise<(MfaResult & { recoveryCodes: string[] }) | Refused> {
	const { tx, now } = ctx;
	const user = await userById(tx, session.userId);
	if (user.totp_key) throw new AccountError('mfaAlreadyEnabled', 'conflict');
	const key = limitKey('mfa', 'acct', user.id);
	await beginAttempt(tx, key, LIMITS.mfaAccount, now);
	const step = user.totp_pending_key
		? matchTotp(openTotpKey(user.totp_pending_key, totpKey, user.id), code, now, null)
		: null;
	if (step === null) return mfaFailure(ctx, user);
	const recoveryCodes = generateRecoveryCodes();
	await tx
		.updateTable('users')
		.set({
			totp_key: user.totp_pending_key,
			totp_pending_key: null,
			totp_last_step: step,
			updated_at: now.toISOString()
		})
		.where('id', '=', user.id)
		.execute();
	await tx.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
	await tx
		.insertInto('recovery_codes')
		.values(recoveryCodes.map((c) => ({ user_id: user.id, code_hash: hashRecoveryCode(c), used_at: null })))
		.execute();
	await clearLimit(tx, key);
	await audit(tx, { action: 'mfa.setup', actor: actorOf(user), targetType: 'user', targetId: user.id }, now);
	const known = await knownUser(tx, user);
	if (session.mfaVerified) return { recoveryCodes, user: known, expiresAt: session.expiresAt, token: null };
	const { token, expiresAt } = await upgradeSession(ctx, session);
	await completeLogin(ctx, user);
	return { recoveryCodes, user: known, expiresAt, token };
}

/** Parents may switch the second factor off again; office roles may not (asked before the password). */
export function assertMfaOptional(user: Pick<UserRow, 'role'>): void {
	if (requiresMfa(user.role as Role, false)) throw new AccountError('notPermitted', 'forbidden');
}

/** Switches the second factor off; the password was checked before (auth/guards.ts). */
export async function disableMfa(ctx: CommandContext, user: UserRow): Promise<void> {
	assertMfaOptional(user);
	await ctx.tx
		.updateTable('users')
		.set({ totp_key: null, totp_pending_key: null, totp_last_step: null, updated_at: ctx.now.toISOString() })
		.where('id', '=', user.id)
		.execute();
	await ctx.tx.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
	await audit(
		ctx.tx,
		{ action: 'mfa.disable', actor: actorOf(user), targetType: 'user', targetId: user.id },
		ctx.now
	);
}
