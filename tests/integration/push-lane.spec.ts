// sync.push in the fast lane (server/trpc/push-lane.ts): over a real socket, every answer — applied,
// refused by a middleware or the input schema, another user's outbox, a body that is no push — is
// the one the full tRPC path (SvelteKit's endpoint) gives, and what the lane cannot read whole goes
// on to SvelteKit unread.
import { sqliteOf } from '../../server/db/database';
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	createSession,
	sessionCookieName,
	validateSessionToken,
	type AuthSession
} from '../../server/auth/session';
import { securityHeaders } from '../../server/http/security-headers';
import { handleTrpcRequest } from '../../server/trpc/http';
import { sessionPolicy } from '../../src/lib/domain/roles';
import { SCHEMA_VERSION } from '../../src/lib/sync/protocol';
import { guardianArgs } from '../bench/mutations';
import { recordingJar } from './auth-helpers';
import { createUserWithSession } from './fixtures';
import { createTestApp, type TestApp } from './harness';
import { onPostgres } from './postgres-databases';
import { laneServer, openTransaction, PASSED_ON } from './lane-server';

const SINGLE = '/api/trpc/sync.push';
const BATCH = '/api/trpc/sync.push?batch=1';

interface Answer {
	status: number;
	body: unknown;
	headers: Record<string, string | null>;
}

/** The headers the client or a cache reads. */
const COMPARED = ['content-type', 'cache-control', 'vary', 'content-encoding', 'x-frame-options'];

async function answerOf(response: Response): Promise<Answer> {
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// kept as text
	}
	return {
		status: response.status,
		body,
		headers: Object.fromEntries(COMPARED.map((name) => [name, response.headers.get(name)]))
	};
}

