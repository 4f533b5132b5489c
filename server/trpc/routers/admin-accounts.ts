// Account administration for admins: invite staff, Fachberatung and admins; list accounts;
// deactivate, re-activate, end sessions and assign Kitas (server/commands/accounts/admin.ts).
import { z } from 'zod';
import { inviteSchema } from '../../../src/lib/domain/account';
import { accountTargetSchema, assignFacilitiesSchema } from '../../../src/lib/domain/youth-office';
import {
	assignFacilities,
	deactivateAccount,
	endAllSessions,
	reactivateAccount
} from '../../commands/accounts/admin';
import { inviteAccount, resendInvite } from '../../commands/accounts/invitations';
import { userActor } from '../../commands/context';
import { runCommand } from '../../commands/run';
import { listAccounts } from '../../services/accounts/list';
import { accountErrors } from '../account-errors';
import { roleProcedure, router } from '../init';

const admin = roleProcedure.use(accountErrors);

export const adminAccountsRouter = router({
	list: admin.query(({ ctx }) => listAccounts(ctx.app.database.db)),

	invite: admin.input(inviteSchema).mutation(async ({ ctx, input }) => {
		const { userId } = await runCommand(ctx.app, userActor(ctx.session), (c) => inviteAccount(c, input));
		return { userId };
	}),

	resendInvite: admin.input(z.object({ userId: z.uuid() })).mutation(async ({ ctx, input }) => {
		await runCommand(ctx.app, userActor(ctx.session), (c) => resendInvite(c, input.userId));
		return { ok: true as const };
	}),

	// Youth office (issue 6): deactivate, re-activate, end sessions, assign Kitas.
	deactivate: admin.input(accountTargetSchema).mutation(async ({ ctx, input }) => {
		await runCommand(ctx.app, userActor(ctx.session), (c) => deactivateAccount(c, input.userId));
		return { ok: true as const };
	}),

	reactivate: admin.input(accountTargetSchema).mutation(async ({ ctx, input }) => {
		await runCommand(ctx.app, userActor(ctx.session), (c) => reactivateAccount(c, input.userId));
		return { ok: true as const };
	}),

	endSessions: admin.input(accountTargetSchema).mutation(async ({ ctx, input }) => {
		await runCommand(ctx.app, userActor(ctx.session), (c) => endAllSessions(c, input.userId));
		return { ok: true as const };
	}),

	assignFacilities: admin.input(assignFacilitiesSchema).mutation(async ({ ctx, input }) => {
		await runCommand(ctx.app, userActor(ctx.session), (c) =>
			assignFacilities(c, input.userId, input.facilityIds)
		);
		return { ok: true as const };
	})
});
