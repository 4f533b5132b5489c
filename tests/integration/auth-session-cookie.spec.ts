// The session cookie follows the server session: when a parent's sliding session is extended on
// any request (here a sync pull over /api/trpc, through the SvelteKit hook), the cookie is set again
// with the new expiry; office sessions keep the end they got at login.
import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSessionToken, createSession, hashToken } from '../../server/auth/session';
import { setApp } from '../../server/app';
import { DEMO_ACCOUNTS } from '../../server/demo/accounts';
import { handleTrpcRequest } from '../../server/trpc/http';
import { SCHEMA_VERSION } from '../../src/lib/sync/protocol';
import type { UserId } from '../../src/lib/domain/ids';
import { handle } from '../../src/hooks.server';
import { loginJar, recordingJar, signUpAndConfirm, type RecordedCookie } from './auth-helpers';
import { createTestApp, type TestApp } from './harness';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;
const PASSWORD = 'ein langes Passwort';

/** A query through the hook to the tRPC endpoint, as SvelteKit routes /api/trpc. */
async function throughHook(
	t: TestApp,
	jar: ReturnType<typeof recordingJar>,
	path: string,
	input?: unknown
): Promise<Response> {
	const url = new URL(`/api/trpc/${path}`, t.config.origin);
	if (input !== undefined) url.searchParams.set('input', JSON.stringify(input));
	const request = new Request(url, { headers: { 'sec-fetch-site': 'same-origin' } });
	const event = {
		request,
		url,
		cookies: jar,
		locals: {},
		getClientAddress: () => '127.0.0.1'
	} as unknown as RequestEvent;
	// As the endpoint does: the hook's session goes on to the tRPC context.
	return handle({
		event,
		resolve: (e) => handleTrpcRequest(t.app, e.request, e.getClientAddress(), e.cookies, e.locals.session)
	});
}

const pull = { clientId: null, userId: null, schemaVersion: SCHEMA_VERSION, cookie: null };

describe('session cookie renewal', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
		setApp(t.app);
	});
	afterEach(async () => {
		setApp(null);
		await t.close();
	});

	async function storedExpiry(token: string): Promise<string | undefined> {
		const row = await t.app.database.db
			.selectFrom('sessions')
			.select('expires_at')
			.where('id', '=', hashToken(token))
			.executeTakeFirst();
		return row?.expires_at;
	}

	it("sets the cookie again when a parent's session slides on a sync, and the browser keeps it", async () => {
		await signUpAndConfirm(t, 'anna@example.org', PASSWORD);
		const { jar } = await loginJar(t, 'anna@example.org', PASSWORD);
		const token = jar.get('session') ?? '';
		expect(jar.cookies.get('session')?.options.expires).toEqual(new Date(t.clock.now().getTime() + 30 * DAY));

		// Within the first half of the lifetime nothing slides and nothing is written.
		t.clock.advance(10 * DAY);
		const calm = jar.cookies.get('session');
		expect((await throughHook(t, jar, 'sync.pull', pull)).status).toBe(200);
		expect(jar.cookies.get('session')).toBe(calm);

		// Later (less than half the lifetime left) the server extends it: the cookie follows, same token.
		for (let i = 0; i < 3; i++) {
			t.clock.advance(16 * DAY);
			expect((await throughHook(t, jar, 'sync.pull', pull)).status, `after sync ${i + 1}`).toBe(200);
			const renewed = new Date(t.clock.now().getTime() + 30 * DAY);
			expect(jar.cookies.get('session')).toMatchObject({
				value: token,
				options: { expires: renewed, httpOnly: true, path: '/', sameSite: 'lax' }
			});
			expect(await storedExpiry(token)).toBe(renewed.toISOString());
		}
		// 87 days after login, 29 days after the last use: still logged in.
		t.clock.advance(29 * DAY);
		const info = await throughHook(t, jar, 'auth.sessionInfo');
		expect(info.status).toBe(200);
	});

	it('leaves the cookie of an office session alone: 12 hours from login, never sliding', async () => {
		const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin');
		if (!admin) throw new Error('demo admin missing');
		const jar = recordingJar();
		const userId = (
			await t.app.database.db
				.selectFrom('users')
				.select('id')
				.where('email', '=', admin.email)
				.executeTakeFirstOrThrow()
		).id as UserId;
		const { token, expiresAt } = await createSession(t.app.database.db, userId, 'admin', t.clock.now(), true);
		const set: RecordedCookie = { value: token, options: { expires: expiresAt } };
		jar.cookies.set('session', set);
		for (let h = 0; h < 11; h++) {
			t.clock.advance(HOUR);
			expect((await throughHook(t, jar, 'auth.sessionInfo')).status).toBe(200);
			expect(jar.cookies.get('session')).toBe(set);
			expect(await storedExpiry(token)).toBe(expiresAt.toISOString());
		}
		t.clock.advance(HOUR);
		expect((await throughHook(t, jar, 'auth.sessionInfo')).status).toBe(401);
		expect(jar.cookies.get('session')).toBe(set);
	});

	it('does not slide a login still waiting for its second factor', async () => {
		await signUpAndConfirm(t, 'anna@example.org', PASSWORD);
		const user = await t.app.database.db
			.selectFrom('users')
			.select('id')
			.where('email', '=', 'anna@example.org')
			.executeTakeFirstOrThrow();
		const { token } = await createSession(
			t.app.database.db,
			user.id as UserId,
			'parent',
			t.clock.now(),
			false
		);
		const pendingEnd = new Date(t.clock.now().getTime() + 30 * 60_000).toISOString();
		await t.app.database.db
			.updateTable('sessions')
			.set({ expires_at: pendingEnd })
			.where('id', '=', hashToken(token))
			.execute();
		t.clock.advance(10 * 60_000);
		expect(await checkSessionToken(t.app.database.db, token, t.clock.now())).toMatchObject({
			extended: false,
			session: { mfaVerified: false, expiresAt: new Date(pendingEnd) }
		});
		expect(await storedExpiry(token)).toBe(pendingEnd);
	});
});
