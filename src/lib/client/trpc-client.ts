// The browser's tRPC client: batched HTTP for queries and mutations (account calls alone), server-sent
// events for pokes.
// Only the router's type crosses from server/. Loaded after the first render (see trpc.ts).
import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import type { AppRouter } from '$server/trpc/router';
import { isUnbatchable, MAX_BATCH_ITEMS } from '$lib/trpc-batching';

export const trpcClient = createTRPCClient<AppRouter>({
	links: [
		splitLink({
			condition: (op) => op.type === 'subscription',
			true: httpSubscriptionLink({ url: '/api/trpc' }),
			// Password, code and claim checks go alone: the server refuses them in a batch.
			false: splitLink({
				condition: (op) => isUnbatchable(op.path),
				true: httpLink({ url: '/api/trpc' }),
				false: httpBatchLink({ url: '/api/trpc', maxItems: MAX_BATCH_ITEMS })
			})
		})
	]
});
