// The hot pulls answered in the hook (server/trpc/hot-pull.ts): the same answers as tRPC gives, the
// catalogue cache rebuilt after every catalogue change and never stale, ETag/304, and the codings.
import { sqliteOf } from '../../server/db/database';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSessionToken, createSession, type AuthSession } from '../../server/auth/session';
import { nextSeq } from '../../server/db/seq';
import { catalogueCache, negotiate } from '../../server/sync/catalogue-cache';
import { decodeCookie } from '../../server/sync/cookie';
import { hotPull, toResponse } from '../../server/trpc/hot-pull';
import { handleTrpcRequest } from '../../server/trpc/http';
import type { UserId } from '../../src/lib/domain/ids';
import { SCHEMA_VERSION, type PullResult } from '../../src/lib/sync/protocol';
import { recordingJar } from './auth-helpers';
import { createUserWithSession } from './fixtures';
import { onPostgres } from './postgres-databases';
import { createTestApp, type TestApp } from './harness';

const anonymous = { clientId: null, userId: null, schemaVersion: SCHEMA_VERSION, cookie: null, page: null };

function pullUrl(t: TestApp, input: unknown, batch: boolean): URL {
	const url = new URL('/api/trpc/sync.pull', t.config.origin);
	if (batch) url.searchParams.set('batch', '1');
	url.searchParams.set('input', JSON.stringify(batch ? { 0: input } : input));
	return url;
}

function request(url: URL, headers: Record<string, string> = {}): Request {
	return new Request(url, { headers: { 'sec-fetch-site': 'same-origin', ...headers } });
}

async function hot(
	t: TestApp,
	input: unknown,
	options: { batch?: boolean; session?: AuthSession | null; headers?: Record<string, string> } = {}
) {
	const url = pullUrl(t, input, options.batch ?? false);
	const answer = await hotPull(
		t.app,
		{ method: 'GET', url, headers: request(url, options.headers).headers },
		options.session ?? null
	);
	return answer && toResponse(answer);
}

/** tRPC's own answer, as the endpoint gave it before the hot path. */
async function viaTrpc(
	t: TestApp,
	input: unknown,
	options: { batch?: boolean; session?: AuthSession | null } = {}
) {
	const response = await handleTrpcRequest(
		t.app,
		request(pullUrl(t, input, options.batch ?? false)),
		'127.0.0.1',
		recordingJar(),
		options.session ?? null
	);
	return (await response.json()) as unknown;
}

const dataOf = (body: unknown) => (body as { result: { data: PullResult } }).result.data;

async function changeKita(t: TestApp): Promise<number> {
	return t.app.database.db.transaction().execute(async (tx) => {
		const seq = await nextSeq(tx);
		const kita = await tx
			.selectFrom('facilities')
			.select('id')
			.where('active', '=', 1)
			.executeTakeFirstOrThrow();
		await tx
			.updateTable('facilities')
			.set({ opening_hours: `Mo–Fr 7:00–${seq}:00`, seq })
			.where('id', '=', kita.id)
			.execute();
		return seq;
	});
}

