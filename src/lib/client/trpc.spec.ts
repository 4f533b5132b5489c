import { beforeEach, describe, expect, it, vi } from 'vitest';

// The real client stands in for a server: it records what the lazy stand-in forwards to it.
const calls: { path: string; method: string; args: unknown[] }[] = [];
const unsubscribed: string[] = [];
vi.mock('./trpc-client', () => {
	const node = (path: string[]): unknown =>
		new Proxy(
			{},
			{
				get: (_t, key: string) =>
					key === 'query' || key === 'mutate'
						? async (...args: unknown[]) => {
								calls.push({ path: path.join('.'), method: key, args });
								return `${key}:${path.join('.')}`;
							}
						: key === 'subscribe'
							? (...args: unknown[]) => {
									calls.push({ path: path.join('.'), method: key, args });
									return { unsubscribe: () => unsubscribed.push(path.join('.')) };
								}
							: node([...path, key])
			}
		);
	return { trpcClient: node([]) };
});

async function fresh() {
	vi.resetModules();
	const layer = await import('./data-layer');
	const { trpc, isTRPCClientError } = await import('./trpc');
	return { layer, trpc, isTRPCClientError };
}

describe('the lazy tRPC client', () => {
	beforeEach(() => {
		calls.length = 0;
		unsubscribed.length = 0;
	});

	it('forwards a call with its path and input once the first render is done', async () => {
		const { layer, trpc } = await fresh();
		const answer = trpc.auth.login.mutate({ email: 'a@b.de', password: 'x' } as never);
		await Promise.resolve();
		expect(calls).toHaveLength(0);
		layer.firstRenderDone();
		await expect(answer).resolves.toBe('mutate:auth.login');
		expect(calls).toEqual([
			{ path: 'auth.login', method: 'mutate', args: [{ email: 'a@b.de', password: 'x' }] }
		]);
		await expect(trpc.auth.me.query()).resolves.toBe('query:auth.me');
	});

	it('is not a thenable, so awaiting a path does not call anything', async () => {
		const { trpc } = await fresh();
		expect((trpc.auth as unknown as { then?: unknown }).then).toBeUndefined();
	});

	it('drops a subscription ended before the client loaded, and ends one that started', async () => {
		const { layer, trpc } = await fresh();
		const early = trpc.sync.poke.subscribe(undefined, { onData: () => {} });
		early.unsubscribe();
		const later = trpc.sync.poke.subscribe(undefined, { onData: () => {} });
		layer.firstRenderDone();
		await vi.waitFor(() => expect(calls.filter((c) => c.method === 'subscribe')).toHaveLength(1));
		later.unsubscribe();
		expect(unsubscribed).toEqual(['sync.poke']);
	});

	it('tells an API error from other errors by its name', async () => {
		const { isTRPCClientError } = await fresh();
		const api = Object.assign(new Error('loginRequired'), { name: 'TRPCClientError' });
		expect(isTRPCClientError(api)).toBe(true);
		expect(isTRPCClientError(new TypeError('Failed to fetch'))).toBe(false);
		expect(isTRPCClientError('TRPCClientError')).toBe(false);
	});
});
