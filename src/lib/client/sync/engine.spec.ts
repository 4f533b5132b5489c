// The sync engine against a fake transport (the tRPC client mocked) and a real LocalDb on
// fake-indexeddb: push before pull, gaps, an ended session, no answer or a timeout (offline, retried
// with backoff), a first sync in pages, and concurrent calls coalescing into one more round.
import 'fake-indexeddb/auto';
import { TRPCClientError } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KnownUser } from '$lib/domain/account';
import type { Municipality } from '$lib/domain/facility';
import {
	SCHEMA_VERSION,
	type PullInput,
	type PullResult,
	type PushInput,
	type PushResult
} from '$lib/sync/protocol';
import { localDb, type LocalDb } from '../local-db';
import { applyClientMutator } from '../mutators';
import { session } from '../session.svelte';
import { startSync, sync } from './engine';
import { syncStatus } from './sync-status.svelte';

type CallOptions = { signal?: AbortSignal };
const transport = vi.hoisted(() => ({
	pull: vi.fn<(input: PullInput, opts?: CallOptions) => Promise<PullResult>>(),
	push: vi.fn<(input: PushInput, opts?: CallOptions) => Promise<PushResult>>(),
	subscribe: vi.fn<(input: undefined, opts: { onData: () => void; onError: () => void }) => void>(),
	unsubscribe: vi.fn<() => void>()
}));
vi.mock('../trpc-client', () => ({
	trpcClient: {
		sync: {
			pull: { query: transport.pull },
			push: { mutate: transport.push },
			poke: {
				subscribe: (input: undefined, opts: { onData: () => void; onError: () => void }) => {
					transport.subscribe(input, opts);
					return { unsubscribe: transport.unsubscribe };
				}
			}
		}
	}
}));
// The first sync's notice mounts UI; here only the engine is under test.
vi.mock('../first-sync-notice.svelte', () => ({ followFirstSync: vi.fn() }));

type Final = Extract<PullResult, { kind: 'patch' }>;
type Page = Extract<PullResult, { kind: 'page' }>;
const final = (over: Partial<Final> = {}): Final => ({
	kind: 'patch',
	reset: false,
	cookie: 'c1',
	lastMutationId: 0,
	patch: { put: {}, del: {} },
	rejections: [],
	...over
});
const page = (over: Partial<Page>): Page => ({
	kind: 'page',
	reset: false,
	token: 't',
	patch: { put: {}, del: {} },
	...over
});
const town = (id: string): Municipality => ({ id: id as Municipality['id'], name: id, postcodes: [] });
const user = (userId: string): KnownUser => ({
	userId,
	role: 'parent',
	firstName: 'Erika',
	lastName: 'Muster',
	facilityIds: [],
	locale: 'de'
});
const unauthorized = () =>
	TRPCClientError.from({ error: { code: -32001, message: 'UNAUTHORIZED', data: { httpStatus: 401 } } });
const serverError = () =>
	TRPCClientError.from({ error: { code: -32603, message: 'INTERNAL', data: { httpStatus: 503 } } });
/** What the tRPC client throws when fetch itself failed: no HTTP status. */
const noAnswer = () => new TRPCClientError('fetch failed', { cause: new TypeError('fetch failed') });

/**
 * A server keeping one client's lastMutationId: a push acknowledges its batch, a pull drops the
 * acknowledged entries. `calls` records the order of requests.
 */
function fakeServer() {
	const server = { lastMutationId: 0, cookie: 0, calls: [] as string[] };
	transport.push.mockImplementation(async (input) => {
		server.calls.push('push');
		server.lastMutationId = input.mutations.at(-1)?.id ?? server.lastMutationId;
		return { kind: 'ok', lastMutationId: server.lastMutationId };
	});
	transport.pull.mockImplementation(async () => {
		server.calls.push('pull');
		return final({ cookie: `c${++server.cookie}`, lastMutationId: server.lastMutationId });
	});
	return server;
}

let db: LocalDb;

async function queued(...ids: number[]): Promise<void> {
	await db.outbox.bulkAdd(
		ids.map((id) => ({ id, name: 'rename', args: { id }, createdAt: '2026-12-05T08:00:00.000Z' }))
	);
}

beforeEach(async () => {
	vi.stubGlobal('navigator', { onLine: true });
	transport.pull.mockReset();
	transport.push.mockReset();
	transport.subscribe.mockReset();
	transport.unsubscribe.mockReset();
	session.user = user(`u-${crypto.randomUUID()}`);
	session.expired = false;
	Object.assign(syncStatus, {
		online: true,
		phase: 'idle',
		lastSyncAt: null,
		pending: 0,
		copy: 'unknown',
		firstSync: null
	});
	db = localDb();
	await db.open();
});
afterEach(async () => {
	vi.useRealTimers();
	vi.restoreAllMocks();
	vi.unstubAllGlobals();
	await db.delete();
});