describe('the finder’s first pull from the catalogue cache', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		await t.close();
	});

	it('answers what tRPC answers, alone and as the browser’s batch of one', async () => {
		for (const batch of [false, true]) {
			const response = await hot(t, anonymous, { batch });
			expect(response?.status).toBe(200);
			expect(response?.headers.get('content-encoding')).toBeNull();
			const body = (await response?.json()) as unknown;
			expect(body).toEqual(await viaTrpc(t, anonymous, { batch }));
			const data = dataOf(batch ? (body as unknown[])[0] : body);
			expect(data.kind).toBe('patch');
			if (data.kind === 'patch') expect(data.patch.put.facilities?.length).toBeGreaterThanOrEqual(60);
		}
	});

	it('sends gzip and brotli bodies that decode to the same bytes, by Accept-Encoding', async () => {
		const plain = Buffer.from(await (await hot(t, anonymous))!.arrayBuffer());
		const br = await hot(t, anonymous, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
		expect(br?.headers.get('content-encoding')).toBe('br');
		const brBytes = Buffer.from(await br!.arrayBuffer());
		expect(brBytes.length).toBeLessThan(plain.length / 8);
		expect(brotliDecompressSync(brBytes).equals(plain)).toBe(true);
		const gz = await hot(t, anonymous, { headers: { 'accept-encoding': 'gzip, br;q=0' } });
		expect(gz?.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await gz!.arrayBuffer())).equals(plain)).toBe(true);
		expect(gz?.headers.get('vary')).toContain('Accept-Encoding');
		// Each representation has its own ETag.
		const tags = new Set([br, gz].map((r) => r?.headers.get('etag')));
		expect(tags.size).toBe(2);
	});

	it('negotiates the coding as RFC 9110 reads Accept-Encoding', () => {
		expect(negotiate(null)).toBe('identity');
		expect(negotiate('')).toBe('identity');
		expect(negotiate('gzip')).toBe('gzip');
		expect(negotiate('gzip, deflate, br, zstd')).toBe('br');
		expect(negotiate('br;q=0, gzip;q=0.5')).toBe('gzip');
		expect(negotiate('BR;Q=0.1')).toBe('br');
		expect(negotiate('*')).toBe('br');
		expect(negotiate('*;q=0, gzip')).toBe('gzip');
		expect(negotiate('gzip;q=0, identity')).toBe('identity');
	});

	it('answers 304 to its ETag, and the new catalogue after a change', async () => {
		const first = await hot(t, anonymous, { headers: { 'accept-encoding': 'gzip' } });
		const etag = first?.headers.get('etag') ?? '';
		expect(etag).toMatch(/^".+"$/);
		expect(first?.headers.get('cache-control')).toBe('no-cache');
		const again = await hot(t, anonymous, { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
		expect(again?.status).toBe(304);
		expect(again?.headers.get('etag')).toBe(etag);
		expect(await again?.text()).toBe('');
		const weak = await hot(t, anonymous, { headers: { 'if-none-match': `"other", W/${etag}` } });
		expect(weak?.status).toBe(304);

		const seq = await changeKita(t);
		const after = await hot(t, anonymous, { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
		expect(after?.status).toBe(200);
		expect(after?.headers.get('etag')).not.toBe(etag);
		const data = dataOf(JSON.parse(gunzipSync(Buffer.from(await after!.arrayBuffer())).toString('utf8')));
		if (data.kind !== 'patch') throw new Error('expected a patch');
		expect(decodeCookie(data.cookie, 'public', seq)?.seq).toBe(seq);
		expect(data.patch.put.facilities?.some((f) => f.openingHours === `Mo–Fr 7:00–${seq}:00`)).toBe(true);
	});

	it('is rebuilt after every catalogue change and never serves a stale seq', async () => {
		const cache = catalogueCache(t.app.database, t.app.config.syncPageRows);
		const first = await cache.get();
		expect(await cache.get()).toBe(first);
		for (let round = 0; round < 3; round++) {
			const builds = cache.builds;
			const seq = await changeKita(t);
			const entry = await cache.get();
			expect(cache.builds).toBe(builds + 1);
			expect(entry.version.publicSeq).toBe(seq);
			// The cached answer is what a pull reads now, cookie and all.
			expect(dataOf(JSON.parse(Buffer.from(entry.single.bodies.identity).toString('utf8')))).toEqual(
				dataOf(await viaTrpc(t, anonymous))
			);
		}
		// A write outside the catalogue (a parent's, say) leaves the entry as it is: its cookie still
		// fetches everything after it.
		const builds = cache.builds;
		await t.app.database.db.transaction().execute((tx) => nextSeq(tx));
		const kept = await cache.get();
		expect(cache.builds).toBe(builds);
		const data = kept.result;
		if (data.kind !== 'patch') throw new Error('expected a patch');
		const next = dataOf(await viaTrpc(t, { ...anonymous, cookie: data.cookie }));
		expect(next.kind === 'patch' && next.reset).toBe(false);
	});

	it('is rebuilt when pruned deletions would refuse its cookie', async () => {
		const cache = catalogueCache(t.app.database, t.app.config.syncPageRows);
		const first = await cache.get();
		const seq = await t.app.database.db.transaction().execute((tx) => nextSeq(tx));
		await t.app.database.db.updateTable('sync_state').set({ deletions_pruned_through: seq }).execute();
		const entry = await cache.get();
		expect(entry).not.toBe(first);
		if (entry.result.kind !== 'patch') throw new Error('expected a patch');
		expect(decodeCookie(entry.result.cookie, 'public', seq, seq)).not.toBeNull();
	});

	it('leaves the other pulls to tRPC: a later pull with changes, an old client, a batch with more calls', async () => {
		expect(await hot(t, { ...anonymous, schemaVersion: 2 })).toBeNull();
		expect(await hot(t, { ...anonymous, userId: undefined })).toBeNull();
		const url = new URL('/api/trpc/sync.pull,sync.pull', t.config.origin);
		expect(await hotPull(t.app, { method: 'GET', url, headers: request(url).headers }, null)).toBeNull();
		const batchOfTwo = new URL('/api/trpc/sync.pull', t.config.origin);
		batchOfTwo.searchParams.set('batch', '1');
		batchOfTwo.searchParams.set('input', JSON.stringify({ 0: anonymous, 1: anonymous }));
		expect(
			await hotPull(t.app, { method: 'GET', url: batchOfTwo, headers: request(batchOfTwo).headers }, null)
		).toBeNull();
	});
});

describe.skipIf(onPostgres)('a pull with nothing new', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		await t.close();
	});

	it('answers what tRPC answers while nothing changed, and leaves a change to tRPC', async () => {
		const session = await createUserWithSession(t.app.database.db, t.clock.now(), 'parent');
		const clientId = crypto.randomUUID();
		const input = {
			clientId,
			userId: session.userId,
			schemaVersion: SCHEMA_VERSION,
			cookie: null,
			page: null
		};
		const first = dataOf(await viaTrpc(t, input, { session }));
		// A first sync may come in pages: follow them to the cookie.
		let page: PullResult = first;
		while (page.kind === 'page') page = dataOf(await viaTrpc(t, { ...input, page: page.token }, { session }));
		if (page.kind !== 'patch') throw new Error('expected a patch');
		const cookie = page.cookie;
		for (const batch of [false, true]) {
			const response = await hot(t, { ...input, cookie }, { batch, session });
			expect(response?.status).toBe(200);
			expect(response?.headers.get('cache-control')).toBe('no-store');
			expect(await response?.json()).toEqual(await viaTrpc(t, { ...input, cookie }, { batch, session }));
		}
		await changeKita(t);
		expect(await hot(t, { ...input, cookie }, { session })).toBeNull();
		// An anonymous device that is up to date gets its empty answer here too.
		const anon = dataOf(await viaTrpc(t, anonymous));
		if (anon.kind !== 'patch') throw new Error('expected a patch');
		const up = await hot(t, { ...anonymous, cookie: anon.cookie });
		expect(await up?.json()).toEqual(await viaTrpc(t, { ...anonymous, cookie: anon.cookie }));
	});

	it('answers an anonymous device here while only private data changed, and leaves a catalogue change to tRPC', async () => {
		const anon = dataOf(await viaTrpc(t, anonymous));
		if (anon.kind !== 'patch') throw new Error('expected a patch');
		// Families' writes (a registration on a deadline evening) move the change counter, not the
		// catalogue: a visitor's pull has nothing new and needs no round through every public table.
		await t.app.database.db.transaction().execute((tx) => nextSeq(tx));
		await t.app.database.db.transaction().execute((tx) => nextSeq(tx));
		for (const batch of [false, true]) {
			const response = await hot(t, { ...anonymous, cookie: anon.cookie }, { batch });
			expect(response?.status).toBe(200);
			expect(await response?.json()).toEqual(
				await viaTrpc(t, { ...anonymous, cookie: anon.cookie }, { batch })
			);
		}
		await changeKita(t);
		expect(await hot(t, { ...anonymous, cookie: anon.cookie })).toBeNull();
	});

	it('leaves a cross-site call with a session and another user’s database to tRPC', async () => {
		const session = await createUserWithSession(t.app.database.db, t.clock.now(), 'parent');
		const input = {
			clientId: null,
			userId: session.userId,
			schemaVersion: SCHEMA_VERSION,
			cookie: null,
			page: null
		};
		const url = pullUrl(t, anonymous, false);
		const crossSite = new Request(url, { headers: { 'sec-fetch-site': 'cross-site' } });
		expect(await hotPull(t.app, { method: 'GET', url, headers: crossSite.headers }, session)).toBeNull();
		expect(await hot(t, { ...input, userId: crypto.randomUUID() }, { session })).toBeNull();
	});
});

