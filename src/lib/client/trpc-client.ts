// The browser's tRPC client: batched HTTP for queries and mutations (account calls alone), server-sent
// events for pokes.
// Only the router's type crosses from server/. Loaded after the first render (see trpc.ts).
import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import type { AppRouter } from '$server/trpc/router';
import { isUnbatchable, MAX_BATCH_ITEMS } from '$lib/trpc-batching';
import { SAME_ORIGIN_HEADER } from '$lib/sync/same-origin';

// Browsers without Sec-Fetch-Site (Safari before 16.4) send no Origin on a GET either: this header,
// which another site cannot add without a CORS preflight the server never grants, says it is us.
const headers = { [SAME_ORIGIN_HEADER]: '1' };

export const trpcClient = createTRPCClient<AppRouter>({
	links: [
		splitLink({
			condition: (op) => op.type === 'subscription',
			true: httpSubscriptionLink({ url: '/api/trpc' }),
			// Password, code and claim checks go alone: the server refuses them in a batch.
			false: splitLink({
				condition: (op) => isUnbatchable(op.path),
				true: httpLink({ url: '/api/trpc', headers }),
				false: httpBatchLink({ url: '/api/trpc', maxItems: MAX_BATCH_ITEMS, headers })
			})
		})
	]
});
