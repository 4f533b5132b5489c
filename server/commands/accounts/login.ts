// Login and logout. The password was checked before (auth/guards.ts#checkLoginPassword: counted
// first, judged outside any transaction); the command records the outcome and opens the session —
// a full one, or one waiting for the second factor (commands/accounts/mfa.ts).
import type { KnownUser, LoginNext } from '../../../src/lib/domain/account';
import type { UserId } from '../../../src/lib/domain/ids';
import { requiresMfa, type Role } from '../../../src/lib/domain/roles';
import type { LoginCheck } from '../../auth/guards';
import { createSession, hashToken, invalidateSession, type AuthSession } from '../../auth/session';
import { audit } from '../../services/audit';
import { actorOf, knownUser, type UserRow } from '../../services/accounts/users';
import { clearLimit, releaseAttempt } from '../../services/rate-limit';
import type { CommandContext } from '../context';
import { Refused } from './refused';

/** A password-checked session waiting for the second factor (or its set-up) lives this long. */
export const MFA_PENDING_MS = 30 * 60_000;

export interface LoginResult {
	token: string;
	expiresAt: Date;
	next: LoginNext;
	/** Set when the login is complete (no second factor needed). */
	user: KnownUser | null;
}

export async function login(ctx: CommandContext, checked: LoginCheck): Promise<LoginResult | Refused> {
	const { tx, now } = ctx;
	if (!checked.ok) {
		await audit(
			tx,
			{ action: 'login.failure', targetType: 'user', targetId: checked.userId, outcome: 'refused' },
			now
		);
		return new Refused('invalidCredentials', 'unauthorized');
	}
	const { user } = checked;
	await clearLimit(tx, checked.accountKey);
	await releaseAttempt(tx, checked.ipAttempt);
	// Only someone who knows the password learns that the address is not confirmed yet.
	if (!user.email_confirmed_at) {
		await audit(
			tx,
			{
				action: 'login.failure',
				actor: actorOf(user),
				targetType: 'user',
				targetId: user.id,
				outcome: 'refused'
			},
			now
		);
		return new Refused('emailNotConfirmed', 'forbidden');
	}
	const role = user.role as Role;
	const needsMfa = requiresMfa(role, user.totp_key !== null);
	const next: LoginNext = !needsMfa ? 'done' : user.totp_key ? 'mfaVerify' : 'mfaSetup';
	const session = await createSession(tx, user.id as UserId, role, now, !needsMfa);
	let expiresAt = session.expiresAt;
	if (needsMfa) {
		expiresAt = new Date(now.getTime() + MFA_PENDING_MS);
		await tx
			.updateTable('sessions')
			.set({ expires_at: expiresAt.toISOString() })
			.where('id', '=', hashToken(session.token))
			.execute();
	} else {
		await completeLogin(ctx, user);
	}
	return { token: session.token, expiresAt, next, user: needsMfa ? null : await knownUser(tx, user) };
}

/** The login is complete (password, and the second factor where one is needed). */
export async function completeLogin(ctx: CommandContext, user: UserRow): Promise<void> {
	await ctx.tx
		.updateTable('users')
		.set({ last_login_at: ctx.now.toISOString() })
		.where('id', '=', user.id)
		.execute();
	await audit(
		ctx.tx,
		{ action: 'login.success', actor: actorOf(user), targetType: 'user', targetId: user.id },
		ctx.now
	);
}

/**
 * The second factor completes the login: a new session with a new token and the role's normal
 * lifetime replaces the password-only one, as a login would (a token seen before this step, e.g.
 * planted or read in transit, does not become a full login).
 */
export async function upgradeSession(
	ctx: CommandContext,
	session: AuthSession
): Promise<{ token: string; expiresAt: Date }> {
	const fresh = await createSession(ctx.tx, session.userId, session.role, ctx.now, true);
	await invalidateSession(ctx.tx, session.id);
	return fresh;
}

export async function logout(ctx: CommandContext, session: AuthSession): Promise<void> {
	await invalidateSession(ctx.tx, session.id);
	await audit(
		ctx.tx,
		{ action: 'logout', actor: session, targetType: 'user', targetId: session.userId },
		ctx.now
	);
}
