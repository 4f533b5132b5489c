// Feedback of the accessibility statement's form, as the admins read it (the writes are
// server/commands/feedback.ts). Names and addresses are kept only for the answer.
import type { FeedbackEntry } from '../../src/lib/domain/feedback';
import type { AuthSession } from '../auth/session';
import type { Executor } from '../db/database';
import { audit } from './audit';

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
