// Mails are written to the outbox in the same transaction as the change that causes them; the
// delivery job sends them later (never inside the request).
import type { Executor } from '../../db/database';
import { renderMail } from './render';
import type { MailKind, MailParamsByKind } from './types';

/** Delivery attempts of one mail before it is given up (the mail job) and removed (retention). */
export const MAX_ATTEMPTS = 12;

/**
 * Whose mail it is, by id (security issue 12): the export and the erasure select mails by these,
 * never by address. `userId` only when the mail goes to that account's own address.
 */
export interface MailOwner {
	userId?: string;
	familyId?: string;
}

export interface MailRequest<K extends MailKind> {
	to: string;
	locale: string;
	kind: K;
	params: MailParamsByKind[K];
	about: MailOwner;
}

/** Mails whose links log in, set a password or confirm an address. */
export const TOKEN_MAIL_KINDS: ReadonlySet<MailKind> = new Set(['confirm', 'reset', 'invite', 'changeEmail']);

/**
 * A link with a token goes only to the address of the account it opens — never to an address a
 * parent typed for a second guardian or a walk-in family's contact. Checked here, where every mail
 * is queued, so that no future caller can get it wrong.
 */
async function assertTokenRecipient(db: Executor, mail: MailRequest<MailKind>): Promise<void> {
	if (!TOKEN_MAIL_KINDS.has(mail.kind)) return;
	const userId = mail.about.userId;
	const user = userId
		? await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst()
		: undefined;
	// A change of address is confirmed at the new address, which the account asked for itself.
	const pending =
		userId && mail.kind === 'changeEmail'
			? await db
					.selectFrom('email_tokens')
					.select('id')
					.where('user_id', '=', userId)
					.where('purpose', '=', 'changeEmail')
					.where('new_email', '=', mail.to)
					.where('used_at', 'is', null)
					.executeTakeFirst()
			: undefined;
	if (!user || (user.email !== mail.to && !pending))
		throw new Error(`A ${mail.kind} mail carries a token and goes only to the account’s own address.`);
}

export async function enqueueMail<K extends MailKind>(
	db: Executor,
	mail: MailRequest<K>,
	now: Date
): Promise<string> {
	await assertTokenRecipient(db, mail as MailRequest<MailKind>);
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
			last_error: null,
			user_id: mail.about.userId ?? null,
			family_id: mail.about.familyId ?? null
		})
		.execute();
	return id;
}
