// tRPC over HTTP (fetch adapter), used by the SvelteKit endpoint at /api/trpc and by the tests
// that check statuses and headers (429 + Retry-After, CSRF refusal, no stack traces).
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { isUnbatchable, MAX_BATCH_ITEMS } from '../../src/lib/trpc-batching';
import type { App } from '../app';
import type { AuthSession } from '../auth/session';
import { anonymousStreamsFull } from '../sync/live-stream';
import { compressText } from '../http/compress';
import { log } from '../log';
import { rateLimitHits } from '../metrics';
import { createContext, type CookieJar } from './context';
import { appRouter } from './router';

const ENDPOINT = '/api/trpc';

export async function handleTrpcRequest(
	app: App,
	request: Request,
	/** The socket's remote address (SvelteKit's getClientAddress); behind a trusted proxy the context reads the client's. */
	peer: string,
	cookies: CookieJar,
	/** Already validated by the hook; undefined (tests without the hook) looks it up. */
	session?: AuthSession | null
): Promise<Response> {
	const paths = procedurePaths(request);
	if (!paths) return refusal(400, 'BAD_REQUEST', 'badPath', [''], isBatch(request));
	const refused = refuseBatch(request, paths);
	if (refused) return refused;
	// No procedure name holds a slash: such a path is not ours to interpret, whatever tRPC makes of it.
	if (paths.some((path) => path.includes('/')))
		return refusal(400, 'BAD_REQUEST', 'badPath', paths, isBatch(request));
	const extraHeaders = new Headers();
	const context = await createContext(app, request, peer, cookies, extraHeaders, session);
	// The stream would refuse too, but only inside an SSE answer; a plain 429 is clearer and cheaper.
	if (isPokeStream(request, paths) && !context.session?.mfaVerified && anonymousStreamsFull(context.ip)) {
		rateLimitHits.inc({ limit: 'poke:streams' });
		return refusal(429, 'TOO_MANY_REQUESTS', 'tooManyStreams', ['sync.poke']);
	}
	const response = await fetchRequestHandler({
		endpoint: ENDPOINT,
		req: request,
		router: appRouter,
		createContext: () => context,
		// tRPC answers a larger batch with 400 before running any of it.
		maxBatchSize: MAX_BATCH_ITEMS,
		responseMeta: () => {
			const headers = new Headers(extraHeaders);
			headers.set('Cache-Control', 'no-store');
			return { headers };
		},
		onError: ({ error, path }) => {
			if (error.code === 'INTERNAL_SERVER_ERROR')
				log.error({ procedure: path ?? '?', err: error.cause ?? error }, 'procedure failed');
		}
	});
	return compressText(request, response);
}

/**
 * The procedures a request names, read exactly as tRPC's fetch adapter reads them: everything after
 * the endpoint (one slash trimmed at each end), URI-decoded as a whole, split at commas for a batch.
 * Reading it any other way (say, after the last slash) lets a request show the guards one list and
 * tRPC another. Null when the path does not decode (tRPC would refuse it as well).
 */
function procedurePaths(request: Request): string[] | null {
	const url = new URL(request.url);
	const pathname = trimSlashes(url.pathname);
	let path: string;
	try {
		path = decodeURIComponent(trimSlashes(pathname.slice(trimSlashes(ENDPOINT).length)));
	} catch {
		return null;
	}
	return isBatch(request) ? path.split(',') : [path];
}

/** As tRPC decides it. */
function isBatch(request: Request): boolean {
	return new URL(request.url).searchParams.get('batch') === '1';
}

/** As tRPC's fetch adapter trims the pathname, the endpoint and the rest. */
function trimSlashes(path: string): string {
	const start = path.startsWith('/') ? path.slice(1) : path;
	return start.endsWith('/') ? start.slice(0, -1) : start;
}

/**
 * A batch is judged call by call: one holding a password, code or claim check would get as many
 * tries as it has calls. Such a batch is refused whole, each call with the same error, before any
 * runs (the browser's client sends these calls alone).
 */
function refuseBatch(request: Request, paths: string[]): Response | null {
	if (!isBatch(request)) return null;
	if (!paths.some(isUnbatchable)) return null;
	return refusal(400, 'BAD_REQUEST', 'batchNotAllowed', paths, true);
}

function isPokeStream(request: Request, paths: string[]): boolean {
	return request.method === 'GET' && paths.includes('sync.poke');
}

/** An error answer shaped as tRPC's own (one per call of a batch), before any procedure ran. */
function refusal(
	status: 400 | 429,
	code: 'BAD_REQUEST' | 'TOO_MANY_REQUESTS',
	message: string,
	paths: string[],
	batch = false
): Response {
	const errors = paths.map((path) => ({
		error: { message, code: status === 400 ? -32600 : -32029, data: { code, httpStatus: status, path } }
	}));
	return new Response(JSON.stringify(batch ? errors : errors[0]), {
		status,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
	});
}