describe('sync(): push, then pull', () => {
	it('pushes the outbox in order, then pulls; the acknowledged entries leave the outbox', async () => {
		const server = fakeServer();
		await queued(1, 2, 3);
		const clientId = (await db.meta.get('clientId'))?.value;

		await sync();

		expect(server.calls).toEqual(['push', 'pull', 'pull']);
		const pushed = transport.push.mock.calls[0]?.[0];
		expect(pushed?.clientId).toBe(clientId);
		expect(pushed?.userId).toBe(session.user?.userId);
		expect(pushed?.mutations.map((m) => m.id)).toEqual([1, 2, 3]);
		// The second pull goes on from the cookie the first one stored.
		expect(transport.pull.mock.calls.map(([input]) => input.cookie)).toEqual([null, 'c1']);
		expect(await db.outbox.count()).toBe(0);
		expect((await db.meta.get('cookie'))?.value).toBe('c2');
		expect(syncStatus).toMatchObject({ phase: 'idle', online: true, pending: 0, copy: 'complete' });
		expect(syncStatus.lastSyncAt).toBeInstanceOf(Date);
	});

	it('pushes a long outbox in batches of 100, each acknowledged by a pull before the next', async () => {
		const server = fakeServer();
		await queued(...Array.from({ length: 150 }, (_, i) => i + 1));

		await sync();

		expect(server.calls).toEqual(['push', 'pull', 'push', 'pull', 'pull']);
		expect(transport.push.mock.calls.map(([input]) => input.mutations.length)).toEqual([100, 50]);
		expect(await db.outbox.count()).toBe(0);
	});

	it('a gap stops pushing and pulls; the entries stay for the next round', async () => {
		const server = fakeServer();
		transport.push.mockImplementation(async () => {
			server.calls.push('push');
			return { kind: 'gap', lastMutationId: 0 };
		});
		await queued(5, 6);

		await sync();

		expect(server.calls).toEqual(['push', 'pull', 'pull']);
		expect((await db.outbox.toArray()).map((e) => e.id)).toEqual([5, 6]);
		expect(syncStatus).toMatchObject({ phase: 'idle', pending: 2 });
	});

	it('a 401 marks the session expired and keeps the outbox, without retrying', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		transport.push.mockRejectedValue(unauthorized());
		await queued(1, 2);

		await sync();

		expect(session.expired).toBe(true);
		expect(transport.pull).not.toHaveBeenCalled();
		expect((await db.outbox.toArray()).map((e) => e.id)).toEqual([1, 2]);
		expect(syncStatus).toMatchObject({ phase: 'idle', pending: 2 });
		expect(vi.getTimerCount()).toBe(0);
	});

	it('sessionEnded from the pull keeps every row and the outbox, and asks for a new login', async () => {
		const server = fakeServer();
		await db.municipalities.put(town('m1'));
		await db.meta.put({ key: 'cookie', value: 'mine' });
		await queued(1, 2);
		// The push went through for the first entry; meanwhile the session ended (another tab logged out).
		transport.push.mockImplementation(async () => {
			server.calls.push('push');
			return { kind: 'ok', lastMutationId: 1 };
		});
		transport.pull.mockImplementation(async () => {
			server.calls.push('pull');
			return { kind: 'sessionEnded' };
		});

		await sync();

		expect(session.expired).toBe(true);
		expect(await db.municipalities.toArray()).toEqual([town('m1')]);
		expect((await db.outbox.toArray()).map((e) => e.id)).toEqual([1, 2]);
		expect((await db.meta.get('cookie'))?.value).toBe('mine');
		expect(syncStatus.phase).toBe('idle');

		// An expired session pushes nothing more until the user logged in again.
		await sync();
		expect(transport.push).toHaveBeenCalledTimes(1);
	});

	it('offline by navigator, nothing is sent', async () => {
		fakeServer();
		vi.stubGlobal('navigator', { onLine: false });
		await sync();
		expect(transport.pull).not.toHaveBeenCalled();
		expect(syncStatus.online).toBe(false);
	});
});

