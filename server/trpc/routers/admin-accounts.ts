// Account administration for admins: invite staff, Fachberatung and admins; list accounts;
// deactivate, re-activate, end sessions and assign Kitas (services/account-admin.ts).
import { z } from 'zod';
import { inviteSchema } from '../../../src/lib/domain/account';
import { accountTargetSchema, assignFacilitiesSchema } from '../../../src/lib/domain/youth-office';
import * as accounts from '../../services/accounts';
import {
	assignFacilities,
	deactivateAccount,
	endAllSessions,
	reactivateAccount
} from '../../services/account-admin';
import { accountErrors } from '../account-errors';
import { roleProcedure, router } from '../init';

const admin = roleProcedure.use(accountErrors);

export const adminAccountsRouter = router({
	list: admin.query(({ ctx }) => accounts.listAccounts(ctx.app.database.db)),

	invite: admin.input(inviteSchema).mutation(async ({ ctx, input }) => {
		const { userId } = await accounts.inviteAccount(ctx.app, ctx.session, input);
		return { userId };
	}),

	resendInvite: admin.input(z.object({ userId: z.uuid() })).mutation(async ({ ctx, input }) => {
		await accounts.resendInvite(ctx.app, ctx.session, input.userId);
		return { ok: true as const };
	}),

	// Youth office (issue 6): deactivate, re-activate, end sessions, assign Kitas.
	deactivate: admin.input(accountTargetSchema).mutation(async ({ ctx, input }) => {
		await deactivateAccount(ctx.app.database.db, ctx.session, input.userId, ctx.app.now());
		return { ok: true as const };
	}),

	reactivate: admin.input(accountTargetSchema).mutation(async ({ ctx, input }) => {
		await reactivateAccount(ctx.app.database.db, ctx.session, input.userId, ctx.app.now());
		return { ok: true as const };
	}),

	endSessions: admin.input(accountTargetSchema).mutation(async ({ ctx, input }) => {
		await endAllSessions(ctx.app.database.db, ctx.session, input.userId, ctx.app.now());
		return { ok: true as const };
	}),

	assignFacilities: admin.input(assignFacilitiesSchema).mutation(async ({ ctx, input }) => {
		await assignFacilities(ctx.app.database.db, ctx.session, input.userId, input.facilityIds, ctx.app.now());
		return { ok: true as const };
	})
});
