// The fast lane (server/trpc/fast-lane.ts): the hot pulls answered in node's request handler, over a
// real socket, with the same bytes and headers as the hook's answer; every request it is unsure of —
// another method or path, a session to slide, a cross-site call with a session — goes on to SvelteKit.
import { sqliteOf } from '../../server/db/database';
import type { Server } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession, sessionCookieName } from '../../server/auth/session';
import { anonymousCache } from '../../server/http/anonymous-cache';
import { nextSeq } from '../../server/db/seq';
import { cookieValue } from '../../server/trpc/fast-lane';
import { handleTrpcRequest } from '../../server/trpc/http';
import { sessionPolicy } from '../../src/lib/domain/roles';
import { SCHEMA_VERSION, type PullResult } from '../../src/lib/sync/protocol';
import { recordingJar } from './auth-helpers';
import { createUserWithSession } from './fixtures';
import { createTestApp, type TestApp } from './harness';
import { onPostgres } from './postgres-databases';
import { laneServer, openTransaction, PASSED_ON } from './lane-server';

const anonymous = { clientId: null, userId: null, schemaVersion: SCHEMA_VERSION, cookie: null, page: null };
function pullPath(input: unknown, batch = true): string {
	const query = new URLSearchParams();
	if (batch) query.set('batch', '1');
	query.set('input', JSON.stringify(batch ? { 0: input } : input));
	return `/api/trpc/sync.pull?${query}`;
}

