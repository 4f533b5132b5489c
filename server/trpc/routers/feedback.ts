// The accessibility feedback form: anyone may send (rate-limited); admins read and close entries,
// and both are recorded in the audit trail (the entries hold senders' names and addresses).
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { feedbackSchema } from '../../../src/lib/domain/feedback';
import { ANONYMOUS_ACTOR, userActor } from '../../commands/context';
import { markFeedbackHandled, submitFeedback } from '../../commands/feedback';
import { runCommand } from '../../commands/run';
import { FEEDBACK_STATUS_FILTERS, listFeedback } from '../../services/feedback';
import { accountErrors } from '../account-errors';
import { publicProcedure, roleProcedure, router } from '../init';

const admin = roleProcedure;

export const feedbackRouter = router({
	submit: publicProcedure
		.use(accountErrors)
		.input(feedbackSchema)
		.mutation(({ ctx, input }) => {
			// A half-signed-in session (second factor not given) sends as anyone does.
			const actor = ctx.session?.mfaVerified ? userActor(ctx.session) : ANONYMOUS_ACTOR;
			return runCommand(ctx.app, actor, (command) => submitFeedback(command, input, ctx.ip));
		}),

	list: admin
		.input(z.object({ status: z.enum(FEEDBACK_STATUS_FILTERS).default('all') }).default({ status: 'all' }))
		.query(({ ctx, input }) => listFeedback(ctx.app.database.db, ctx.session, input, ctx.app.now())),

	markHandled: admin.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
		const result = await runCommand(ctx.app, userActor(ctx.session), (command) =>
			markFeedbackHandled(command, input.id)
		);
		if (!result) throw new TRPCError({ code: 'NOT_FOUND', message: 'notFound' });
		return result;
	})
});
