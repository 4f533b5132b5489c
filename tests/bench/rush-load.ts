// The rush's load generator, its own process (`node --import tsx tests/bench/rush-load.ts spec.json`,
// started by rush.ts) so that client work does not share the server's event loop. Open model: each
// stream starts its arrivals on a fixed schedule whether or not earlier ones were answered. The
// requests are the browser's own (seen in Chromium against the built server): a new visitor opens
// the finder (HTML, auth.me, the catalogue pull in pages) and then a Kita page (HTML, auth.me, a pull
// with the cookie it got); a parent pushes a registration and pulls, as the sync engine does; staff
// pull their queue. Not sent: the poke stream (SSE), which would hold a connection per visitor and
// of which the server allows 10 anonymous ones per address (live-stream.ts). Loopback only.
import { Agent, request, type ClientRequest } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import {
	brotliDecompress,
	brotliDecompressSync,
	constants,
	gunzip,
	gunzipSync,
	inflate,
	inflateSync
} from 'node:zlib';
import type { Day } from '../../src/lib/domain/calendar-day';
import { familyMutations } from './mutations';
import {
	arrivalsDue,
	percentile,
	scheduledAt,
	Tally,
	type Acknowledged,
	type KindSummary,
	type Outcome
} from './rush-stats';

export interface RushUser {
	token: string;
	userId: string;
	clientId: string;
	/** The pull cookie of the device (it has synced before the rush). */
	cookie: string;
	guardianId: string;
}

export interface RushSpec {
	/** http://127.0.0.1:PORT */
	origin: string;
	seconds: number;
	visitorsPerSecond: number;
	parentsPerSecond: number;
	/** Each staff member pulls this often. */
	staffEverySeconds: number;
	timeoutMs: number;
	cookieName: string;
	schemaVersion: number;
	/** Kita pages the visitors open (in turn). */
	kitaIds: string[];
	/** Kitas a registration names (each takes `kitasPerChild` of them, in turn). */
	registrationKitas: string[];
	kitasPerChild: number;
	startDate: Day;
	birthDate: Day;
	parents: RushUser[];
	staff: RushUser[];
	/** Where the acknowledged registrations are written (JSON array of Acknowledged). */
	acknowledgedPath: string;
}

export interface StreamFigures {
	stream: string;
	target: number;
	/** Arrivals the schedule holds (target × seconds) and of them started. */
	scheduled: number;
	started: number;
	/** Arrivals started per second of the run. */
	perSecond: number;
	/** How late the generator started arrivals (ms after their scheduled time). */
	lagP99Ms: number;
	lagMaxMs: number;
	/** Staff only: pulls not started because that member's previous pull had not returned. */
	skipped: number;
}

export interface RushResult {
	seconds: number;
	kinds: KindSummary[];
	streams: StreamFigures[];
	/** Registrations sent, and of them acknowledged. */
	registrationsSent: number;
	registrationsAcknowledged: number;
	/** The most requests in flight at once. */
	maxInFlight: number;
	/** GETs sent again on a new connection after a kept-alive one was reset (as browsers do). */
	retries: number;
	/** The generator's CPU time over the run's wall time (1 = one core busy). */
	cpuShare: number;
}

export const KIND_LABELS = {
	finderHtml: 'visitor: finder HTML (/kitas)',
	visitorMe: 'visitor: auth.me',
	cataloguePull: 'visitor: catalogue pull (per page)',
	kitaHtml: 'visitor: Kita page HTML',
	kitaPull: 'visitor: pull with cookie',
	push: 'parent: push registration',
	parentPull: 'parent: pull after push',
	staffPull: 'staff: pull queue'
} as const;
type Kind = keyof typeof KIND_LABELS;

const decoders: Record<string, (b: Buffer) => Promise<Buffer>> = {
	gzip: promisify(gunzip),
	br: promisify(brotliDecompress),
	deflate: promisify(inflate)
};

interface Answer {
	outcome: Outcome;
	body: Buffer;
	encoding: string | undefined;
}

class Client {
	readonly tally = new Tally();
	inFlight = 0;
	/** GETs sent again after the server closed a kept-alive connection under them. */
	retries = 0;
	maxInFlight = 0;
	private readonly agent = new Agent({
		keepAlive: true,
		// Idle connections close before the server's keep-alive timeout (5 s) can close them under a request.
		timeout: 4_000,
		maxSockets: 2048,
		maxFreeSockets: 512,
		scheduling: 'lifo'
	});
	private readonly url: URL;

