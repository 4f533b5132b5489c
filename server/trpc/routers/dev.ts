// Development helpers: the local mailbox shows the mail outbox when no SMTP server is configured
// (and what was sent when one is). It holds set-password and reset links, so it fails closed: only
// in demo mode, and only for our own pages in a browser on this machine (loopback, not through a
// proxy, addressed to our host name: DNS rebinding would otherwise pass as loopback and same-origin).
import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { engineOf } from '../../db/engine';
import { linksIn } from '../../services/mail/render';
import { isLoopbackAddress } from '../context';
import { publicProcedure, router } from '../init';

export const devRouter = router({
	mailbox: publicProcedure.query(async ({ ctx }) => {
		const local = isLoopbackAddress(ctx.ip) && !ctx.forwarded && ctx.addressedToUs && ctx.sameOrigin;
		if (!ctx.app.config.demoData || !local) throw new TRPCError({ code: 'NOT_FOUND', message: 'notFound' });
		const rows = await ctx.app.database.db
			.selectFrom('mail_outbox')
			.select([
				'id',
				'to_address',
				'subject',
				'text_body',
				'kind',
				'created_at',
				'sent_at',
				'attempts',
				'last_error'
			])
			// Insertion order: several mails of one request share a timestamp.
			// (PostgreSQL has no insertion order to read: there by time, ties in any order.)
			.orderBy(engineOf(ctx.app.database.db) === 'sqlite' ? sql`rowid` : sql`created_at`, 'desc')
			.limit(100)
			.execute();
		return rows.map((r) => ({
			id: r.id,
			to: r.to_address,
			subject: r.subject,
			text: r.text_body,
			kind: r.kind,
			createdAt: r.created_at,
			sentAt: r.sent_at,
			attempts: r.attempts,
			lastError: r.last_error,
			links: linksIn(r.text_body)
		}));
	})
});
