// The load generator, run as its own process (`tsx tests/bench/load.ts spec.json`) so that client
// work does not share the server's event loop. Loopback only: the spec's URL is checked.
import { readFileSync } from 'node:fs';
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

function requestsFor(spec: LoadSpec): RequestSpec[] {
	const common = { origin: spec.origin, accept: 'application/json' };
	let turn = 0;
	const nextUser = (): LoadUser => {
		const user = spec.users[turn++ % spec.users.length];
		if (!user) throw new Error('no users in the load spec');
		return user;
	};
	if (spec.kind === 'finder')
		return [
			{
				method: 'GET',
				path: pullPath({ clientId: null, userId: null, schemaVersion: SCHEMA_VERSION, cookie: null }),
				headers: common
			}
		];
	if (spec.kind === 'pull')
		return [
			{
				method: 'GET',
				setupRequest(request: RawRequest): RawRequest {
					const user = nextUser();
					return {
						...request,
						path: pullPath({
							clientId: user.clientId,
							userId: user.userId,
							schemaVersion: SCHEMA_VERSION,
							cookie: user.cookie
						}),
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
