// The signed-in user's session and language: "Angemeldet bleiben" renews a sliding session; the
// language switcher remembers the choice in the account (mails go out in it).
import type { AccountLocale } from '../../../src/lib/domain/account';
import { sessionPolicy } from '../../../src/lib/domain/roles';
import type { AuthSession } from '../../auth/session';
import { sessionInfo, type SessionInfo } from '../../services/session-info';
import type { CommandContext } from '../context';

/** Renews a sliding session to its full lifetime; sessions with a fixed end keep it. */
export async function extendSession(ctx: CommandContext, session: AuthSession): Promise<SessionInfo> {
	const policy = sessionPolicy(session.role);
	if (!policy.sliding) return sessionInfo(session, ctx.now);
	const expiresAt = new Date(ctx.now.getTime() + policy.lifetimeMs);
	await ctx.tx
		.updateTable('sessions')
		.set({ expires_at: expiresAt.toISOString() })
		.where('id', '=', session.id)
		.execute();
	return sessionInfo({ ...session, expiresAt }, ctx.now);
}

export async function setAccountLocale(
	ctx: CommandContext,
	session: Pick<AuthSession, 'userId'>,
	locale: AccountLocale
): Promise<{ locale: AccountLocale }> {
	await ctx.tx
		.updateTable('users')
		.set({ locale, updated_at: ctx.now.toISOString() })
		.where('id', '=', session.userId)
		.execute();
	return { locale };
}