describe.skipIf(onPostgres)('the session lookup without Kysely', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		await t.close();
	});

	it('reads what the Kysely path reads, and leaves sliding and ending to it', async () => {
		const db = t.app.database.db;
		const sqlite = sqliteOf(t.app.database);
		const staff = await createUserWithSession(db, t.clock.now(), 'staff', {
			facilityIds: (await db.selectFrom('facilities').select('id').limit(2).execute()).map((r) => r.id)
		});
		const { token } = await createSession(db, staff.userId, 'staff', t.clock.now(), true);
		const quick = await checkSessionToken(db, token, t.clock.now(), sqlite);
		expect(quick).toEqual(await checkSessionToken(db, token, t.clock.now()));
		expect(quick?.session.facilityIds).toHaveLength(2);
		expect(await checkSessionToken(db, 'no-such-token', t.clock.now(), sqlite)).toBeNull();

		const parent = await createUserWithSession(db, t.clock.now(), 'parent');
		const made = await createSession(db, parent.userId as UserId, 'parent', t.clock.now(), true);
		// Past half its lifetime a parent's session slides: the write, and the cookie renewal, happen.
		t.clock.set(new Date(made.expiresAt.getTime() - 60_000).toISOString());
		const slid = await checkSessionToken(db, made.token, t.clock.now(), sqlite);
		expect(slid?.extended).toBe(true);
		expect(slid?.session.expiresAt.getTime()).toBeGreaterThan(made.expiresAt.getTime());
		// Past its end it is gone, row and all.
		t.clock.set(new Date(slid!.session.expiresAt.getTime() + 1).toISOString());
		expect(await checkSessionToken(db, made.token, t.clock.now(), sqlite)).toBeNull();
		expect(
			await db.selectFrom('sessions').select('id').where('id', '=', slid!.session.id).executeTakeFirst()
		).toBeUndefined();
	});
});
