import { pullInputSchema } from '../../../src/lib/sync/protocol';
import { pull } from '../../sync/pull';
import { publicScope } from '../../sync/scopes';
import { publicProcedure, router } from '../init';

export const syncRouter = router({
	pull: publicProcedure
		.input(pullInputSchema)
		.query(({ ctx, input }) => pull(ctx.app.database.db, publicScope, input))
});
