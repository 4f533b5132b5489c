// The load generator, run as its own process (`tsx tests/bench/load.ts spec.json`) so that client
// work does not share the server's event loop. Loopback only: the spec's URL is checked.
import { readFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import autocannon, { type RawRequest, type RequestSpec } from 'autocannon';
import { SCHEMA_VERSION } from '../../src/lib/sync/version';
import { guardianArgs } from './mutations';

export type LoadKind = 'pull' | 'push' | 'finder';

export interface LoadUser {
	token: string;
	userId: string;
	clientId: string;
	cookie: string;
	guardianId: string;
}

export interface LoadSpec {
	url: string;
	origin: string;
	kind: LoadKind;
	connections: number;
	durationSeconds: number;
	users: LoadUser[];
}

export interface LoadResult {
	kind: LoadKind;
	connections: number;
	requestsPerSecond: number;
	p50Ms: number;
	p99Ms: number;
	errors: number;
	total: number;
}

/** A push client: its own clientId and the last mutation id the server acknowledged. */
interface PushClient {
	user: LoadUser;
	clientId: string;
	last: number;
}

function pullPath(input: unknown): string {
	return `/api/trpc/sync.pull?input=${encodeURIComponent(JSON.stringify(input))}`;
}

/** What a browser's fetch sends along (the portal negotiates the coding by it). */
const BROWSER_ENCODINGS = 'gzip, deflate, br';

const userPullPath = (user: LoadUser) =>
	pullPath({
		clientId: user.clientId,
		userId: user.userId,
		schemaVersion: SCHEMA_VERSION,
		cookie: user.cookie
	});

const finderPath = pullPath({ clientId: null, userId: null, schemaVersion: SCHEMA_VERSION, cookie: null });

/** A GET over a fresh connection, the body as sent (not decoded). */
function rawGet(
	url: string,
	path: string,
	headers: Record<string, string>
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
	return new Promise((done, fail) => {
		const request = httpGet(new URL(path, url), { headers, agent: false }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => {
				const out: Record<string, string> = {};
				for (const [name, value] of Object.entries(response.headers))
					if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
				done({ status: response.statusCode ?? 0, headers: out, body: Buffer.concat(chunks) });
			});
			response.on('error', fail);
		});
		request.on('error', fail);
	});
}

/**
 * Brings every user's cookie up to the server's current seq (its start may have written), so that
 * the `pull` load is what it says: devices with nothing new to fetch.
 */
export async function refreshCookies(url: string, origin: string, users: LoadUser[]): Promise<void> {
	for (const user of users) {
		const answer = await rawGet(url, userPullPath(user), {
			origin,
			accept: 'application/json',
			cookie: `session=${user.token}`
		});
		const data = (JSON.parse(answer.body.toString('utf8')) as { result?: { data?: { cookie?: string } } })
			.result?.data;
		if (answer.status !== 200 || !data?.cookie) throw new Error(`cookie refresh: ${answer.status}`);
		user.cookie = data.cookie;
	}
}

/** The answer the load's first request gets: the bytes the static twin sends back (reads only). */
export function sampleAnswer(spec: LoadSpec) {
	const common = { origin: spec.origin, accept: 'application/json', 'accept-encoding': BROWSER_ENCODINGS };
	const user = spec.users[0];
	if (spec.kind === 'finder') return rawGet(spec.url, finderPath, common);
	if (spec.kind === 'pull' && user)
		return rawGet(spec.url, userPullPath(user), { ...common, cookie: `session=${user.token}` });
	throw new Error(`no sample for ${spec.kind}`);
}

function requestsFor(spec: LoadSpec): RequestSpec[] {
	const common = { origin: spec.origin, accept: 'application/json', 'accept-encoding': BROWSER_ENCODINGS };
	let turn = 0;
	const nextUser = (): LoadUser => {
		const user = spec.users[turn++ % spec.users.length];
		if (!user) throw new Error('no users in the load spec');
		return user;
	};
	if (spec.kind === 'finder') return [{ method: 'GET', path: finderPath, headers: common }];
	if (spec.kind === 'pull')
		return [
			{
				method: 'GET',
				setupRequest(request: RawRequest): RawRequest {
					const user = nextUser();
					return {
						...request,
						path: userPullPath(user),
						headers: { ...common, cookie: `session=${user.token}` }
					};
				}
			}
		];
	// push: one saveGuardian per request, each connection borrowing a client from the pool so that
	// mutation ids stay consecutive per clientId (Replicache's rule) whatever the interleaving.
	const idle: PushClient[] = [];
	return [
		{
			method: 'POST',
			setupRequest(request, context) {
				const client = idle.pop() ?? { user: nextUser(), clientId: crypto.randomUUID(), last: 0 };
				context.client = client;
				const id = client.last + 1;
				const body = JSON.stringify({
					clientId: client.clientId,
					userId: client.user.userId,
					schemaVersion: SCHEMA_VERSION,
					mutations: [
						{
							id,
							name: 'saveGuardian',
							args: guardianArgs(client.user.guardianId, `02922 ${String(id).padStart(6, '0')}`),
							createdAt: new Date().toISOString()
						}
					]
				});
				return {
					...request,
					path: '/api/trpc/sync.push',
					body,
					headers: { ...common, 'content-type': 'application/json', cookie: `session=${client.user.token}` }
				};
			},
			onResponse(status, body, context) {
				const client = context.client as PushClient | undefined;
				if (!client) return;
				if (status === 200) {
					const parsed = JSON.parse(body) as { result?: { data?: { lastMutationId?: number } } };
					client.last = parsed.result?.data?.lastMutationId ?? client.last;
					idle.push(client);
				}
			}
		}
	];
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
	const host = new URL(spec.url).hostname;
	if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) throw new Error(`not a loopback URL: ${spec.url}`);
	const result = await autocannon({
		url: spec.url,
		connections: spec.connections,
		duration: spec.durationSeconds,
		pipelining: 1,
		timeout: 10,
		requests: requestsFor(spec)
	});
	return {
		kind: spec.kind,
		connections: spec.connections,
		requestsPerSecond: result.requests.average,
		p50Ms: result.latency.p50,
		p99Ms: result.latency.p99,
		errors: result.errors + result.timeouts + result.non2xx,
		total: result['2xx'] + result.non2xx
	};
}

const specPath = process.argv[2];
if (specPath && import.meta.url === `file://${process.argv[1]}`) {
	const spec = JSON.parse(readFileSync(specPath, 'utf8')) as LoadSpec;
	process.stdout.write(`${JSON.stringify(await runLoad(spec))}\n`);
}