	constructor(
		origin: string,
		private readonly timeoutMs: number
	) {
		this.url = new URL(origin);
		if (!['127.0.0.1', 'localhost', '[::1]'].includes(this.url.hostname))
			throw new Error(`not a loopback origin: ${origin}`);
	}

	/** One request; its latency (until the last byte) and outcome go into the tally. */
	send(
		kind: Kind,
		method: 'GET' | 'POST',
		path: string,
		headers: Record<string, string>,
		body?: string,
		keepBody = false
	): Promise<Answer> {
		const started = performance.now();
		this.inFlight += 1;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		return new Promise<Answer>((done) => {
			let settled = false;
			let req: ClientRequest | null = null;
			const finish = (answer: Answer) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				this.inFlight -= 1;
				this.tally.record(KIND_LABELS[kind], performance.now() - started, answer.outcome);
				done(answer);
			};
			const failed = (error: NodeJS.ErrnoException) =>
				finish({
					outcome: `error:${error.code ?? error.message}`,
					body: Buffer.alloc(0),
					encoding: undefined
				});
			const attempt = (first: boolean) => {
				const current = request(
					{
						host: this.url.hostname,
						port: this.url.port,
						method,
						path,
						agent: this.agent,
						headers: body ? { ...headers, 'content-length': String(Buffer.byteLength(body)) } : headers
					},
					(res) => {
						const chunks: Buffer[] = [];
						res.on('data', (chunk: Buffer) => {
							if (keepBody) chunks.push(chunk);
						});
						res.on('end', () =>
							finish({
								outcome: res.statusCode ?? 'error:noStatus',
								body: Buffer.concat(chunks),
								encoding: res.headers['content-encoding']
							})
						);
						res.on('error', failed);
					}
				);
				req = current;
				current.on('error', (error: NodeJS.ErrnoException) => {
					// A kept-alive connection the server closed as the request went out: a browser sends
					// the request again on a new connection (Node's documentation suggests the same).
					if (first && !settled && current.reusedSocket && error.code === 'ECONNRESET' && method === 'GET') {
						this.retries += 1;
						attempt(false);
					} else failed(error);
				});
				current.end(body);
			};
			const timer = setTimeout(() => {
				req?.destroy();
				finish({ outcome: 'timeout', body: Buffer.alloc(0), encoding: undefined });
			}, this.timeoutMs);
			attempt(true);
		});
	}

	close(): void {
		this.agent.destroy();
	}
}

async function text(answer: Answer): Promise<string> {
	const decode = answer.encoding ? decoders[answer.encoding] : undefined;
	return (decode ? await decode(answer.body) : answer.body).toString('utf8');
}

/** The first call's data of a tRPC batch answer. */
function batchData(json: string): Record<string, unknown> | null {
	const parsed = JSON.parse(json) as { result?: { data?: Record<string, unknown> } }[];
	return parsed[0]?.result?.data ?? null;
}