describe.skipIf(onPostgres)('the fast lane', () => {
	let t: TestApp;
	let server: Server;
	let base: string;
	beforeEach(async () => {
		t = await createTestApp();
		({ server, base } = await laneServer(t));
	});
	afterEach(async () => {
		await new Promise((resolve) => server.close(resolve));
		await t.close();
	});

	const get = (path: string, headers: Record<string, string> = {}) =>
		fetch(base + path, { headers: { 'sec-fetch-site': 'same-origin', ...headers } });

	/** A parent's login cookie, and the cookie of their device's copy once it is whole. */
	async function upToDateParent() {
		const user = await createUserWithSession(t.app.database.db, t.clock.now(), 'parent');
		const { token } = await createSession(t.app.database.db, user.userId, 'parent', t.clock.now(), true);
		const session = { ...user };
		const input = { ...anonymous, clientId: crypto.randomUUID(), userId: user.userId };
		let page: PullResult;
		let token_: string | null = null;
		do {
			const response = await handleTrpcRequest(
				t.app,
				new Request(`${t.config.origin}${pullPath({ ...input, page: token_ }, false)}`, {
					headers: { 'sec-fetch-site': 'same-origin' }
				}),
				'127.0.0.1',
				recordingJar(),
				session
			);
			page = ((await response.json()) as { result: { data: PullResult } }).result.data;
			token_ = page.kind === 'page' ? page.token : null;
		} while (page.kind === 'page');
		if (page.kind !== 'patch') throw new Error('expected a patch');
		return {
			cookieHeader: `${sessionCookieName(t.config.origin)}=${token}`,
			input: { ...input, cookie: page.cookie }
		};
	}

	it('answers the finder’s first pull with the catalogue’s bytes, its ETag and the portal’s headers', async () => {
		const response = await get(pullPath(anonymous), { 'accept-encoding': 'br' });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-encoding')).toBe('br');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('x-frame-options')).toBe('DENY');
		expect(response.headers.get('cache-control')).toBe('no-cache');
		const bytes = Buffer.from(await response.arrayBuffer());
		// fetch decodes brotli itself; the bytes are the decoded body then.
		const text = bytes[0] === 0x5b ? bytes.toString('utf8') : brotliDecompressSync(bytes).toString('utf8');
		const data = (JSON.parse(text) as { result: { data: PullResult } }[])[0]?.result.data;
		expect(data?.kind).toBe('patch');
		const etag = response.headers.get('etag') ?? '';
		const again = await get(pullPath(anonymous), { 'accept-encoding': 'br', 'if-none-match': etag });
		expect(again.status).toBe(304);
	});

	it('answers an up-to-date parent’s pull, never to be kept in a cache', async () => {
		const parent = await upToDateParent();
		const response = await get(pullPath(parent.input), { cookie: parent.cookieHeader });
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const data = ((await response.json()) as { result: { data: PullResult } }[])[0]?.result.data;
		expect(data?.kind).toBe('patch');
	});

	it('answers a pull that arrives during another request’s transaction once that has ended', async () => {
		const parent = await upToDateParent();
		const other = await openTransaction(t);
		const pulled = get(pullPath(parent.input), { cookie: parent.cookieHeader });
		await new Promise((resolve) => setTimeout(resolve, 50));
		await other.end();
		const response = await pulled;
		expect(response.status).toBe(200);
		// The finder's first pull reads the catalogue through Kysely after the wait: no deadlock.
		const first = await get(pullPath(anonymous), { 'accept-encoding': 'br' });
		expect(first.status).toBe(200);
	});

	it('passes on what it is not sure of', async () => {
		const parent = await upToDateParent();
		// Another method, another call beside the pull, a pull that is not alone in its batch.
		expect((await fetch(base + pullPath(anonymous), { method: 'POST' })).status).toBe(PASSED_ON);
		expect((await get(`/api/trpc/sync.pull,sync.pull?batch=1&input={}`)).status).toBe(PASSED_ON);
		expect(
			(await get(`/api/trpc/sync.pull?batch=1&input=${JSON.stringify({ 0: anonymous, 1: anonymous })}`))
				.status
		).toBe(PASSED_ON);
		expect((await get('/kitas')).status).toBe(PASSED_ON);
		// A session from another site.
		const crossSite = await get(pullPath(parent.input), {
			cookie: parent.cookieHeader,
			'sec-fetch-site': 'cross-site'
		});
		expect(crossSite.status).toBe(PASSED_ON);
		// Another user's database on this login.
		expect(
			(await get(pullPath({ ...parent.input, userId: crypto.randomUUID() }), { cookie: parent.cookieHeader }))
				.status
		).toBe(PASSED_ON);
		// A session due to slide: the hook renews its cookie.
		t.clock.advance(sessionPolicy('parent').lifetimeMs * 0.6);
		expect((await get(pullPath(parent.input), { cookie: parent.cookieHeader })).status).toBe(PASSED_ON);
		// And one that ended: the hook decides (and deletes it).
		t.clock.advance(sessionPolicy('parent').lifetimeMs);
		expect((await get(pullPath(parent.input), { cookie: parent.cookieHeader })).status).toBe(PASSED_ON);
	});

	it('passes a pull on when reading the session fails, and the server stays up', async () => {
		const parent = await upToDateParent();
		sqliteOf(t.app.database).exec('ALTER TABLE sessions RENAME TO sessions_away');
		try {
			expect((await get(pullPath(parent.input), { cookie: parent.cookieHeader })).status).toBe(PASSED_ON);
		} finally {
			sqliteOf(t.app.database).exec('ALTER TABLE sessions_away RENAME TO sessions');
		}
	});

	it('treats an unknown session cookie as no session, and still keeps the answer out of caches', async () => {
		const response = await get(pullPath(anonymous), {
			cookie: `${sessionCookieName(t.config.origin)}=unknown`
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
	});
});

describe.skipIf(onPostgres)('answers kept for visitors without a login', () => {
	let t: TestApp;
	let server: Server;
	let base: string;
	beforeEach(async () => {
		t = await createTestApp();
		({ server, base } = await laneServer(t));
	});
	afterEach(async () => {
		await new Promise((resolve) => server.close(resolve));
		await t.close();
	});

	const german = { 'accept-language': 'de-DE,de;q=0.9', 'accept-encoding': 'gzip' };
	/** Keeps a page as the hook does after rendering it for a request with these headers. */
	async function keepPage(path: string, text: string, headers: Record<string, string> = german) {
		const cache = anonymousCache(sqliteOf(t.app.database));
		const url = new URL(path, t.config.origin);
		const key = cache.key({
			pathname: url.pathname,
			search: url.search,
			localeCookie: undefined,
			acceptLanguage: headers['accept-language'] ?? null,
			acceptEncoding: headers['accept-encoding'] ?? null
		});
		if (!key) throw new Error(`${path} is not kept`);
		await cache.keep(
			key,
			new Response(text, { headers: { 'content-type': 'text/html', 'x-frame-options': 'DENY' } })
		);
	}
	const get = (path: string, headers: Record<string, string> = german) => fetch(base + path, { headers });

	it('gives a kept page again, with its headers, to the same language and coding only', async () => {
		await keepPage('/kitas?gemeinde=werl', '<p>Werl</p>');
		const again = await get('/kitas?gemeinde=werl');
		expect(again.status).toBe(200);
		expect(again.headers.get('x-frame-options')).toBe('DENY');
		expect(await again.text()).toBe('<p>Werl</p>');
		// Another filter, another language, no gzip, a login: rendered anew.
		expect((await get('/kitas?gemeinde=soest')).status).toBe(PASSED_ON);
		expect((await get('/kitas?gemeinde=werl', { ...german, 'accept-language': 'tr' })).status).toBe(
			PASSED_ON
		);
		expect(
			(await get('/kitas?gemeinde=werl', { 'accept-language': 'de', 'accept-encoding': 'identity' })).status
		).toBe(PASSED_ON);
		expect(
			(await get('/kitas?gemeinde=werl', { ...german, cookie: `${sessionCookieName(t.config.origin)}=x` }))
				.status
		).toBe(PASSED_ON);
		// The language chosen on the device counts, not the browser's.
		expect((await get('/kitas?gemeinde=werl', { ...german, cookie: 'kita-portal-locale=ar' })).status).toBe(
			PASSED_ON
		);
	});

	it('lets a kept page go when the public catalogue changes', async () => {
		await keepPage('/', '<p>Start</p>');
		expect((await get('/')).status).toBe(200);
		await t.app.database.db.transaction().execute(async (tx) => {
			const seq = await nextSeq(tx);
			await tx.updateTable('kita_years').set({ seq }).where('id', 'is not', null).execute();
		});
		expect((await get('/')).status).toBe(PASSED_ON);
	});

	it('keeps only the public pages and only an answer that sets no cookie', async () => {
		const cache = anonymousCache(sqliteOf(t.app.database));
		const key = (pathname: string) =>
			cache.key({
				pathname,
				search: '',
				localeCookie: undefined,
				acceptLanguage: null,
				acceptEncoding: null
			});
		for (const path of ['/', '/kitas', '/kitas/abc', '/hilfe', '/api/trpc/auth.me'])
			expect(key(path), path).not.toBeNull();
		for (const path of [
			'/login',
			'/konto',
			'/kitas/__data.json',
			'/kitas/a/b',
			'/api/trpc/sync.pull',
			'/kita'
		])
			expect(key(path), path).toBeNull();
		const withCookie = new Response('x', { headers: { 'set-cookie': 'a=1', 'content-type': 'text/html' } });
		await cache.keep(key('/hilfe') ?? '', withCookie);
		expect(cache.get(key('/hilfe') ?? '')).toBeUndefined();
		await cache.keep(key('/hilfe') ?? '', new Response('gone', { status: 404 }));
		expect(cache.get(key('/hilfe') ?? '')).toBeUndefined();
	});
});

describe('cookieValue', () => {
	it('reads the first value of the cookie as SvelteKit does', () => {
		expect(cookieValue(undefined, 'session')).toBeUndefined();
		expect(cookieValue('a=1; session=abc; session=def', 'session')).toBe('abc');
		expect(cookieValue('xsession=1;session=%61b', 'session')).toBe('ab');
		expect(cookieValue('session="q"', 'session')).toBe('q');
		expect(cookieValue('session=%E0%A4%A', 'session')).toBe('%E0%A4%A');
		expect(cookieValue('other=1', 'session')).toBeUndefined();
	});
});
