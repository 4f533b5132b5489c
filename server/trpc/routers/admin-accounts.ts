// Account administration for admins: invite staff, Fachberatung and admins; list accounts.
import { z } from 'zod';
import { inviteSchema } from '../../../src/lib/domain/account';
import * as accounts from '../../services/accounts';
import { accountErrors } from '../account-errors';
import { roleProcedure, router } from '../init';

const admin = roleProcedure('admin').use(accountErrors);

export const adminAccountsRouter = router({
	list: admin.query(({ ctx }) => accounts.listAccounts(ctx.app.database.db)),

	invite: admin.input(inviteSchema).mutation(async ({ ctx, input }) => {
		const { userId } = await accounts.inviteAccount(ctx.app, ctx.session, input);
		return { userId };
	}),

	resendInvite: admin.input(z.object({ userId: z.uuid() })).mutation(async ({ ctx, input }) => {
		await accounts.resendInvite(ctx.app, ctx.session, input.userId);
		return { ok: true as const };
	})
});