/** Queues a real mutation as queue-mutation.ts does: the outbox entry and its optimistic effect together. */
async function queuedChild(id: number, childId: string): Promise<void> {
	const args = { id: childId, firstName: 'Mia', lastName: 'Muster', birthDate: '2024-03-10' };
	await db.transaction('rw', db.syncTables(), async () => {
		await db.outbox.add({ id, name: 'saveChild', args, createdAt: '2026-12-05T08:00:00.000Z' });
		await applyClientMutator(db, 'saveChild', args);
	});
}

describe('the server’s answer through the engine: rejection, reset, update', () => {
	it('a refused mutation leaves the outbox, its rejection is stored and its optimistic row is gone', async () => {
		const server = fakeServer();
		await queuedChild(1, 'c1');
		expect(await db.children.count()).toBe(1);
		transport.pull.mockImplementation(async () => {
			server.calls.push('pull');
			return final({
				lastMutationId: server.lastMutationId,
				rejections: [
					{
						mutationId: 1,
						name: 'saveChild',
						at: '2026-12-05T09:00:00.000Z',
						code: 'notBorn',
						message: 'child.notBorn'
					}
				]
			});
		});

		await sync();

		expect(server.calls).toEqual(['push', 'pull', 'pull']);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.children.count()).toBe(0);
		expect(await db.shadows.count()).toBe(0);
		expect(await db.rejections.toArray()).toEqual([
			expect.objectContaining({ mutationId: 1, code: 'notBorn', dismissed: 0 })
		]);
		expect(syncStatus).toMatchObject({ phase: 'idle', pending: 0 });
	});

	it('a reset replaces every row with the server’s, and pending mutations stay on top of them', async () => {
		await db.municipalities.bulkPut([town('old1'), town('old2')]);
		await queuedChild(1, 'c-pending');
		// Not sent (the session ended in another tab): only the reset's rebase is under test.
		session.expired = true;
		transport.pull.mockResolvedValue(
			final({ reset: true, cookie: 'c-reset', patch: { put: { municipalities: [town('new')] }, del: {} } })
		);

		await sync();

		expect(transport.push).not.toHaveBeenCalled();
		expect((await db.municipalities.toArray()).map((m) => m.id)).toEqual(['new']);
		expect((await db.children.toArray()).map((c) => c.id)).toEqual(['c-pending']);
		expect((await db.outbox.toArray()).map((e) => e.id)).toEqual([1]);
		expect((await db.meta.get('cookie'))?.value).toBe('c-reset');
	});

	it('updateRequired from the pull stops the round and says so', async () => {
		transport.pull.mockResolvedValue({ kind: 'updateRequired', minSchemaVersion: SCHEMA_VERSION + 1 });
		await db.municipalities.put(town('m1'));

		await sync();

		expect(syncStatus.phase).toBe('updateRequired');
		expect(await db.municipalities.toArray()).toEqual([town('m1')]);
		expect(await db.meta.get('cookie')).toBeUndefined();
	});
});

describe('no answer: offline, retried', () => {
	it('a network failure (no HTTP status) marks offline and retries after the backoff', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		vi.spyOn(Math, 'random').mockReturnValue(0.5); // no jitter: the first retry after 1000 ms
		fakeServer();
		transport.pull.mockRejectedValueOnce(noAnswer());

		await sync();

		expect(syncStatus).toMatchObject({ online: false, phase: 'idle' });
		expect(transport.pull).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(999);
		expect(transport.pull).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(1);
		await vi.waitFor(() => expect(syncStatus.online).toBe(true));
		expect(transport.pull).toHaveBeenCalledTimes(2);
		expect(syncStatus.phase).toBe('idle');
	});

	it('a server that cannot answer now (5xx) is an error, not offline, and is retried too', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		vi.spyOn(Math, 'random').mockReturnValue(0.5);
		fakeServer();
		transport.pull.mockRejectedValueOnce(serverError());

		await sync();

		expect(syncStatus).toMatchObject({ online: true, phase: 'error' });
		await vi.advanceTimersByTimeAsync(1000);
		await vi.waitFor(() => expect(syncStatus.phase).toBe('idle'));
		expect(transport.pull).toHaveBeenCalledTimes(2);
	});

	it('a request without an answer is given up after its timeout and treated as unreachable', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		vi.spyOn(Math, 'random').mockReturnValue(0.5);
		// The request's timeout signal, fired by the test rather than after 30 s.
		const timeouts: { ms: number; controller: AbortController }[] = [];
		vi.spyOn(AbortSignal, 'timeout').mockImplementation((ms) => {
			const controller = new AbortController();
			timeouts.push({ ms, controller });
			return controller.signal;
		});
		fakeServer();
		transport.pull.mockImplementationOnce(
			(_input, opts) =>
				new Promise((_resolve, reject) => {
					// As the tRPC client does: the aborted fetch becomes a TRPCClientError without a status.
					opts?.signal?.addEventListener('abort', () =>
						reject(TRPCClientError.from(new DOMException('signal timed out', 'TimeoutError')))
					);
				})
		);

		const done = sync();
		await vi.waitFor(() => expect(timeouts).toHaveLength(1));
		expect(timeouts[0]?.ms).toBe(30_000);
		expect(transport.pull.mock.calls[0]?.[1]?.signal).toBe(timeouts[0]?.controller.signal);
		timeouts[0]?.controller.abort(new DOMException('signal timed out', 'TimeoutError'));
		await done;

		expect(syncStatus).toMatchObject({ online: false, phase: 'idle' });
		await vi.advanceTimersByTimeAsync(1000);
		await vi.waitFor(() => expect(syncStatus.online).toBe(true));
		expect(transport.pull).toHaveBeenCalledTimes(2);
	});
});

