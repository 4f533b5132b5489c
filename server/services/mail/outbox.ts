// Mails are written to the outbox in the same transaction as the change that causes them; the
// delivery job sends them later (never inside the request).
import type { Executor } from '../../db/database';
import { renderMail } from './render';
import type { MailKind, MailParamsByKind } from './types';

export interface MailRequest<K extends MailKind> {
	to: string;
	locale: string;
	kind: K;
	params: MailParamsByKind[K];
}

export async function enqueueMail<K extends MailKind>(
	db: Executor,
	mail: MailRequest<K>,
	now: Date
): Promise<string> {
	const rendered = renderMail(mail.locale, mail.kind, mail.params);
	const id = crypto.randomUUID();
	await db
		.insertInto('mail_outbox')
		.values({
			id,
			to_address: mail.to,
			subject: rendered.subject,
			text_body: rendered.text,
			html_body: rendered.html,
			kind: mail.kind,
			created_at: now.toISOString(),
			next_attempt_at: now.toISOString(),
			sent_at: null,
			last_error: null
		})
		.execute();
	return id;
}

// The older plain form: the caller brings subject and bodies (kept for callers not yet on templates).
export interface OutgoingMail {
	to: string;
	subject: string;
	text: string;
	html: string;
	/** What the mail is about, for the mailbox page and statistics (no personal data). */
	kind: string;
}

export async function queueMail(db: Executor, mail: OutgoingMail, now: Date): Promise<void> {
	await db
		.insertInto('mail_outbox')
		.values({
			id: crypto.randomUUID(),
			to_address: mail.to,
			subject: mail.subject,
			text_body: mail.text,
			html_body: mail.html,
			kind: mail.kind,
			created_at: now.toISOString(),
			next_attempt_at: now.toISOString()
		})
		.execute();
}

const HTML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Plain, simple HTML from paragraphs of text; links stay clickable. */
export function simpleHtml(paragraphs: string[]): string {
	const body = paragraphs
		.map((p) =>
			escapeHtml(p)
				.replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')
				.replace(/\n/g, '<br>')
		)
		.map((p) => `<p>${p}</p>`)
		.join('\n');
	return `<!doctype html><html lang="de"><body style="font-family:sans-serif;line-height:1.5">${body}</body></html>`;
}