describe.skipIf(onPostgres)('sync.push in the fast lane', () => {
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

	async function parent(mfaVerified = true): Promise<{ session: AuthSession; cookie: string }> {
		const user = await createUserWithSession(t.app.database.db, t.clock.now(), 'parent');
		const { token } = await createSession(
			t.app.database.db,
			user.userId,
			'parent',
			t.clock.now(),
			mfaVerified
		);
		const session = await validateSessionToken(t.app.database.db, token, t.clock.now());
		if (!session) throw new Error('no session');
		return { session, cookie: `${sessionCookieName(t.config.origin)}=${token}` };
	}

	function pushBody(session: AuthSession, clientId = crypto.randomUUID(), guardianId = crypto.randomUUID()) {
		return {
			clientId,
			userId: session.userId,
			schemaVersion: SCHEMA_VERSION,
			mutations: [
				{
					id: 1,
					name: 'saveGuardian',
					args: guardianArgs(guardianId, '02922 1234'),
					createdAt: t.clock.now().toISOString()
				}
			]
		};
	}

	const sameSite = { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' };

	/** Through the lane, over the socket. */
	const viaLane = (path: string, body: string, headers: Record<string, string>) =>
		fetch(base + path, { method: 'POST', body, headers: { ...sameSite, ...headers } });

	/** Through the full path, as SvelteKit's endpoint and the hook answer it. */
	async function viaFullPath(
		path: string,
		body: string,
		headers: Record<string, string>,
		session: AuthSession
	): Promise<Answer> {
		const response = await handleTrpcRequest(
			t.app,
			new Request(t.config.origin + path, { method: 'POST', body, headers: { ...sameSite, ...headers } }),
			'127.0.0.1',
			recordingJar(),
			session
		);
		const answer = await answerOf(response);
		for (const [name, value] of Object.entries(securityHeaders(t.config.origin, true)))
			if (COMPARED.includes(name)) answer.headers[name] = value;
		return answer;
	}

	/** The lane takes the request and answers it as the full path does (on a twin of the state). */
	async function expectSameAnswer(
		path: string,
		make: (session: AuthSession) => string,
		headers: Record<string, string> = {},
		account = parent
	): Promise<Answer> {
		const [a, b] = [await account(), await account()];
		const lane = await answerOf(await viaLane(path, make(a.session), { cookie: a.cookie, ...headers }));
		const full = await viaFullPath(path, make(b.session), headers, b.session);
		expect(lane.status).not.toBe(PASSED_ON);
		expect(JSON.stringify(lane)).toBe(JSON.stringify(full));
		return lane;
	}

	it('applies a push once and answers as tRPC does, alone and in a batch', async () => {
		const guardianId = crypto.randomUUID();
		const { session, cookie } = await parent();
		const body = pushBody(session, crypto.randomUUID(), guardianId);
		const response = await viaLane(SINGLE, JSON.stringify(body), { cookie });
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ result: { data: { kind: 'ok', lastMutationId: 1 } } });
		// Sent again (the answer was lost): acknowledged, not applied twice.
		const again = await viaLane(SINGLE, JSON.stringify(body), { cookie });
		expect(await again.json()).toEqual({ result: { data: { kind: 'ok', lastMutationId: 1 } } });
		const guardians = await t.app.database.db
			.selectFrom('guardians')
			.select('phone')
			.where('id', '=', guardianId)
			.execute();
		expect(guardians).toEqual([{ phone: '02922 1234' }]);

		const single = await expectSameAnswer(SINGLE, (s) => JSON.stringify(pushBody(s)));
		expect(single.status).toBe(200);
		const batch = await expectSameAnswer(BATCH, (s) => JSON.stringify({ 0: pushBody(s) }), {
			'accept-encoding': 'gzip'
		});
		expect(batch.body).toEqual([{ result: { data: { kind: 'ok', lastMutationId: 1 } } }]);
	});

	it('refuses as tRPC does: another site, no second factor, bad input, another user’s outbox', async () => {
		const crossSite = await expectSameAnswer(SINGLE, (s) => JSON.stringify(pushBody(s)), {
			'sec-fetch-site': 'cross-site'
		});
		expect(crossSite.status).toBe(403);
		const noSecondFactor = await expectSameAnswer(
			BATCH,
			(s) => JSON.stringify({ 0: pushBody(s) }),
			{},
			() => parent(false)
		);
		expect(noSecondFactor.status).toBe(401);
		const badInput = await expectSameAnswer(SINGLE, (s) =>
			JSON.stringify({ ...pushBody(s), mutations: 'none' })
		);
		expect(badInput.status).toBe(400);
		expect(JSON.stringify(badInput.body)).toContain('zodIssues');
		const othersOutbox = await expectSameAnswer(SINGLE, (s) =>
			JSON.stringify({ ...pushBody(s), userId: crypto.randomUUID() })
		);
		expect(othersOutbox.status).toBe(401);
		// A body that is no push at all: the full path answers it (tRPC's parse error).
		const notJson = await expectSameAnswer(SINGLE, () => '{"clientId":');
		expect(notJson.status).toBe(400);
		const wrongBatch = await expectSameAnswer(BATCH, (s) => JSON.stringify({ 1: pushBody(s) }));
		expect(wrongBatch.status).toBe(400);
	});

	it('applies a client’s push once when it arrives 20 times at once, and the next one after it', async () => {
		const { session, cookie } = await parent();
		const clientId = crypto.randomUUID();
		const guardianId = crypto.randomUUID();
		const first = JSON.stringify(pushBody(session, clientId, guardianId));
		const answers = await Promise.all(
			Array.from({ length: 20 }, () => viaLane(SINGLE, first, { cookie }).then(answerOf))
		);
		for (const answer of answers) {
			expect(answer.status).toBe(200);
			expect(answer.body).toEqual({ result: { data: { kind: 'ok', lastMutationId: 1 } } });
		}
		// The client's second mutation, sent 20 times beside a stray resend of the first.
		const second = JSON.stringify({
			...pushBody(session, clientId, guardianId),
			mutations: [
				{
					id: 2,
					name: 'saveGuardian',
					args: guardianArgs(guardianId, '02921 5678'),
					createdAt: t.clock.now().toISOString()
				}
			]
		});
		const later = await Promise.all([
			viaLane(SINGLE, first, { cookie }).then(answerOf),
			...Array.from({ length: 20 }, () => viaLane(SINGLE, second, { cookie }).then(answerOf))
		]);
		for (const answer of later) expect(answer.status).toBe(200);
		const [clients, guardians] = await Promise.all([
			t.app.database.db
				.selectFrom('sync_clients')
				.select('last_mutation_id')
				.where('client_id', '=', clientId)
				.execute(),
			t.app.database.db.selectFrom('guardians').select('phone').where('id', '=', guardianId).execute()
		]);
		expect(clients).toEqual([{ last_mutation_id: 2 }]);
		expect(guardians).toEqual([{ phone: '02921 5678' }]);
	});

	it('never applies one user’s outbox under another’s client id', async () => {
		const owner = await parent();
		const clientId = crypto.randomUUID();
		await viaLane(SINGLE, JSON.stringify(pushBody(owner.session, clientId)), { cookie: owner.cookie });
		const other = await parent();
		const response = await viaLane(SINGLE, JSON.stringify(pushBody(other.session, clientId)), {
			cookie: other.cookie
		});
		expect(response.status).toBe(403);
		expect(JSON.stringify(await response.json())).toContain('clientOfAnotherUser');
	});

	it('takes a push that arrives during another request’s transaction, once that has ended', async () => {
		const { session, cookie } = await parent();
		const other = await openTransaction(t);
		expect(sqliteOf(t.app.database).inTransaction).toBe(true);
		const answer = viaLane(SINGLE, JSON.stringify(pushBody(session)), { cookie });
		// Still waiting for the connection: nothing applied yet, nothing passed on.
		await new Promise((resolve) => setTimeout(resolve, 50));
		await other.end();
		const response = await answer;
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ result: { data: { kind: 'ok', lastMutationId: 1 } } });
	});

	it('leaves a push to SvelteKit when reading the session fails, and the server stays up', async () => {
		const { session, cookie } = await parent();
		// A database error while the lane peeks at the session (the body is not read yet).
		sqliteOf(t.app.database).exec('ALTER TABLE sessions RENAME TO sessions_away');
		try {
			const response = await viaLane(SINGLE, JSON.stringify(pushBody(session)), { cookie });
			expect(response.status).toBe(PASSED_ON);
		} finally {
			sqliteOf(t.app.database).exec('ALTER TABLE sessions_away RENAME TO sessions');
		}
	});

	it('leaves to SvelteKit, unread, what it cannot take whole', async () => {
		const { session, cookie } = await parent();
		const body = JSON.stringify(pushBody(session));
		const passedOn = async (path: string, headers: Record<string, string>, payload: BodyInit = body) =>
			(
				await fetch(base + path, {
					method: 'POST',
					body: payload,
					headers: { ...sameSite, cookie, ...headers }
				})
			).status;
		// No session; another content type; another call beside it; a body too large.
		expect(await passedOn(SINGLE, { cookie: '' })).toBe(PASSED_ON);
		expect(await passedOn(SINGLE, { 'content-type': 'text/plain' })).toBe(PASSED_ON);
		expect(await passedOn('/api/trpc/sync.push,sync.pull?batch=1', {})).toBe(PASSED_ON);
		expect(
			await passedOn(SINGLE, {}, JSON.stringify({ ...pushBody(session), pad: 'x'.repeat(70_000) }))
		).toBe(PASSED_ON);
		// A body without a length (streamed in chunks).
		const stream = new ReadableStream({
			start(controller) {
				controller.enqueue(new TextEncoder().encode(body));
				controller.close();
			}
		});
		const chunked = await fetch(base + SINGLE, {
			method: 'POST',
			body: stream,
			headers: { ...sameSite, cookie },
			duplex: 'half'
		} as RequestInit);
		expect(chunked.status).toBe(PASSED_ON);
		// A session due to slide, and one that ended: the hook renews or deletes the cookie.
		t.clock.advance(sessionPolicy('parent').lifetimeMs * 0.6);
		expect(await passedOn(SINGLE, {})).toBe(PASSED_ON);
		t.clock.advance(sessionPolicy('parent').lifetimeMs);
		expect(await passedOn(SINGLE, {})).toBe(PASSED_ON);
	});
});