describe('a first sync in pages', () => {
	it('pulls page after page, each from the last token, until the final patch', async () => {
		transport.pull
			.mockResolvedValueOnce(
				page({
					reset: true,
					token: 'a',
					total: { municipalities: 3 },
					patch: { put: { municipalities: [town('m1')] }, del: {} }
				})
			)
			.mockResolvedValueOnce(page({ token: 'b', patch: { put: { municipalities: [town('m2')] }, del: {} } }))
			.mockResolvedValueOnce(
				final({ cookie: 'done', patch: { put: { municipalities: [town('m3')] }, del: {} } })
			);

		await sync();

		expect(transport.pull.mock.calls.map(([input]) => [input.page, input.cookie])).toEqual([
			[null, null],
			['a', null],
			['b', null]
		]);
		expect((await db.municipalities.orderBy('id').toArray()).map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
		expect((await db.meta.get('cookie'))?.value).toBe('done');
		expect(await db.meta.get('firstSync')).toBeUndefined();
		expect(syncStatus).toMatchObject({ copy: 'complete', firstSync: null });
	});

	it('a connection lost between pages goes on from the last page applied', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		transport.pull
			.mockResolvedValueOnce(
				page({
					reset: true,
					token: 'a',
					total: { municipalities: 2 },
					patch: { put: { municipalities: [town('m1')] }, del: {} }
				})
			)
			.mockRejectedValueOnce(noAnswer())
			.mockResolvedValueOnce(
				final({ cookie: 'done', patch: { put: { municipalities: [town('m2')] }, del: {} } })
			);

		await sync();
		expect(syncStatus).toMatchObject({
			copy: 'incomplete',
			firstSync: { received: { municipalities: 1 }, total: { municipalities: 2 } }
		});
		expect((await db.meta.get('cookie'))?.value).toBeUndefined();

		await sync();

		expect(transport.pull.mock.calls.map(([input]) => input.page)).toEqual([null, 'a', 'a']);
		expect((await db.municipalities.orderBy('id').toArray()).map((m) => m.id)).toEqual(['m1', 'm2']);
		expect(syncStatus.copy).toBe('complete');
	});
});

describe('concurrent calls', () => {
	it('coalesce into one more round, all answered by the same promise', async () => {
		const server = fakeServer();
		let answer: (result: PullResult) => void = () => {};
		transport.pull.mockImplementationOnce(() => {
			server.calls.push('pull');
			return new Promise((resolve) => (answer = resolve));
		});

		const first = sync();
		await vi.waitFor(() => expect(transport.pull).toHaveBeenCalledTimes(1));
		const second = sync();
		const third = sync();
		expect(second).toBe(first);
		expect(third).toBe(first);
		answer(final({ cookie: 'c-first' }));
		await first;

		expect(server.calls).toEqual(['pull', 'pull']);
		expect(transport.pull.mock.calls[1]?.[0].cookie).toBe('c-first');
	});
});

describe('startSync', () => {
	it('syncs at once and on a poke, and stops listening when stopped', async () => {
		const windowEvents = new EventTarget();
		vi.stubGlobal('window', windowEvents);
		vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
		fakeServer();

		const stop = startSync();
		await vi.waitFor(() => expect(transport.pull).toHaveBeenCalledTimes(1));
		await vi.waitFor(() => expect(syncStatus.phase).toBe('idle'));
		const poke = transport.subscribe.mock.calls[0]?.[1];
		expect(poke).toBeDefined();

		poke?.onData();
		await vi.waitFor(() => expect(transport.pull).toHaveBeenCalledTimes(2));
		await vi.waitFor(() => expect(syncStatus.phase).toBe('idle'));
		windowEvents.dispatchEvent(new Event('online'));
		await vi.waitFor(() => expect(transport.pull).toHaveBeenCalledTimes(3));
		await vi.waitFor(() => expect(syncStatus.phase).toBe('idle'));

		stop();
		expect(transport.unsubscribe).toHaveBeenCalledTimes(1);
		windowEvents.dispatchEvent(new Event('online'));
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(transport.pull).toHaveBeenCalledTimes(3);
	});
});

