// The accessibility feedback form: anyone may send (rate-limited); admins read and close entries,
// and both are recorded in the audit trail (the entries hold senders' names and addresses).
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { feedbackSchema } from '../../../src/lib/domain/feedback';
import {
	FEEDBACK_STATUS_FILTERS,
	listFeedback,
	markFeedbackHandled,
	submitFeedback
} from '../../services/feedback';
import { accountErrors } from '../account-errors';
import { publicProcedure, roleProcedure, router } from '../init';

const admin = roleProcedure;

export const feedbackRouter = router({
	submit: publicProcedure
		.use(accountErrors)
		.input(feedbackSchema)
		.mutation(({ ctx, input }) =>
			submitFeedback(ctx.app.database.db, input, { ip: ctx.ip, session: ctx.session }, ctx.app.now())
		),

	list: admin
		.input(z.object({ status: z.enum(FEEDBACK_STATUS_FILTERS).default('all') }).default({ status: 'all' }))
		.query(({ ctx, input }) => listFeedback(ctx.app.database.db, ctx.session, input, ctx.app.now())),

	markHandled: admin.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
		const result = await markFeedbackHandled(ctx.app.database.db, input.id, ctx.session, ctx.app.now());
		if (!result) throw new TRPCError({ code: 'NOT_FOUND', message: 'notFound' });
		return result;
	})
});
