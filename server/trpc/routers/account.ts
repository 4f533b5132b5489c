// The logged-in user's own account ("Mein Konto"): profile, password, address, second factor.
import {
	changeEmailSchema,
	changePasswordSchema,
	passwordOnlySchema,
	setLocaleSchema
} from '../../../src/lib/domain/account';
import * as accounts from '../../services/accounts';
import { setAccountLocale } from '../../services/session-info';
import { accountErrors } from '../account-errors';
import { authedProcedure, router } from '../init';

const authed = authedProcedure.use(accountErrors);

export const accountRouter = router({
	profile: authed.query(({ ctx }) => accounts.profile(ctx.app, ctx.session)),

	/** The language switcher remembers the choice in the account; mails go out in it. */
	setLocale: authed
		.input(setLocaleSchema)
		.mutation(({ ctx, input }) =>
			setAccountLocale(ctx.app.database.db, ctx.session, input.locale, ctx.app.now())
		),

	changePassword: authed.input(changePasswordSchema).mutation(async ({ ctx, input }) => {
		await accounts.changePassword(ctx.app, ctx.session, input.currentPassword, input.newPassword);
		return { ok: true as const };
	}),

	requestEmailChange: authed
		.input(changeEmailSchema)
		.mutation(({ ctx, input }) =>
			accounts.requestEmailChange(ctx.app, ctx.session, input.newEmail, input.password)
		),

	disableMfa: authed.input(passwordOnlySchema).mutation(async ({ ctx, input }) => {
		await accounts.disableMfa(ctx.app, ctx.session, input.password);
		return { ok: true as const };
	})
});
