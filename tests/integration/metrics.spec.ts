// Prometheus metrics (issue 18, point 5) on their own port: request latency per procedure, pushes
// and their mutations' outcomes, rejections, rate-limit hits, the mail queue, job runs — fed by the
// real paths (the fast lane behind the request log, sync.push, the rate limiter, a job round) and
// read over HTTP as Prometheus scrapes them, with the token.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession, sessionCookieName } from '../../server/auth/session';
import { ConfigError, loadConfig } from '../../server/config';
import { startMetricsServer, type MetricsServer } from '../../server/http/metrics-server';
import { withRequestLog } from '../../server/http/request-log';
import { knowProcedures } from '../../server/metrics';
import { consume, limitKey, RateLimitError } from '../../server/services/rate-limit';
import { fastLane } from '../../server/trpc/fast-lane';
import { appRouter } from '../../server/trpc/router';
import { SCHEMA_VERSION } from '../../src/lib/sync/protocol';
import { guardianArgs } from '../bench/mutations';
import { createUserWithSession } from './fixtures';
import { createTestApp, type TestApp } from './harness';

const TOKEN = 'metrics-token-0123456789';

/** The value of one series in the exposition text (0 when absent). */
function valueOf(text: string, series: string): number {
	const line = text.split('\n').find((l) => l.startsWith(`${series} `));
	return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('Prometheus metrics', () => {
	let t: TestApp;
	let metrics: MetricsServer;
	let server: Server;
	let base: string;

	beforeEach(async () => {
		t = await createTestApp();
		t.app.config.metricsPort = 0;
		t.app.config.metricsToken = TOKEN;
		metrics = (await startMetricsServer(t.app))!;
		knowProcedures(Object.keys(appRouter._def.procedures));
		// As in production: the request log (and with it the histogram) around the lane.
		const lane = withRequestLog(fastLane(t.app), null);
		server = createServer((request, response) => {
			const fast = lane(request, response);
			const passOn = () => response.writeHead(599).end();
			if (fast === false) passOn();
			else
				void fast.then((answered) => {
					if (!answered) passOn();
				});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterEach(async () => {
		await new Promise((resolve) => server.close(resolve));
		await metrics.close();
		await t.close();
	});

	const scrape = async () => {
		const response = await fetch(metrics.url, { headers: { authorization: `Bearer ${TOKEN}` } });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
		return response.text();
	};

	it('listens on loopback, refuses a scrape without the token and serves nothing but /metrics', async () => {
		expect(metrics.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
		expect((await fetch(metrics.url)).status).toBe(401);
		expect((await fetch(metrics.url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
		expect((await fetch(metrics.url.replace('/metrics', '/api/health'))).status).toBe(404);
	});

	it('counts requests per procedure, pulls, pushes, mutations, rejections, rate-limit hits, mails and job runs', async () => {
		const before = await scrape();
		const series = {
			pull: 'kita_http_request_duration_seconds_count{route="sync.pull",method="GET",status="2xx"}',
			push: 'kita_http_request_duration_seconds_count{route="sync.push",method="POST",status="2xx"}',
			pushes: 'kita_sync_pushes_total',
			cataloguePulls: 'kita_sync_pulls_total{answer="catalogue"}',
			applied: 'kita_sync_mutations_total{outcome="applied"}',
			rejected: 'kita_sync_mutations_total{outcome="rejected"}',
			unknown: 'kita_sync_rejections_total{code="unknownMutation"}',
			loginIp: 'kita_rate_limit_hits_total{limit="login:ip"}',
			expiry: 'kita_job_runs_total{job="Offer expiry round",outcome="ok"}',
			expiryTime: 'kita_job_duration_seconds_count{job="Offer expiry round"}'
		};

		// The finder's first pull, answered by the lane.
		const input = { clientId: null, userId: null, schemaVersion: SCHEMA_VERSION, cookie: null };
		const pull = await fetch(`${base}/api/trpc/sync.pull?input=${encodeURIComponent(JSON.stringify(input))}`);
		expect(pull.status).toBe(200);

		// A push through the lane: one mutation applied, one refused.
		const session = await createUserWithSession(t.app.database.db, t.clock.now(), 'parent');
		const { token } = await createSession(t.app.database.db, session.userId, 'parent', t.clock.now(), true);
		const at = t.clock.now().toISOString();
		const push = await fetch(`${base}/api/trpc/sync.push`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'sec-fetch-site': 'same-origin',
				cookie: `${sessionCookieName(t.config.origin)}=${token}`
			},
			body: JSON.stringify({
				clientId: crypto.randomUUID(),
				userId: session.userId,
				schemaVersion: SCHEMA_VERSION,
				mutations: [
					{
						id: 1,
						name: 'saveGuardian',
						args: guardianArgs(crypto.randomUUID(), '02922 1234'),
						createdAt: at
					},
					{ id: 2, name: 'noSuchMutation', args: {}, createdAt: at }
				]
			})
		});
		expect(push.status).toBe(200);

		// A rate limit refusing.
		const key = limitKey('login', 'ip', '203.0.113.9');
		await consume(t.app.database.db, key, { max: 1, windowMs: 60_000 }, t.clock.now());
		await expect(
			consume(t.app.database.db, key, { max: 1, windowMs: 60_000 }, t.clock.now())
		).rejects.toThrow(RateLimitError);

		// Two mails waiting, one of them failing.
		for (const [id, error] of [
			['m1', null],
			['m2', 'EENVELOPE']
		] as const)
			await t.app.database.db
				.insertInto('mail_outbox')
				.values({
					id,
					to_address: 'erika@example.org',
					subject: 's',
					text_body: 't',
					html_body: 'h',
					kind: 'test',
					created_at: at,
					next_attempt_at: at,
					last_error: error
				})
				.execute();

		await t.app.offerExpiry.runOnce();

		// The request lines are written when the connection is done with the answer.
		let after = await scrape();
		for (let i = 0; i < 50 && valueOf(after, series.push) === valueOf(before, series.push); i++) {
			await new Promise((resolve) => setTimeout(resolve, 20));
			after = await scrape();
		}
		const delta = (name: keyof typeof series) => valueOf(after, series[name]) - valueOf(before, series[name]);
		expect(delta('pull')).toBe(1);
		expect(delta('push')).toBe(1);
		expect(delta('pushes')).toBe(1);
		expect(delta('cataloguePulls')).toBe(1);
		expect(delta('applied')).toBe(1);
		expect(delta('rejected')).toBe(1);
		expect(delta('unknown')).toBe(1);
		expect(delta('loginIp')).toBe(1);
		expect(delta('expiry')).toBe(1);
		expect(delta('expiryTime')).toBe(1);
		expect(valueOf(after, 'kita_mail_outbox_pending')).toBeGreaterThanOrEqual(2);
		expect(valueOf(after, 'kita_mail_outbox_failing')).toBe(1);
		// Process figures come along (memory, CPU, event-loop lag) — and no personal data does.
		expect(after).toContain('kita_process_resident_memory_bytes');
		expect(after).not.toContain('@');
		expect(after).not.toContain('203.0.113.9');
	});
});

describe('metrics settings', () => {
	it('are off without METRICS_PORT and on loopback by default', () => {
		expect(loadConfig({}).metricsPort).toBeNull();
		expect(loadConfig({ METRICS_PORT: '9464' })).toMatchObject({
			metricsPort: 9464,
			metricsHost: '127.0.0.1'
		});
	});

	it('refuse a port open beyond this machine without a token, a short token and a bad port', () => {
		expect(() => loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' })).toThrow(ConfigError);
		expect(() => loadConfig({ METRICS_PORT: '9464', METRICS_TOKEN: 'short' })).toThrow(ConfigError);
		expect(() => loadConfig({ METRICS_PORT: 'http' })).toThrow(ConfigError);
		expect(
			loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: TOKEN }).metricsToken
		).toBe(TOKEN);
	});
});
