// The accessibility feedback form: anyone may send (rate-limited); admins read and close entries.
import { z } from 'zod';
import { feedbackSchema } from '../../../src/lib/domain/feedback';
import { listFeedback, markFeedbackHandled, submitFeedback } from '../../services/feedback';
import { accountErrors } from '../account-errors';
import { publicProcedure, roleProcedure, router } from '../init';

const admin = roleProcedure('admin');

export const feedbackRouter = router({
	submit: publicProcedure
		.use(accountErrors)
		.input(feedbackSchema)
		.mutation(({ ctx, input }) =>
			submitFeedback(ctx.app.database.db, input, { ip: ctx.ip, session: ctx.session }, ctx.app.now())
		),

	list: admin.query(({ ctx }) => listFeedback(ctx.app.database.db)),

	markHandled: admin
		.input(z.object({ id: z.uuid() }))
		.mutation(({ ctx, input }) =>
			markFeedbackHandled(ctx.app.database.db, input.id, ctx.session, ctx.app.now())
		)
});
