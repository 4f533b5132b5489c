// Behind a reverse proxy (issue 18, point 6): the client address — the key of the per-address rate
// limits — comes from X-Forwarded-For only when the connecting peer is a proxy named in TRUST_PROXY;
// anyone else's header is ignored. Driven through the tRPC endpoint as SvelteKit calls it, and
// through the push lane with node's request objects.
import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApp } from '../../server/app';
import { ConfigError, loadConfig } from '../../server/config';
import { parseTrustProxy } from '../../server/http/client-address';
import { limitKey } from '../../server/services/rate-limit';
import { handleTrpcRequest } from '../../server/trpc/http';
import { memoryCookieJar } from '../../server/trpc/context';
import { DEMO_ACCOUNTS } from '../../server/demo/accounts';
import { handle } from '../../src/hooks.server';
import { recordingJar } from './auth-helpers';
import { createTestApp, type TestApp } from './harness';

/** A failed login as the browser sends it, from `peer` (the socket) with the given X-Forwarded-For. */
async function failedLogin(t: TestApp, peer: string, forwardedFor?: string): Promise<number> {
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		'sec-fetch-site': 'same-origin',
		origin: t.config.origin
	};
	if (forwardedFor !== undefined) headers['x-forwarded-for'] = forwardedFor;
	const request = new Request(`${t.config.origin}/api/trpc/auth.login`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ email: 'niemand@example.org', password: 'falsches Passwort' })
	});
	const response = await handleTrpcRequest(t.app, request, peer, memoryCookieJar(), null);
	return response.status;
}

async function loginKeys(t: TestApp): Promise<string[]> {
	const rows = await t.app.database.db
		.selectFrom('rate_limits')
		.select('key')
		.where('key', 'like', 'login:ip:%')
		.execute();
	return rows.map((row) => row.key).sort();
}

const ipKey = (address: string) => limitKey('login', 'ip', address);

describe('TRUST_PROXY and the rate-limit key', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp({ demoData: false });
		setApp(t.app);
	});
	afterEach(async () => {
		setApp(null);
		await t.close();
	});

	it('without TRUST_PROXY a spoofed X-Forwarded-For does not change the key: it is the socket address', async () => {
		expect(await failedLogin(t, '203.0.113.9', '198.51.100.1')).toBe(401);
		expect(await failedLogin(t, '203.0.113.9', '198.51.100.2')).toBe(401);
		expect(await loginKeys(t)).toEqual([ipKey('203.0.113.9')]);
	});

	it('with TRUST_PROXY, a peer that is not the proxy still cannot choose its key', async () => {
		t.app.config.trustProxy = parseTrustProxy('loopback');
		expect(await failedLogin(t, '203.0.113.9', '198.51.100.1')).toBe(401);
		expect(await loginKeys(t)).toEqual([ipKey('203.0.113.9')]);
	});

	it('through the trusted proxy each client has its own key: the rightmost hop the proxy added', async () => {
		t.app.config.trustProxy = parseTrustProxy('loopback');
		// The second client wrote an X-Forwarded-For of its own; the proxy appended the real address.
		expect(await failedLogin(t, '127.0.0.1', '198.51.100.1')).toBe(401);
		expect(await failedLogin(t, '127.0.0.1', '6.6.6.6, 198.51.100.2')).toBe(401);
		expect(await loginKeys(t)).toEqual([ipKey('198.51.100.1'), ipKey('198.51.100.2')].sort());
	});
});

describe('TRUST_PROXY in the configuration', () => {
	it('is read from the environment; unset trusts nobody', () => {
		expect(loadConfig({}).trustProxy).toBeNull();
		expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy?.entries).toEqual([
			'loopback',
			'10.0.0.0/8'
		]);
	});

	it('refuses to start with an entry it cannot read', () => {
		expect(() => loadConfig({ TRUST_PROXY: 'proxy.example.org' })).toThrow(ConfigError);
	});

	it("refuses adapter-node's ADDRESS_HEADER, which believes the header from any peer", () => {
		expect(() => loadConfig({ ADDRESS_HEADER: 'x-forwarded-for' })).toThrow(/TRUST_PROXY/);
	});
});

describe('Secure cookie and HSTS follow the public ORIGIN (a TLS-terminating proxy speaks http to us)', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp({ demoData: true });
		setApp(t.app);
	});
	afterEach(async () => {
		setApp(null);
		await t.close();
	});

	/** A request as the proxy forwards it: plain http to the node, whatever the browser used. */
	async function throughHook(): Promise<Response> {
		const url = new URL('http://127.0.0.1:3000/api/health');
		const event = {
			request: new Request(url, { headers: { 'x-forwarded-for': '198.51.100.1' } }),
			url,
			cookies: memoryCookieJar(),
			locals: {},
			getClientAddress: () => '127.0.0.1'
		} as unknown as RequestEvent;
		return handle({ event, resolve: () => new Response('{"status":"ok"}') });
	}

	it('https ORIGIN: HSTS on the answers and a Secure __Host- cookie at login', async () => {
		t.app.config.origin = 'https://kita.kreis-soest.example';
		expect((await throughHook()).headers.get('strict-transport-security')).toBe(
			'max-age=31536000; includeSubDomains'
		);
		const cookies = recordingJar();
		const account = DEMO_ACCOUNTS.find((a) => a.role === 'parent');
		await t.caller({ cookies }).auth.login({ email: account!.email, password: account!.password });
		const [name, cookie] = [...cookies.cookies][0] ?? [];
		expect(name).toBe('__Host-session');
		expect(cookie?.options).toMatchObject({ secure: true, httpOnly: true, path: '/' });
	});

	it('http ORIGIN: neither HSTS nor the Secure flag (a browser would drop a Secure cookie over http)', async () => {
		t.app.config.origin = 'http://localhost:3000';
		expect((await throughHook()).headers.has('strict-transport-security')).toBe(false);
		const cookies = recordingJar();
		const account = DEMO_ACCOUNTS.find((a) => a.role === 'parent');
		await t.caller({ cookies }).auth.login({ email: account!.email, password: account!.password });
		const [name, cookie] = [...cookies.cookies][0] ?? [];
		expect(name).toBe('session');
		expect(cookie?.options).toMatchObject({ secure: false });
	});
});
