import { TRPCError } from '@trpc/server';
import { pullInputSchema, pushInputSchema } from '../../../src/lib/sync/protocol';
import { openLiveStream, TooManyStreamsError } from '../../sync/live-stream';
import { pull } from '../../sync/pull';
import { ForeignClientError, push } from '../../sync/push';
import { scopeFor } from '../../sync/scope-for';
import { authedProcedure, publicProcedure, router } from '../init';

export const syncRouter = router({
	pull: publicProcedure
		.input(pullInputSchema)
		.query(({ ctx, input }) =>
			pull(
				ctx.app.database.db,
				scopeFor(ctx.session),
				input,
				ctx.session?.mfaVerified ? ctx.session.userId : null
			)
		),
	push: authedProcedure.input(pushInputSchema).mutation(async ({ ctx, input }) => {
		try {
			return await push(ctx.app, ctx.session, input);
		} catch (error) {
			if (error instanceof ForeignClientError)
				throw new TRPCError({ code: 'FORBIDDEN', message: 'clientOfAnotherUser' });
			throw error;
		}
	}),
	/**
	 * Server-sent events: a tick whenever the caller's data (or the public catalogue) changed. A
	 * logged-in user's stream ends with the session; anonymous streams are capped per address.
	 */
	poke: publicProcedure.subscription(({ ctx, signal }) => {
		try {
			const stream = openLiveStream({
				db: ctx.app.database.db,
				now: ctx.app.now,
				session: ctx.session?.mfaVerified ? ctx.session : null,
				ip: ctx.ip,
				signal: signal ?? new AbortController().signal
			});
			return (async function* () {
				for await (const at of stream) yield { at };
			})();
		} catch (error) {
			if (error instanceof TooManyStreamsError)
				throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'tooManyStreams' });
			throw error;
		}
	})
});
