// What follows every change of an account's password and every withdrawal of its access: links
// mailed before and sessions opened before must not outlive it. One function, so that no path
// (today: reset, invitation, password change, repeated sign-up, deactivation, "end all sessions")
// can do half of it.
import type { Executor } from '../db/database';
import { sessionsEnded } from './session-ended';
import { invalidateUserSessions } from './session';
import { retireTokens, type TokenPurpose } from './tokens';

/**
 * Every kind of mailed link acts on the account: a change of address requested with the old
 * password would move it to an attacker's mailbox after the owner's reset; an older reset, invite or
 * confirm link belongs to the state being left behind. The link being used is consumed already.
 */
const RETIRED_LINKS: readonly TokenPurpose[] = ['changeEmail', 'reset', 'invite', 'confirm'];

export async function afterCredentialChange(
	db: Executor,
	userId: string,
	now: Date,
	/** The session that made the change (a password change on the account page) stays open. */
	options: { keepSessionId?: string } = {}
): Promise<void> {
	await retireTokens(db, userId, RETIRED_LINKS, now);
	if (options.keepSessionId === undefined) {
		await invalidateUserSessions(db, userId);
		return;
	}
	await db
		.deleteFrom('sessions')
		.where('user_id', '=', userId)
		.where('id', '!=', options.keepSessionId)
		.execute();
	// Their live-update streams stop; the kept session's stream finds its session and goes on.
	await sessionsEnded(db, userId);
}
