// Short-lived records: sent mails (and mails the delivery gave up on), expired sessions and links,
// solved captchas, old rate limits and sync rejections older than `transientDays`.
import { cutoffInstant } from '../../../src/lib/domain/retention';
// The delivery job's limit; it should move below the jobs (owned by the mail helper of issue 15).
import { MAX_ATTEMPTS } from '../../services/mail/outbox';
import type { RetentionPolicy } from './policy';

export const transientRecords: RetentionPolicy = {
	name: 'transient-records',
	selects:
		'sent or given-up mails, expired sessions, links and captchas, old rate limits and sync rejections',
	does: 'deletes them',
	period: 'transientDays',
	async run({ ctx, periods }) {
		const { tx, now } = ctx;
		const transient = cutoffInstant(now, periods.transientDays);
		const deletions = [
			tx.deleteFrom('mail_outbox').where('sent_at', 'is not', null).where('sent_at', '<', transient),
			// Mails that failed for good (the delivery job gave up) and are old.
			tx
				.deleteFrom('mail_outbox')
				.where('sent_at', 'is', null)
				.where('created_at', '<', transient)
				.where('attempts', '>=', MAX_ATTEMPTS),
			tx.deleteFrom('sessions').where('expires_at', '<', now.toISOString()),
			tx.deleteFrom('email_tokens').where('expires_at', '<', transient),
			tx.deleteFrom('captcha_solutions').where('expires_at', '<', now.toISOString()),
			tx
				.deleteFrom('rate_limits')
				.where('window_start', '<', transient)
				.where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', now.toISOString())])),
			tx.deleteFrom('sync_rejections').where('created_at', '<', transient)
		];
		let transientDeleted = 0;
		for (const query of deletions)
			transientDeleted += Number((await query.executeTakeFirst()).numDeletedRows);
		return { transientDeleted };
	}
};
