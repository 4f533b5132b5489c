// Feedback of the accessibility statement's form: stored for the admins, limited per IP so that the
// open form cannot flood the table. Names and addresses are kept only for the answer.
import type { Feedback, FeedbackEntry } from '../../src/lib/domain/feedback';
import { newId } from '../../src/lib/domain/ids';
import type { AuthSession } from '../auth/session';
import type { Executor } from '../db/database';
import { consume, limitKey, type LimitRule } from './rate-limit';

/** Five messages per hour from one IP (a person with several problems can send them one by one). */
export const FEEDBACK_LIMIT: LimitRule = { max: 5, windowMs: 3600_000 };

export async function submitFeedback(
	db: Executor,
	input: Feedback,
	from: { ip: string; session: AuthSession | null },
	now: Date
): Promise<{ ok: true }> {
	await consume(db, limitKey('feedback', 'ip', from.ip), FEEDBACK_LIMIT, now);
	await db
		.insertInto('feedback')
		.values({
			id: newId(),
			created_at: now.toISOString(),
			kind: input.kind,
			page: input.page,
			message: input.message,
			name: input.name,
			email: input.email,
			wants_reply: input.wantsReply ? 1 : 0,
			locale: input.locale,
			user_id: from.session?.mfaVerified ? from.session.userId : null
		})
		.execute();
	return { ok: true };
}

/** Newest first, for the admins. */
export async function listFeedback(db: Executor, limit = 200): Promise<FeedbackEntry[]> {
	const rows = await db
		.selectFrom('feedback')
		.selectAll()
		.orderBy('created_at', 'desc')
		.limit(limit)
		.execute();
	return rows.map((row) => ({
		id: row.id,
		createdAt: row.created_at,
		kind: row.kind,
		page: row.page,
		message: row.message,
		name: row.name,
		email: row.email,
		wantsReply: row.wants_reply === 1,
		locale: row.locale,
		fromAccount: row.user_id !== null,
		handledAt: row.handled_at
	}));
}

export async function markFeedbackHandled(
	db: Executor,
	id: string,
	session: AuthSession,
	now: Date
): Promise<{ ok: true }> {
	await db
		.updateTable('feedback')
		.set({ handled_at: now.toISOString(), handled_by: session.userId })
		.where('id', '=', id)
		.where('handled_at', 'is', null)
		.execute();
	return { ok: true };
}
