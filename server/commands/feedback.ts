// Feedback of the accessibility statement's form: anyone may send (limited per IP, so that the open
// form cannot flood the table); an admin closes an entry. Names and addresses are kept only for the
// answer.
import type { Feedback } from '../../src/lib/domain/feedback';
import { newId } from '../../src/lib/domain/ids';
import { audit } from '../services/audit';
import { consume, limitKey, type LimitRule } from '../services/rate-limit';
import type { CommandContext, UserCommandContext } from './context';

/** Five messages per hour from one IP (a person with several problems can send them one by one). */
export const FEEDBACK_LIMIT: LimitRule = { max: 5, windowMs: 3600_000 };

/**
 * Stores one message. The sender's account is kept only when they are signed in with the second
 * factor given (the router passes a user actor only then); everyone else is anonymous.
 */
export async function submitFeedback(
	ctx: CommandContext,
	input: Feedback,
	ip: string
): Promise<{ ok: true }> {
	// Counted in the same transaction as the insert: concurrent sends cannot pass the limit together.
	await consume(ctx.tx, limitKey('feedback', 'ip', ip), FEEDBACK_LIMIT, ctx.now);
	await ctx.tx
		.insertInto('feedback')
		.values({
			id: newId(),
			created_at: ctx.now.toISOString(),
			kind: input.kind,
			page: input.page,
			message: input.message,
			name: input.name,
			email: input.email,
			wants_reply: input.wantsReply ? 1 : 0,
			locale: input.locale,
			user_id: ctx.actor.kind === 'user' ? ctx.actor.userId : null
		})
		.execute();
	return { ok: true };
}

/**
 * Closes an entry; closing it again keeps the first time (two admins may press at once). Null when
 * there is no such entry.
 */
export async function markFeedbackHandled(
	ctx: UserCommandContext,
	id: string
): Promise<{ handledAt: string } | null> {
	const { tx, now, actor } = ctx;
	const updated = await tx
		.updateTable('feedback')
		.set({ handled_at: now.toISOString(), handled_by: actor.userId })
		.where('id', '=', id)
		.where('handled_at', 'is', null)
		.executeTakeFirst();
	if (updated.numUpdatedRows > 0n)
		await audit(tx, { action: 'feedback.handle', actor, targetType: 'feedback', targetId: id }, now);
	const row = await tx.selectFrom('feedback').select('handled_at').where('id', '=', id).executeTakeFirst();
	return row?.handled_at ? { handledAt: row.handled_at } : null;
}
