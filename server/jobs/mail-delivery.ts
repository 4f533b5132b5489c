// Delivers the mail outbox over SMTP (nodemailer) on a timer, with exponential backoff on failure.
// Started by server/app.ts only when SMTP_URL is set; otherwise mails stay for /dev/mailbox.
import nodemailer from 'nodemailer';
import type { Db } from '../db/database';
import { MAX_ATTEMPTS } from '../services/mail/outbox';
import { everyInterval, type IntervalJob } from './interval';
import { mailFailures } from '../metrics';

/** The one nodemailer call we need; tests may pass their own. */
export interface MailTransport {
	sendMail(message: {
		from: string;
		to: string;
		subject: string;
		text: string;
		html: string;
	}): Promise<unknown>;
	close?(): void;
}

const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 6 * 3600_000;

export function retryDelayMs(attempts: number): number {
	return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}

export function smtpTransport(smtpUrl: string): MailTransport {
	return nodemailer.createTransport(smtpUrl);
}

/** Sends every due mail once; returns how many went out. */
export async function deliverDueMails(
	db: Db,
	transport: MailTransport,
	from: string,
	now: () => Date
): Promise<number> {
	const due = await db
		.selectFrom('mail_outbox')
		.selectAll()
		.where('sent_at', 'is', null)
		.where('attempts', '<', MAX_ATTEMPTS)
		.where('next_attempt_at', '<=', now().toISOString())
		.orderBy('created_at')
		.limit(20)
		.execute();
	let sent = 0;
	for (const mail of due) {
		try {
			await transport.sendMail({
				from,
				to: mail.to_address,
				subject: mail.subject,
				text: mail.text_body,
				html: mail.html_body
			});
			await db
				.updateTable('mail_outbox')
				.set({ sent_at: now().toISOString(), attempts: mail.attempts + 1, last_error: null })
				.where('id', '=', mail.id)
				.execute();
			sent++;
		} catch (error) {
			mailFailures.inc();
			const attempts = mail.attempts + 1;
			// Keep only the error's kind/code: SMTP replies may quote the recipient's address.
			const code =
				error instanceof Error ? ((error as Error & { code?: string }).code ?? error.name) : 'unknown';
			await db
				.updateTable('mail_outbox')
				.set({
					attempts,
					last_error: String(code).slice(0, 100),
					next_attempt_at: new Date(now().getTime() + retryDelayMs(attempts)).toISOString()
				})
				.where('id', '=', mail.id)
				.execute();
		}
	}
	return sent;
}

export type MailJob = IntervalJob<number>;

export function startMailDelivery(
	db: Db,
	transport: MailTransport,
	from: string,
	now: () => Date,
	intervalMs = 5_000
): MailJob {
	return everyInterval(
		'Mail delivery round',
		() => deliverDueMails(db, transport, from, now),
		0,
		intervalMs,
		// One node at a time: two would read the same due mails and send each twice.
		{ db, onStop: () => transport.close?.() }
	);
}
