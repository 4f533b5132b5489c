// Mails are written to the outbox table inside the transaction that causes them, so a rolled-back
// change sends nothing and a committed one is never forgotten. A job delivers them later.
import type { Executor } from '../../db/database';

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
