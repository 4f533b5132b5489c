import { TRPCError } from '@trpc/server';
import { pullInputSchema, pushInputSchema } from '../../../src/lib/sync/protocol';
import { pokesFor } from '../../sync/poke';
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
	/** Server-sent events: a tick whenever the caller's data (or the public catalogue) changed. */
	poke: publicProcedure.subscription(async function* ({ ctx, signal }) {
		const userId = ctx.session?.mfaVerified ? ctx.session.userId : null;
		for await (const at of pokesFor(userId, signal ?? new AbortController().signal)) yield { at };
	})
});
