import { TRPCError } from '@trpc/server';
import { MIN_CLIENT_SCHEMA_VERSION, pullInputSchema, pushInputSchema } from '../../../src/lib/sync/protocol';
import { openLiveStream, TooManyStreamsError } from '../../sync/live-stream';
import { pull } from '../../sync/pull';
import { ForeignClientError, OutboxOfAnotherUserError, push } from '../../sync/push';
import { deviceScope } from '../../sync/scope-for';
import { authedProcedure, publicProcedure, router } from '../init';

export const syncRouter = router({
	pull: publicProcedure.input(pullInputSchema).query(({ ctx, input }) => {
		if (input.schemaVersion < MIN_CLIENT_SCHEMA_VERSION)
			return { kind: 'updateRequired', minSchemaVersion: MIN_CLIENT_SCHEMA_VERSION } as const;
		if (input.userId === undefined)
			throw new TRPCError({ code: 'BAD_REQUEST', message: 'deviceUserMissing' });
		const device = deviceScope(ctx.session, input.userId);
		if (!device) return { kind: 'sessionEnded' } as const;
		return pull(ctx.app.database.db, device.scope, input, device.userId, ctx.app.config.syncPageRows);
	}),
	push: authedProcedure.input(pushInputSchema).mutation(async ({ ctx, input }) => {
		try {
			return await push(ctx.app, ctx.session, input);
		} catch (error) {
			if (error instanceof ForeignClientError)
				throw new TRPCError({ code: 'FORBIDDEN', message: 'clientOfAnotherUser' });
			// The outbox is another user's: refused before anything is bound, and the client asks that
			// user to log in again with the outbox kept (401, like an ended session).
			if (error instanceof OutboxOfAnotherUserError)
				throw new TRPCError({ code: 'UNAUTHORIZED', message: 'outboxOfAnotherUser' });
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
