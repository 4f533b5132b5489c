import { initTRPC, TRPCError } from '@trpc/server';
import { roleMay } from '../../src/lib/domain/permissions';
import type { AuthSession } from '../auth/session';
import { RateLimitError } from '../services/rate-limit';
import type { Context } from './context';

const t = initTRPC.context<Context>().create({
	errorFormatter({ shape, error }) {
		// Never send a stack trace or internals to the client.
		const { stack: _stack, ...data } = shape.data;
		return {
			...shape,
			message: error.code === 'INTERNAL_SERVER_ERROR' ? 'internal' : shape.message,
			data: {
				...data,
				zodIssues: error.cause && 'issues' in error.cause ? error.cause.issues : undefined,
				// Seconds until a rate-limited call may be repeated (also sent as Retry-After).
				retryAfter: error.cause instanceof RateLimitError ? error.cause.retryAfterSeconds : undefined
			}
		};
	}
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/**
 * Every mutation, and every call that carries a session (queries and subscriptions too: reading an
 * export or a report writes the audit trail), refuses requests not proven to come from our own
 * pages (CSRF). A cross-site GET would otherwise run them with the user's cookie (SameSite=Lax
 * sends it on a top-level navigation). Anonymous queries stay open: the catalogue is public.
 */
export const publicProcedure = t.procedure.use(({ ctx, type, next }) => {
	if ((type === 'mutation' || ctx.session) && !ctx.sameOrigin)
		throw new TRPCError({ code: 'FORBIDDEN', message: 'crossSite' });
	return next();
});

/** A password-checked session, also one still waiting for its second factor (for the MFA steps). */
export const sessionProcedure = publicProcedure.use(({ ctx, next }) => {
	if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'loginRequired' });
	return next({ ctx: { ...ctx, session: ctx.session } });
});

/** A logged-in user who has given the second factor where one is needed. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
	if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'loginRequired' });
	if (!ctx.session.mfaVerified) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'mfaRequired' });
	return next({ ctx: { ...ctx, session: ctx.session as AuthSession } });
});

/**
 * A logged-in user whose role the permission table grants this procedure (PROCEDURE_RULES in
 * src/lib/domain/permissions.ts, looked up by the procedure's path): a procedure without a rule is
 * refused to everyone.
 */
export const roleProcedure = authedProcedure.use(({ ctx, path, next }) => {
	if (!roleMay(path, ctx.session.role)) throw new TRPCError({ code: 'FORBIDDEN', message: 'notPermitted' });
	return next();
});
