// Prometheus metrics (prom-client), served by http/metrics-server.ts on METRICS_PORT only. Labels
// are bounded sets — procedure names the router knows, job names, refusal codes, limit scopes —
// never anything a client chooses freely (each label value is a time series kept in memory).
// Counting costs little when nobody scrapes; the request histogram is fed only while the metrics
// server runs (`metricsOn`), so a portal without METRICS_PORT pays nothing on its hot paths.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from './db/database';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'kita_' });

let on = false;
/** Whether the request histogram is fed (the metrics server runs). */
export function metricsOn(): boolean {
	return on;
}

const requestDuration = new Histogram({
	name: 'kita_http_request_duration_seconds',
	help: 'HTTP requests by route (tRPC: the procedure; else page, asset, api or other), method and status class',
	labelNames: ['route', 'method', 'status'] as const,
	buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
	registers: [registry]
});

export const pushes = new Counter({
	name: 'kita_sync_pushes_total',
	help: 'sync.push calls that reached the push (any transport)',
	registers: [registry]
});

export const pulls = new Counter({
	name: 'kita_sync_pulls_total',
	help: "sync.pull answers: catalogue (a visitor's first pull, from memory), unchanged (nothing new, fast lane), patch (changes or a reset), page (of a first sync)",
	labelNames: ['answer'] as const,
	registers: [registry]
});

export const mutations = new Counter({
	name: 'kita_sync_mutations_total',
	help: 'Pushed mutations by outcome: applied, rejected (refused and recorded for the client), raced',
	labelNames: ['outcome'] as const,
	registers: [registry]
});

export const rejections = new Counter({
	name: 'kita_sync_rejections_total',
	help: 'Pushed mutations refused, by refusal code',
	labelNames: ['code'] as const,
	registers: [registry]
});

export const rateLimitHits = new Counter({
	name: 'kita_rate_limit_hits_total',
	help: 'Requests refused by a rate limit, by limit (e.g. login:ip, signup:addr, poke:streams)',
	labelNames: ['limit'] as const,
	registers: [registry]
});

export const mailFailures = new Counter({
	name: 'kita_mail_send_failures_total',
	help: 'Failed attempts to hand a mail to the SMTP server',
	registers: [registry]
});

export const jobRuns = new Counter({
	name: 'kita_job_runs_total',
	help: 'Background job rounds by job and outcome (ok, skipped: another node ran it, failed)',
	labelNames: ['job', 'outcome'] as const,
	registers: [registry]
});

export const jobDuration = new Histogram({
	name: 'kita_job_duration_seconds',
	help: 'Background job rounds by job',
	labelNames: ['job'] as const,
	buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
	registers: [registry]
});

let outboxDb: Db | null = null;

// Registered by construction; read by the registry at each scrape.
new Gauge({
	name: 'kita_mail_outbox_pending',
	help: 'Mails waiting in the outbox (not sent yet), read at each scrape',
	registers: [registry],
	async collect() {
		if (!outboxDb) return;
		const row = await outboxDb
			.selectFrom('mail_outbox')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('sent_at', 'is', null)
			.executeTakeFirst();
		this.set(Number(row?.n ?? 0));
	}
});

new Gauge({
	name: 'kita_mail_outbox_failing',
	help: 'Mails in the outbox whose last attempt failed, read at each scrape',
	registers: [registry],
	async collect() {
		if (!outboxDb) return;
		const row = await outboxDb
			.selectFrom('mail_outbox')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('sent_at', 'is', null)
			.where('last_error', 'is not', null)
			.executeTakeFirst();
		this.set(Number(row?.n ?? 0));
	}
});

/** Starts feeding the request histogram and reading the outbox from `db` (the metrics server calls it). */
export function enableMetrics(db: Db): void {
	on = true;
	outboxDb = db;
}

export function disableMetrics(): void {
	on = false;
	outboxDb = null;
}

let procedures: ReadonlySet<string> = new Set();

/** The router's procedure names, the only tRPC routes that get a label of their own. */
export function knowProcedures(names: Iterable<string>): void {
	procedures = new Set(names);
}

const TRPC = '/api/trpc/';

/** The route label: a known procedure, `trpc-batch`, `trpc-other`, `asset`, `api` or `page`. */
export function routeLabel(route: string): string {
	if (route.startsWith(TRPC)) {
		const names = route.slice(TRPC.length);
		if (procedures.has(names)) return names;
		return names.includes(',') ? 'trpc-batch' : 'trpc-other';
	}
	if (route.startsWith('/_app/') || route.startsWith('/icons/') || route.endsWith('.js')) return 'asset';
	if (route.startsWith('/api/')) return 'api';
	return 'page';
}

const STATUS = ['1xx', '2xx', '3xx', '4xx', '5xx'];
const children = new Map<string, ReturnType<typeof requestDuration.labels>>();

/** One answered request (called by http/request-log.ts on the response's close). */
export function observeRequest(
	route: string,
	method: string | undefined,
	status: number,
	seconds: number
): void {
	const label = routeLabel(route);
	const verb = method === 'GET' || method === 'POST' || method === 'HEAD' ? method : 'other';
	const statusClass = STATUS[Math.floor(status / 100) - 1] ?? 'other';
	const key = `${label} ${verb} ${statusClass}`;
	let child = children.get(key);
	if (!child) {
		child = requestDuration.labels(label, verb, statusClass);
		children.set(key, child);
	}
	child.observe(seconds);
}
