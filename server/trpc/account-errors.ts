// Turns the account services' refusals into tRPC errors: AccountError → its status and code,
// RateLimitError → 429 with a Retry-After header. Messages are codes the client translates.
import { TRPCError } from '@trpc/server';
import { AccountError } from '../auth/account-error';
import { RateLimitError } from '../services/rate-limit';
import { middleware } from './init';

const STATUS = {
	badRequest: 'BAD_REQUEST',
	unauthorized: 'UNAUTHORIZED',
	forbidden: 'FORBIDDEN',
	conflict: 'CONFLICT'
} as const;

export const accountErrors = middleware(async ({ ctx, next }) => {
	const result = await next();
	if (!result.ok) {
		const cause = result.error.cause;
		if (cause instanceof RateLimitError) {
			ctx.responseHeaders.set('Retry-After', String(cause.retryAfterSeconds));
			throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'rateLimited', cause });
		}
		if (cause instanceof AccountError) throw new TRPCError({ code: STATUS[cause.kind], message: cause.code });
	}
	return result;
});
