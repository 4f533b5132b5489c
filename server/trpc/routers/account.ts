// The logged-in user's own account ("Mein Konto"): profile, password, address, second factor.
// Grave steps ask for the current password first (server/auth/guards.ts), then run their command.
import {
	changeEmailSchema,
	changePasswordSchema,
	passwordOnlySchema,
	setLocaleSchema
} from '../../../src/lib/domain/account';
import { checkCurrentPassword, emailChangeGate } from '../../auth/guards';
import { hashPassword } from '../../auth/password';
import { assertNewAddress, requestEmailChange } from '../../commands/accounts/email-change';
import { assertMfaOptional, disableMfa } from '../../commands/accounts/mfa';
import { changePassword } from '../../commands/accounts/password';
import { setAccountLocale } from '../../commands/accounts/session';
import { userActor } from '../../commands/context';
import { runCommand } from '../../commands/run';
import { profile } from '../../services/accounts/profile';
import { userById } from '../../services/accounts/users';
import { accountErrors } from '../account-errors';
import { authedProcedure, router } from '../init';

const authed = authedProcedure.use(accountErrors);

export const accountRouter = router({
	profile: authed.query(({ ctx }) => profile(ctx.app.database.db, ctx.session.userId, ctx.app.now())),

	/** The language switcher remembers the choice in the account; mails go out in it. */
	setLocale: authed
		.input(setLocaleSchema)
		.mutation(({ ctx, input }) =>
			runCommand(ctx.app, userActor(ctx.session), (c) => setAccountLocale(c, ctx.session, input.locale))
		),

	changePassword: authed.input(changePasswordSchema).mutation(async ({ ctx, input }) => {
		const db = ctx.app.database.db;
		const user = await userById(db, ctx.session.userId);
		await checkCurrentPassword(db, user, input.currentPassword, ctx.app.now());
		const passwordHash = await hashPassword(input.newPassword);
		await runCommand(ctx.app, userActor(ctx.session), (c) =>
			changePassword(c, ctx.session, user, passwordHash)
		);
		return { ok: true as const };
	}),

	/** Mails a confirmation link to the new address; the address changes only when it is opened. */
	requestEmailChange: authed.input(changeEmailSchema).mutation(async ({ ctx, input }) => {
		const db = ctx.app.database.db;
		const user = await userById(db, ctx.session.userId);
		await checkCurrentPassword(db, user, input.password, ctx.app.now());
		assertNewAddress(user, input.newEmail);
		await emailChangeGate(db, input.newEmail, ctx.app.now());
		return runCommand(ctx.app, userActor(ctx.session), (c) => requestEmailChange(c, user, input.newEmail));
	}),

	/** Parents may switch the second factor off again (with their password); office roles may not. */
	disableMfa: authed.input(passwordOnlySchema).mutation(async ({ ctx, input }) => {
		const db = ctx.app.database.db;
		const user = await userById(db, ctx.session.userId);
		assertMfaOptional(user);
		await checkCurrentPassword(db, user, input.password, ctx.app.now());
		await runCommand(ctx.app, userActor(ctx.session), (c) => disableMfa(c, user));
		return { ok: true as const };
	})
});
