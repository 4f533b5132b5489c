// Parents' family procedures that need an immediate answer, so not a sync mutation: taking a
// walk-in family into the online account with the code from the receipt.
import { TRPCError } from '@trpc/server';
import { claimFamilySchema } from '../../../src/lib/domain/staff';
import { claimWalkinFamily } from '../../commands/claim';
import { userActor } from '../../commands/context';
import { runCommand } from '../../commands/run';
import { consume, limitKey, RateLimitError, type LimitRule } from '../../services/rate-limit';
import { roleProcedure, router } from '../init';

const HOUR = 3600_000;
/** A code has 60 bits and needs the birth date too; the limits stop guessing all the same. */
export const CLAIM_LIMITS = {
	account: { max: 10, windowMs: 24 * HOUR },
	ip: { max: 30, windowMs: HOUR }
} satisfies Record<string, LimitRule>;

export const familyRouter = router({
	claim: roleProcedure.input(claimFamilySchema).mutation(async ({ ctx, input }) => {
		const db = ctx.app.database.db;
		const now = ctx.app.now();
		try {
			await consume(db, limitKey('claim', 'acct', ctx.session.userId), CLAIM_LIMITS.account, now);
			await consume(db, limitKey('claim', 'ip', ctx.ip), CLAIM_LIMITS.ip, now);
		} catch (error) {
			if (!(error instanceof RateLimitError)) throw error;
			ctx.responseHeaders.set('Retry-After', String(error.retryAfterSeconds));
			throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'rateLimited', cause: error });
		}
		const outcome = await runCommand(ctx.app, userActor(ctx.session), (c) => claimWalkinFamily(c, input));
		// One answer for a wrong code and a wrong birth date: nothing to learn from the difference.
		if (!outcome.ok) throw new TRPCError({ code: 'BAD_REQUEST', message: 'claimInvalid' });
		return { familyId: outcome.familyId, children: outcome.childIds.length };
	})
});
