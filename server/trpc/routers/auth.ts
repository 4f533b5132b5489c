// Public account steps: sign-up, confirmation, login with second factor, reset, invitations, logout.
// Each write is a command (server/commands/accounts/); what must stand before it — rate limits,
// captcha, password checks — runs first (server/auth/guards.ts). Before a login there is no user:
// those commands act as ANONYMOUS_ACTOR.
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
import { checkLoginPassword, resendGate, resetGate, signUpGate } from '../../auth/guards';
import { hashPassword } from '../../auth/password';
import { login, logout } from '../../commands/accounts/login';
import { finishMfaSetup, startMfaSetup, verifyMfa } from '../../commands/accounts/mfa';
import { requestPasswordReset, setPasswordWithLink } from '../../commands/accounts/password';
import { runAccountCommand } from '../../commands/accounts/refused';
import { extendSession } from '../../commands/accounts/session';
import { confirmEmail, resendConfirmation, signUp } from '../../commands/accounts/sign-up';
import { ANONYMOUS_ACTOR, userActor } from '../../commands/context';
import { runCommand } from '../../commands/run';
import { resendLinkOwner, tokenStatus, usableLinkOwner } from '../../services/accounts/tokens';
import { me } from '../../services/accounts/users';
import { sessionInfo } from '../../services/session-info';
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

/** A password from a mailed link (reset or invitation): the link must work before argon2 runs. */
async function setPasswordFromLink(
	ctx: Context,
	input: { token: string; password: string },
	purpose: 'reset' | 'invite'
) {
	const link = await usableLinkOwner(ctx.app.database.db, input.token, purpose, ctx.app.now());
	const passwordHash = await hashPassword(input.password);
	await runCommand(ctx.app, ANONYMOUS_ACTOR, (c) => setPasswordWithLink(c, link, purpose, passwordHash));
	return { ok: true as const };
}

export const authRouter = router({
	/** Who is logged in (null without a complete login); also renews the cookie of sliding sessions. */
	me: open.query(async ({ ctx }) => {
		if (ctx.session?.mfaVerified) extendCookie(ctx, ctx.session.expiresAt);
		return me(ctx.app.database.db, ctx.session);
	}),

	/** When the session ends, by the server's clock (for the warning before it does). */
	sessionInfo: authedProcedure.query(({ ctx }) => sessionInfo(ctx.session, ctx.app.now())),

	/** "Angemeldet bleiben": renews a sliding (parent) session; fixed-length sessions keep their end. */
	extendSession: authedProcedure.mutation(async ({ ctx }) => {
		const info = await runCommand(ctx.app, userActor(ctx.session), (c) => extendSession(c, ctx.session));
		extendCookie(ctx, new Date(info.expiresAt));
		return info;
	}),

	/** A signed ALTCHA challenge (creates nothing: the signature carries its state). */
	captchaChallenge: open.query(({ ctx }) => createCaptchaChallenge(ctx.app)),

	signUp: open.input(signUpSchema).mutation(async ({ ctx, input }) => {
		await signUpGate(ctx.app, ctx.ip, input.email, input.captcha);
		// Hashed in every case, so that known and unknown addresses take the same time.
		const passwordHash = await hashPassword(input.password);
		return runCommand(ctx.app, ANONYMOUS_ACTOR, (c) => signUp(c, input, passwordHash));
	}),

	tokenStatus: open
		.input(tokenInputSchema)
		.query(({ ctx, input }) => tokenStatus(ctx.app.database.db, input.token, ctx.app.now())),

	confirmEmail: open
		.input(tokenInputSchema)
		.mutation(({ ctx, input }) => runCommand(ctx.app, ANONYMOUS_ACTOR, (c) => confirmEmail(c, input.token))),

	resendConfirmation: open.input(tokenInputSchema).mutation(async ({ ctx, input }) => {
		const db = ctx.app.database.db;
		const userId = await resendLinkOwner(db, input.token, ctx.app.now());
		await resendGate(db, ctx.ip, userId, ctx.app.now());
		return runCommand(ctx.app, ANONYMOUS_ACTOR, (c) => resendConfirmation(c, userId));
	}),

	login: open.input(loginSchema).mutation(async ({ ctx, input }) => {
		const db = ctx.app.database.db;
		const checked = await checkLoginPassword(db, ctx.ip, input.email, input.password, ctx.app.now());
		const result = await runAccountCommand(ctx.app, ANONYMOUS_ACTOR, (c) => login(c, checked));
		setSessionCookie(ctx.cookies, ctx.app.config.origin, result.token, result.expiresAt);
		return { next: result.next, user: result.user };
	}),

	verifyMfa: pending.input(mfaVerifySchema).mutation(async ({ ctx, input }) => {
		const result = await runAccountCommand(ctx.app, userActor(ctx.session), (c) =>
			verifyMfa(c, ctx.session, input, ctx.app.totpKey)
		);
		completedCookie(ctx, result);
		return result.user;
	}),

	mfaSetupStart: pending.mutation(({ ctx }) =>
		runCommand(ctx.app, userActor(ctx.session), (c) => startMfaSetup(c, ctx.session, ctx.app.totpKey))
	),

	mfaSetupFinish: pending.input(mfaCodeSchema).mutation(async ({ ctx, input }) => {
		const result = await runAccountCommand(ctx.app, userActor(ctx.session), (c) =>
			finishMfaSetup(c, ctx.session, input.code, ctx.app.totpKey)
		);
		completedCookie(ctx, result);
		return { user: result.user, recoveryCodes: result.recoveryCodes };
	}),

	requestPasswordReset: open.input(emailOnlySchema).mutation(async ({ ctx, input }) => {
		await resetGate(ctx.app.database.db, ctx.ip, input.email, ctx.app.now());
		return runCommand(ctx.app, ANONYMOUS_ACTOR, (c) => requestPasswordReset(c, input.email));
	}),

	/** Sets a new password from a reset link. No automatic login: the user logs in afterwards. */
	resetPassword: open
		.input(setPasswordSchema)
		.mutation(({ ctx, input }) => setPasswordFromLink(ctx, input, 'reset')),

	/** Sets the first password from an invitation link. */
	acceptInvite: open
		.input(setPasswordSchema)
		.mutation(({ ctx, input }) => setPasswordFromLink(ctx, input, 'invite')),

	/** Ends the session on the server and tells the browser to drop the site's cookies. */
	logout: open.mutation(async ({ ctx }) => {
		const session = ctx.session;
		if (session) await runCommand(ctx.app, userActor(session), (c) => logout(c, session));
		clearSessionCookie(ctx.cookies, ctx.app.config.origin);
		ctx.responseHeaders.set('Clear-Site-Data', '"cookies"');
		return { ok: true as const };
	})
});
