// Public account steps: sign-up, confirmation, login with second factor, reset, invitations, logout.
import {
	emailOnlySchema,
	loginSchema,
	mfaCodeSchema,
	mfaVerifySchema,
	setPasswordSchema,
	signUpSchema,
	tokenInputSchema
} from '../../../src/lib/domain/account';
import { createCaptchaChallenge } from '../../auth/captcha';
import { clearSessionCookie, sessionTokenFrom, setSessionCookie } from '../../auth/cookie';
import * as accounts from '../../services/accounts';
import { extendSession, sessionInfo } from '../../services/session-info';
import { accountErrors } from '../account-errors';
import type { Context } from '../context';
import { authedProcedure, publicProcedure, router, sessionProcedure } from '../init';

const open = publicProcedure.use(accountErrors);
const pending = sessionProcedure.use(accountErrors);

/** A renewed session lives longer: the cookie must say so too. */
function extendCookie(ctx: Context, expiresAt: Date): void {
	const token = sessionTokenFrom(ctx.cookies, ctx.app.config.origin);
	if (token) setSessionCookie(ctx.cookies, ctx.app.config.origin, token, expiresAt);
}

/** The second factor completed the login with a new token (see upgradeSession), or the session was complete. */
function completedCookie(ctx: Context, result: { token: string | null; expiresAt: Date }): void {
	if (result.token) setSessionCookie(ctx.cookies, ctx.app.config.origin, result.token, result.expiresAt);
	else extendCookie(ctx, result.expiresAt);
}

export const authRouter = router({
	/** Who is logged in (null without a complete login); also renews the cookie of sliding sessions. */
	me: open.query(async ({ ctx }) => {
		if (ctx.session?.mfaVerified) extendCookie(ctx, ctx.session.expiresAt);
		return accounts.me(ctx.app, ctx.session);
	}),

	/** When the session ends, by the server's clock (for the warning before it does). */
	sessionInfo: authedProcedure.query(({ ctx }) => sessionInfo(ctx.session, ctx.app.now())),

	/** "Angemeldet bleiben": renews a sliding (parent) session; fixed-length sessions keep their end. */
	extendSession: authedProcedure.mutation(async ({ ctx }) => {
		const info = await extendSession(ctx.app.database.db, ctx.session, ctx.app.now());
		extendCookie(ctx, new Date(info.expiresAt));
		return info;
	}),

	/** A signed ALTCHA challenge (creates nothing: the signature carries its state). */
	captchaChallenge: open.query(({ ctx }) => createCaptchaChallenge(ctx.app)),

	signUp: open.input(signUpSchema).mutation(({ ctx, input }) => accounts.signUp(ctx.app, ctx.ip, input)),

	tokenStatus: open
		.input(tokenInputSchema)
		.query(({ ctx, input }) => accounts.tokenStatus(ctx.app, input.token)),

	confirmEmail: open
		.input(tokenInputSchema)
		.mutation(({ ctx, input }) => accounts.confirmEmail(ctx.app, input.token)),

	resendConfirmation: open
		.input(tokenInputSchema)
		.mutation(({ ctx, input }) => accounts.resendConfirmation(ctx.app, ctx.ip, input.token)),

	login: open.input(loginSchema).mutation(async ({ ctx, input }) => {
		const result = await accounts.login(ctx.app, ctx.ip, input.email, input.password);
		setSessionCookie(ctx.cookies, ctx.app.config.origin, result.token, result.expiresAt);
		return { next: result.next, user: result.user };
	}),

	verifyMfa: pending.input(mfaVerifySchema).mutation(async ({ ctx, input }) => {
		const result = await accounts.verifyMfa(ctx.app, ctx.session, input);
		completedCookie(ctx, result);
		return result.user;
	}),

	mfaSetupStart: pending.mutation(({ ctx }) => accounts.startMfaSetup(ctx.app, ctx.session)),

	mfaSetupFinish: pending.input(mfaCodeSchema).mutation(async ({ ctx, input }) => {
		const result = await accounts.finishMfaSetup(ctx.app, ctx.session, input.code);
		completedCookie(ctx, result);
		return { user: result.user, recoveryCodes: result.recoveryCodes };
	}),

	requestPasswordReset: open
		.input(emailOnlySchema)
		.mutation(({ ctx, input }) => accounts.requestPasswordReset(ctx.app, ctx.ip, input.email)),

	resetPassword: open.input(setPasswordSchema).mutation(async ({ ctx, input }) => {
		await accounts.resetPassword(ctx.app, input.token, input.password);
		return { ok: true as const };
	}),

	acceptInvite: open.input(setPasswordSchema).mutation(async ({ ctx, input }) => {
		await accounts.acceptInvite(ctx.app, input.token, input.password);
		return { ok: true as const };
	}),

	/** Ends the session on the server and tells the browser to drop the site's cookies. */
	logout: open.mutation(async ({ ctx }) => {
		if (ctx.session) await accounts.logout(ctx.app, ctx.session);
		clearSessionCookie(ctx.cookies, ctx.app.config.origin);
		ctx.responseHeaders.set('Clear-Site-Data', '"cookies"');
		return { ok: true as const };
	})
});
