// The tRPC client as pages use it — `trpc.auth.login.mutate(input)` — without loading it: the real
// client (trpc-client.ts) loads right after the page's first render (data-layer.ts).
import type { TRPCClient, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '$server/trpc/router';
import { afterRender } from './data-layer';

type Client = TRPCClient<AppRouter>;

const client = afterRender(() => import('./trpc-client').then((c) => c.trpcClient));

type Callable = Record<string, (...args: unknown[]) => unknown>;

function procedureAt(root: Client, path: readonly string[]): Callable {
	return path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], root) as Callable;
}

function proxyAt(path: readonly string[]): unknown {
	return new Proxy(() => {}, {
		get(_target, key) {
			// Not a thenable: `await trpc.x` must not look like a pending call.
			if (typeof key !== 'string' || key === 'then') return undefined;
			if (key === 'query' || key === 'mutate')
				return async (...args: unknown[]) => procedureAt(await client(), path)[key]?.(...args);
			if (key === 'subscribe')
				return (...args: unknown[]) => {
					let stopped = false;
					let inner: { unsubscribe(): void } | undefined;
					void client().then((c) => {
						if (!stopped) inner = procedureAt(c, path).subscribe?.(...args) as { unsubscribe(): void };
					});
					return {
						unsubscribe() {
							stopped = true;
							inner?.unsubscribe();
						}
					};
				};
			return proxyAt([...path, key]);
		}
	});
}

export const trpc = proxyAt([]) as Client;

/** Whether a call failed with an answer of the API (or its transport) rather than a bug here. */
export function isTRPCClientError(error: unknown): error is TRPCClientError<AppRouter> {
	return error instanceof Error && error.name === 'TRPCClientError';
}
