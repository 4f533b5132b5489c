// The server's log has no personal data (issue 18, point 5): requests that carry it — a login, a
// failed login with someone's e-mail address, a push with a family's names and phone number, a
// link with a token in its query — are driven over a real socket through the fast lane and the
// tRPC endpoint, and every captured log line is searched for them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApp } from '../../server/app';
import { sessionCookieName } from '../../server/auth/session';
import { DEMO_ACCOUNTS } from '../../server/demo/accounts';
import { withRequestLog } from '../../server/http/request-log';
import { captureLog } from '../../server/log';
import { fastLane } from '../../server/trpc/fast-lane';
import { handleTrpcRequest } from '../../server/trpc/http';
import { SCHEMA_VERSION } from '../../src/lib/sync/protocol';
import { familyMutations } from '../bench/mutations';
import { recordingJar } from './auth-helpers';
import { createTestApp, type TestApp } from './harness';

const parent = DEMO_ACCOUNTS.find((account) => account.role === 'parent')!;
const STRANGER = 'max.mustermann@example.org';
const LINK_TOKEN = 'Zq7xK2pW9vLmN4rT8sYb';

describe('the request log', () => {
	let t: TestApp;
	let server: Server;
	let base: string;
	let capture: ReturnType<typeof captureLog>;
	/** The cookies the full path set, by name (a browser would get them as Set-Cookie). */
	const jar = recordingJar();

	beforeEach(async () => {
		t = await createTestApp();
		setApp(t.app);
		capture = captureLog();
		const lane = fastLane(t.app);
		// As server/cli/start.js: the lane (with the log around it) first, then the full path — here
		// the tRPC endpoint without SvelteKit's routing, and 404 for everything else.
		const handler = withRequestLog((request, response) => {
			const fast = lane(request, response);
			const fullPath = async () => {
				if (!request.url?.startsWith('/api/trpc/')) {
					response.writeHead(404).end();
					return;
				}
				const chunks: Buffer[] = [];
				for await (const chunk of request) chunks.push(chunk as Buffer);
				const headers = new Headers();
				for (const [name, value] of Object.entries(request.headers))
					if (typeof value === 'string') headers.set(name, value);
				const answer = await handleTrpcRequest(
					t.app,
					new Request(t.config.origin + request.url, {
						method: request.method,
						headers,
						body: request.method === 'POST' ? Buffer.concat(chunks) : undefined
					}),
					request.socket.remoteAddress ?? '',
					jar
				);
				response.writeHead(answer.status, Object.fromEntries(answer.headers));
				response.end(Buffer.from(await answer.arrayBuffer()));
			};
			if (fast === false) void fullPath();
			else
				void fast.then((answered) => {
					if (!answered) void fullPath();
				});
		}, null);
		server = createServer(handler);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterEach(async () => {
		capture.stop();
		await new Promise((resolve) => server.close(resolve));
		setApp(null);
		await t.close();
	});

	const sameSite = { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' };

	async function requestLines(count: number): Promise<Record<string, unknown>[]> {
		// Each line is written when the connection is done with its request, just after the answer.
		for (let i = 0; i < 100 && capture.lines.filter((l) => l.msg === 'request').length < count; i++)
			await new Promise((resolve) => setTimeout(resolve, 20));
		return capture.lines.filter((line) => line.msg === 'request');
	}

	it('logs each request with an id, method, route, status and duration — and no personal data', async () => {
		const login = await fetch(`${base}/api/trpc/auth.login`, {
			method: 'POST',
			headers: sameSite,
			body: JSON.stringify({ email: parent.email, password: parent.password })
		});
		expect(login.status).toBe(200);
		const token = jar.cookies.get(sessionCookieName(t.config.origin))?.value;
		expect(token).toBeTruthy();
		const cookie = `${sessionCookieName(t.config.origin)}=${token}`;

		const failed = await fetch(`${base}/api/trpc/auth.login`, {
			method: 'POST',
			headers: sameSite,
			body: JSON.stringify({ email: STRANGER, password: 'Passwort von Max' })
		});
		expect(failed.status).toBe(401);

		const kitas = (await t.app.database.db.selectFrom('facilities').select('id').limit(2).execute()).map(
			(row) => row.id
		);
		const me = (await t.app.database.db
			.selectFrom('users')
			.select('id')
			.where('email', '=', parent.email)
			.executeTakeFirstOrThrow()) as { id: string };
		const at = t.clock.now().toISOString();
		const push = await fetch(`${base}/api/trpc/sync.push?batch=1`, {
			method: 'POST',
			headers: { ...sameSite, cookie },
			body: JSON.stringify({
				0: {
					clientId: crypto.randomUUID(),
					userId: me.id,
					schemaVersion: SCHEMA_VERSION,
					mutations: familyMutations(1, kitas, '2027-08-01', '2025-03-14', at)
				}
			})
		});
		expect(push.status).toBe(200);
		const pushed = JSON.stringify(await push.json());
		expect(pushed).not.toContain('"error"');

		const link = await fetch(
			`${base}/konto/bestaetigen?token=${LINK_TOKEN}&email=${encodeURIComponent(STRANGER)}`
		);
		expect(link.status).toBe(404);

		const lines = await requestLines(4);
		expect(lines.map((line) => [line.method, line.route, line.status])).toEqual([
			['POST', '/api/trpc/auth.login', 200],
			['POST', '/api/trpc/auth.login', 401],
			['POST', '/api/trpc/sync.push', 200],
			['GET', '/konto/bestaetigen', 404]
		]);
		for (const line of lines) {
			expect(line.req).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
			expect(line.ms).toBeTypeOf('number');
			expect(line.level).toBe('info');
		}
		expect(new Set(lines.map((line) => line.req)).size).toBe(4);

		const text = capture.raw.join('');
		const secrets = [
			parent.email,
			parent.password,
			STRANGER,
			'Passwort von Max',
			token!,
			LINK_TOKEN,
			// the family of the push (tests/bench/mutations.ts) and the demo accounts' names
			'Erika',
			'Muster',
			'Mia',
			'Hauptstraße',
			'02922',
			...DEMO_ACCOUNTS.flatMap((account) => [account.firstName, `${account.firstName} ${account.lastName}`])
		];
		for (const secret of secrets) expect(text, secret).not.toContain(secret);
		// No e-mail address, no phone number in the usual German forms (0 2922 1234, 02922/1234, +49 …).
		expect(text).not.toMatch(/@|\b0\d{2,5}[ /]\d{3,}|\+49/);
	});

	it('keeps the procedure names of a batch and drops ids from page routes', async () => {
		await fetch(
			`${base}/api/trpc/auth.me,sync.pull?batch=1&input=${encodeURIComponent('{"0":{"x":"Erika"}}')}`
		);
		await fetch(`${base}/kitas/0b7c2a4e-9f1d-4c55-8a8e-2f3b1c9d7e61`);
		const lines = await requestLines(2);
		expect(lines.map((line) => line.route)).toEqual(['/api/trpc/auth.me,sync.pull', '/kitas/:id']);
	});
});