describe('startSync when the user changes at once (a login right after the page loaded)', () => {
	it("reads of the previous user's database that it closed fail quietly, nothing unhandled", async () => {
		vi.stubGlobal('window', new EventTarget());
		vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
		fakeServer();
		const unhandled: unknown[] = [];
		const onUnhandled = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', onUnhandled);
		try {
			// A database not yet open, as a visitor's on the page's first load.
			session.user = user(`u-${crypto.randomUUID()}`);
			const first = localDb();
			const stop = startSync(); // reads lastSyncAt, the first sync's progress and the outbox
			session.user = user(`u-${crypto.randomUUID()}`);
			localDb(); // the next user's database: the previous one is closed under those reads
			await new Promise((resolve) => setTimeout(resolve, 50));
			stop();
			await first.delete();
			expect(unhandled.map((reason) => (reason as Error).name)).toEqual([]);
		} finally {
			process.off('unhandledRejection', onUnhandled);
		}
	});
});

describe('pending mutations without the mutation side loaded', () => {
	it('loads the replay before applying a pull, and the pull applies with the outbox kept', async () => {
		// Fresh modules: no replay registered yet, as on a page that has not written anything.
		vi.resetModules();
		const fresh = {
			engine: await import('./engine'),
			replay: await import('./replay'),
			session: (await import('../session.svelte')).session,
			localDb: (await import('../local-db')).localDb
		};
		expect(fresh.replay.loadedReplay()).toBeUndefined();
		fresh.session.user = user(`u-${crypto.randomUUID()}`);
		const own = fresh.localDb();
		try {
			await own.outbox.add({ id: 1, name: 'rename', args: {}, createdAt: '2026-12-05T08:00:00.000Z' });
			fresh.session.expired = true; // nothing is pushed: only the pull's rebase is under test
			transport.pull.mockResolvedValue(
				final({ cookie: 'c-replayed', patch: { put: { municipalities: [town('m1')] }, del: {} } })
			);

			await fresh.engine.sync();

			expect(fresh.replay.loadedReplay()).toBeTypeOf('function');
			expect((await own.meta.get('cookie'))?.value).toBe('c-replayed');
			expect(await own.municipalities.toArray()).toEqual([town('m1')]);
			expect((await own.outbox.toArray()).map((e) => e.id)).toEqual([1]);
		} finally {
			await own.delete();
		}
	});
});

describe('a mutation queued by another tab while a pull applies', () => {
	it('the answer is not applied without the replay; the engine loads it and applies again', async () => {
		vi.resetModules();
		const fresh = {
			engine: await import('./engine'),
			replay: await import('./replay'),
			session: (await import('../session.svelte')).session,
			localDb: (await import('../local-db')).localDb
		};
		fresh.session.user = user(`u-${crypto.randomUUID()}`);
		fresh.session.expired = true; // nothing is pushed: only the pull's apply is under test
		const own = fresh.localDb();
		try {
			// The engine finds the outbox empty (no replay loaded), then the other tab queues.
			const count = own.outbox.count.bind(own.outbox);
			const apply = vi.spyOn(own, 'transaction');
			vi.spyOn(own.outbox, 'count').mockImplementationOnce((async () => {
				const before = await count();
				await own.outbox.add({ id: 1, name: 'rename', args: {}, createdAt: '2026-12-05T08:00:00.000Z' });
				return before;
			}) as never);
			transport.pull.mockResolvedValue(
				final({ cookie: 'c-second', patch: { put: { municipalities: [town('m1')] }, del: {} } })
			);

			await fresh.engine.sync();

			expect(apply).toHaveBeenCalledTimes(2);
			expect(fresh.replay.loadedReplay()).toBeTypeOf('function');
			expect((await own.meta.get('cookie'))?.value).toBe('c-second');
			expect(await own.municipalities.toArray()).toEqual([town('m1')]);
			expect((await own.outbox.toArray()).map((e) => e.id)).toEqual([1]);
		} finally {
			await own.delete();
		}
	});
});
