// Feedback of the accessibility statement's form: stored for the admins, limited per IP so that the
// open form cannot flood the table. Names and addresses are kept only for the answer.
import type { Feedback, FeedbackEntry } from '../../src/lib/domain/feedback';
import { newId } from '../../src/lib/domain/ids';
import type { AuthSession } from '../auth/session';
import type { Executor } from '../db/database';
import { audit } from './audit';
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

/** Which entries an admin wants to see: still open, already handled, or both. */
export const FEEDBACK_STATUS_FILTERS = ['open', 'handled', 'all'] as const;
export type FeedbackStatusFilter = (typeof FEEDBACK_STATUS_FILTERS)[number];

/**
 * Newest first, for the admins. The entries carry the senders' names and addresses, so every
 * reading is recorded in the audit trail (as reading the trail itself is).
 */
export async function listFeedback(
	db: Executor,
	session: AuthSession,
	filter: { status: FeedbackStatusFilter },
	now: Date,
	limit = 200
): Promise<FeedbackEntry[]> {
	let query = db.selectFrom('feedback').selectAll();
	if (filter.status === 'open') query = query.where('handled_at', 'is', null);
	if (filter.status === 'handled') query = query.where('handled_at', 'is not', null);
	const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
	await audit(db, { action: 'feedback.read', actor: session, targetType: 'feedback', targetId: null }, now);
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

/**
 * Closes an entry; closing it again keeps the first time (two admins may press at once). Null when
 * there is no such entry.
 */
export async function markFeedbackHandled(
	db: Executor,
	id: string,
	session: AuthSession,
	now: Date
): Promise<{ handledAt: string } | null> {
	const updated = await db
		.updateTable('feedback')
		.set({ handled_at: now.toISOString(), handled_by: session.userId })
		.where('id', '=', id)
		.where('handled_at', 'is', null)
		.executeTakeFirst();
	if (updated.numUpdatedRows > 0n)
		await audit(db, { action: 'feedback.handle', actor: session, targetType: 'feedback', targetId: id }, now);
	const row = await db.selectFrom('feedback').select('handled_at').where('id', '=', id).executeTakeFirst();
	return row?.handled_at ? { handledAt: row.handled_at } : null;
}