/** The first few KB of an answer's text, decompressing only the start of a compressed body. */
function headText(answer: Answer): string {
	const start = answer.body.subarray(0, 4096);
	try {
		if (answer.encoding === 'gzip')
			return gunzipSync(start, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
		if (answer.encoding === 'deflate')
			return inflateSync(start, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
		if (answer.encoding === 'br')
			return brotliDecompressSync(start, {
				finishFlush: constants.BROTLI_OPERATION_FLUSH
			}).toString('utf8');
		return answer.encoding ? '' : start.toString('utf8');
	} catch {
		return '';
	}
}

interface PullHead {
	kind: string;
	token: string | null;
	cookie: string | null;
}

/**
 * The kind and continuation (page token or cookie) of a pull answer. The catalogue is large: when
 * the answer starts with them (as tRPC serialises the pull's result today), the head of the body is
 * enough and the client spares its CPU for sending; otherwise the whole answer is parsed.
 */
async function pullHead(answer: Answer): Promise<PullHead> {
	const head = headText(answer);
	const patchAt = head.indexOf('"patch":');
	if (head.startsWith('[{"result":{"data":{"kind":"') && patchAt > 0) {
		const before = head.slice(0, patchAt);
		const kind = /^\[\{"result":\{"data":\{"kind":"(\w+)"/.exec(before)?.[1] ?? '';
		const token = /"token":"([^"]+)"/.exec(before)?.[1] ?? null;
		const cookie = /"cookie":"([^"]+)"/.exec(before)?.[1] ?? null;
		if ((kind === 'page' && token) || (kind === 'patch' && cookie)) return { kind, token, cookie };
	}
	const data = batchData(await text(answer));
	return {
		kind: typeof data?.kind === 'string' ? data.kind : 'unknown',
		token: typeof data?.token === 'string' ? data.token : null,
		cookie: typeof data?.cookie === 'string' ? data.cookie : null
	};
}

export async function runRush(spec: RushSpec): Promise<{ result: RushResult; acknowledged: Acknowledged[] }> {
	const client = new Client(spec.origin, spec.timeoutMs);
	const api = {
		accept: '*/*',
		'accept-encoding': 'gzip, deflate, br',
		'accept-language': 'de-DE,de;q=0.9',
		'sec-fetch-site': 'same-origin',
		'x-kita-portal': '1',
		referer: `${spec.origin}/kitas`
	};
	const documentHeaders = {
		accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
		'accept-encoding': 'gzip, deflate, br',
		'accept-language': 'de-DE,de;q=0.9',
		'sec-fetch-site': 'cross-site',
		'sec-fetch-mode': 'navigate',
		'sec-fetch-dest': 'document',
		'upgrade-insecure-requests': '1'
	};
	const pullPath = (input: Record<string, unknown>) =>
		`/api/trpc/sync.pull?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`;
	const withSession = (user: RushUser) => ({ ...api, cookie: `${spec.cookieName}=${user.token}` });

	/** The anonymous device's pull: the first in pages until the cookie; null when one failed. */
	async function anonymousPull(kind: Kind, clientId: string, cookie: string | null): Promise<string | null> {
		let page: string | null = null;
		for (let n = 0; n < 100; n++) {
			const answer = await client.send(
				kind,
				'GET',
				pullPath({ clientId, userId: null, schemaVersion: spec.schemaVersion, cookie, page }),
				api,
				undefined,
				true
			);
			if (answer.outcome !== 200) return null;
			const head = await pullHead(answer);
			if (head.kind === 'page' && head.token) page = head.token;
			else return head.cookie;
		}
		return null;
	}

	async function visitor(index: number): Promise<void> {
		const clientId = crypto.randomUUID();
		// The finder: the document, then (at once, as the app starts) who is logged in and the catalogue.
		await client.send('finderHtml', 'GET', '/kitas', documentHeaders);
		const [, cookie] = await Promise.all([
			client.send('visitorMe', 'GET', '/api/trpc/auth.me', api),
			anonymousPull('cataloguePull', clientId, null)
		]);
		// A Kita page, opened as a page of its own (a new tab), on the same device.
		const kitaId = spec.kitaIds[index % spec.kitaIds.length] ?? '';
		await client.send('kitaHtml', 'GET', `/kitas/${kitaId}`, {
			...documentHeaders,
			'sec-fetch-site': 'same-origin'
		});
		await Promise.all([
			client.send('visitorMe', 'GET', '/api/trpc/auth.me', api),
			cookie === null ? Promise.resolve() : anonymousPull('kitaPull', clientId, cookie)
		]);
	}

	const acknowledged: Acknowledged[] = [];
	let registrationsSent = 0;

	async function parent(index: number): Promise<void> {
		const user = spec.parents[index];
		if (!user) throw new Error(`only ${spec.parents.length} parents were prepared`);
		const n = spec.registrationKitas.length;
		const kitas = Array.from(
			{ length: spec.kitasPerChild },
			(_, k) => spec.registrationKitas[(index * spec.kitasPerChild + k) % n] ?? ''
		);
		const mutations = familyMutations(
			1,
			kitas,
			spec.startDate,
			spec.birthDate,
			new Date().toISOString(),
			user.guardianId
		);
		const child = mutations[1]?.args as { id: string };
		const registration = mutations[2]?.args as { registrationId: string; items: { requestId: string }[] };
		registrationsSent += 1;
		const answer = await client.send(
			'push',
			'POST',
			'/api/trpc/sync.push?batch=1',
			{ ...withSession(user), origin: spec.origin, 'content-type': 'application/json' },
			JSON.stringify({
				0: { clientId: user.clientId, userId: user.userId, schemaVersion: spec.schemaVersion, mutations }
			}),
			true
		);
		if (answer.outcome !== 200) return;
		const data = batchData(await text(answer));
		if (data?.kind !== 'ok' || data.lastMutationId !== mutations.length) return;
		acknowledged.push({
			clientId: user.clientId,
			registrationId: registration.registrationId,
			childId: child.id,
			requestIds: registration.items.map((i) => i.requestId)
		});
		// The engine pulls after a push (acknowledgement, rejections, the new rows).
		await client.send(
			'parentPull',
			'GET',
			pullPath({
				clientId: user.clientId,
				userId: user.userId,
				schemaVersion: spec.schemaVersion,
				cookie: user.cookie,
				page: null
			}),
			withSession(user)
		);
	}

	const staffBusy = new Set<number>();
	const staffCookies = spec.staff.map((s) => s.cookie);
	let staffSkipped = 0;

	async function staffPull(index: number): Promise<void> {
		const member = index % spec.staff.length;
		const user = spec.staff[member];
		// The engine coalesces: no second pull while one is under way.
		if (!user || staffBusy.has(member)) {
			staffSkipped += 1;
			return;
		}
		staffBusy.add(member);
		try {
			const answer = await client.send(
				'staffPull',
				'GET',
				pullPath({
					clientId: user.clientId,
					userId: user.userId,
					schemaVersion: spec.schemaVersion,
					cookie: staffCookies[member],
					page: null
				}),
				withSession(user),
				undefined,
				true
			);
			if (answer.outcome === 200) {
				const cookie = (await pullHead(answer)).cookie;
				if (cookie) staffCookies[member] = cookie;
			}
		} finally {
			staffBusy.delete(member);
		}
	}

	const streams = [
		{ name: 'visitors', perSecond: spec.visitorsPerSecond, arrive: visitor },
		{ name: 'parents', perSecond: spec.parentsPerSecond, arrive: parent },
		{
			name: 'staff pulls',
			perSecond: spec.staff.length ? spec.staff.length / spec.staffEverySeconds : 0,
			arrive: staffPull
		}
	].map((s) => ({ ...s, total: Math.floor(s.perSecond * spec.seconds), started: 0, lags: [] as number[] }));

	const running = new Set<Promise<void>>();
	const cpuBefore = process.cpuUsage();
	const t0 = performance.now();
	const end = t0 + spec.seconds * 1000;
	let nextReport = 10_000;
	await new Promise<void>((done) => {
		const tick = () => {
			const now = performance.now();
			const elapsed = now - t0;
			for (const s of streams) {
				const due = arrivalsDue(elapsed, s.perSecond, s.total);
				for (; s.started < due; s.started++) {
					s.lags.push(elapsed - scheduledAt(s.started, s.perSecond));
					const flow = s.arrive(s.started).catch((error: unknown) => {
						process.stderr.write(
							`[rush] ${s.name}: ${error instanceof Error ? error.message : String(error)}\n`
						);
					});
					running.add(flow);
					void flow.finally(() => running.delete(flow));
				}
			}
			if (elapsed >= nextReport) {
				process.stderr.write(
					`[rush] ${Math.round(elapsed / 1000)} s: ${streams.map((s) => `${s.name} ${s.started}`).join(', ')}; ${client.inFlight} requests in flight\n`
				);
				nextReport += 10_000;
			}
			if (now >= end && streams.every((s) => s.started >= s.total)) return done();
			setTimeout(tick, 1);
		};
		tick();
	});
	const runSeconds = (performance.now() - t0) / 1000;
	process.stderr.write(
		`[rush] arrivals done; waiting for ${running.size} flows (${client.inFlight} requests) …\n`
	);
	await Promise.all(running);
	client.close();
	const cpu = process.cpuUsage(cpuBefore);
	const wallSeconds = (performance.now() - t0) / 1000;
	const result: RushResult = {
		seconds: runSeconds,
		kinds: client.tally.kinds().map((k) => client.tally.summary(k, runSeconds)),
		streams: streams.map((s) => {
			const lags = [...s.lags].sort((a, b) => a - b);
			return {
				stream: s.name,
				target: s.perSecond,
				scheduled: s.total,
				started: s.started,
				perSecond: s.started / runSeconds,
				lagP99Ms: percentile(lags, 99),
				lagMaxMs: lags.at(-1) ?? Number.NaN,
				skipped: s.name === 'staff pulls' ? staffSkipped : 0
			};
		}),
		registrationsSent,
		registrationsAcknowledged: acknowledged.length,
		maxInFlight: client.maxInFlight,
		retries: client.retries,
		cpuShare: (cpu.user + cpu.system) / 1e6 / wallSeconds
	};
	return { result, acknowledged };
}

const specPath = process.argv[2];
if (specPath && import.meta.url === `file://${process.argv[1]}`) {
	const spec = JSON.parse(readFileSync(specPath, 'utf8')) as RushSpec;
	const { result, acknowledged } = await runRush(spec);
	writeFileSync(spec.acknowledgedPath, JSON.stringify(acknowledged));
	process.stdout.write(`${JSON.stringify(result)}\n`);
}
