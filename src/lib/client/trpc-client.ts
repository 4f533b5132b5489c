// The browser's tRPC client: batched HTTP for queries and mutations, server-sent events for pokes.
// Only the router's type crosses from server/. Loaded after the first render (see trpc.ts).
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import type { AppRouter } from '$server/trpc/router';

export const trpcClient = createTRPCClient<AppRouter>({
	links: [
		splitLink({
			condition: (op) => op.type === 'subscription',
			true: httpSubscriptionLink({ url: '/api/trpc' }),
			false: httpBatchLink({ url: '/api/trpc' })
		})
	]
});
