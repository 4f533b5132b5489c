import { initTRPC, TRPCError } from '@trpc/server';
import type { Context } from './context';

const t = initTRPC.context<Context>().create({
	errorFormatter({ shape, error }) {
		// Never send a stack trace or internals to the client.
		const { stack: _stack, ...data } = shape.data;
		return {
			...shape,
			message: error.code === 'INTERNAL_SERVER_ERROR' ? 'internal' : shape.message,
			data: { ...data, zodIssues: error.cause && 'issues' in error.cause ? error.cause.issues : undefined }
		};
	}
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;

/** Every mutation refuses cross-site requests (CSRF), whatever its content type. */
export const mutationProcedure = t.procedure.use(({ ctx, type, next }) => {
	if (type === 'mutation' && !ctx.sameOrigin)
		throw new TRPCError({ code: 'FORBIDDEN', message: 'crossSite' });
	return next();
});
