// sync.push answered in node's request handler (fast-lane.ts), without adapter-node's conversion to a
// fetch `Request`, SvelteKit's routing and tRPC's fetch adapter around it: those cost about as much
// per push as the push itself (docs/perf/i16-profile.md). The call still goes through the router —
// a caller runs the same middlewares (same origin, session, second factor) and the same input schema
// — and its answer, error or not, is shaped by tRPC's own functions, so the client reads it as before.
// Only a request the lane can read whole and knows to be one push alone is taken; anything else
// (another content type, a large or chunked body, a batch of other calls) goes on to SvelteKit
// unread, and a body that turns out not to be one push is answered by the full tRPC path.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
	getErrorShape,
	getHTTPStatusCodeFromError,
	getTRPCErrorFromUnknown
} from '@trpc/server/unstable-core-do-not-import';
import type { App } from '../app';
import type { AuthSession } from '../auth/session';
import { acceptsGzip, gzipIfWorth } from '../http/compress';
import { headersOf } from '../http/node-headers';
import { securityHeaders } from '../http/security-headers';
import { clientAddress } from '../http/client-address';
import { log } from '../log';
import { isForwarded, isSameOrigin, type Context, type CookieJar } from './context';
import { handleTrpcRequest } from './http';
import { appRouter, createCaller } from './router';

export const PUSH_PATH = '/api/trpc/sync.push';
const BATCH_PATH = `${PUSH_PATH}?batch=1`;
/** Far above a browser's push (its outbox goes in small batches); larger bodies take the full path. */
const MAX_BODY_BYTES = 64 * 1024;
/** What tRPC's fetch adapter and the endpoint's compression send with every answer of a call. */
const VARY = 'trpc-accept, accept, Accept-Encoding';

/** Whether the request is one the lane may read: a JSON push alone, of a known, small size. */
export function isLanePush(request: IncomingMessage): boolean {
	if (request.method !== 'POST' || (request.url !== PUSH_PATH && request.url !== BATCH_PATH)) return false;
	if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return false;
	const length = request.headers['content-length'];
	return length !== undefined && /^\d+$/.test(length) && Number(length) <= MAX_BODY_BYTES;
}

function readBody(request: IncomingMessage): Promise<Buffer<ArrayBuffer>> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks) as Buffer<ArrayBuffer>));
		request.on('error', reject);
	});
}

/** The call's input as tRPC reads a POST body (no transformer); undefined if not one push alone. */
function pushInput(body: Buffer, batch: boolean): { input: unknown } | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body.toString('utf8'));
	} catch {
		return undefined;
	}
	if (!batch) return { input: parsed };
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
	const keys = Object.keys(parsed);
	return keys.length === 1 && keys[0] === '0'
		? { input: (parsed as Record<string, unknown>)['0'] }
		: undefined;
}

/** A push sets no cookie; should it ever try, the call fails loudly rather than losing the cookie. */
const NO_COOKIES: CookieJar = {
	get: () => undefined,
	set: () => {
		throw new Error('the push lane sets no cookie');
	},
	delete: () => {
		throw new Error('the push lane sets no cookie');
	}
};

/**
 * Answers the push and resolves once the answer is sent. `session` is the one the lane peeked
 * (valid, not due to slide); the router's middlewares still judge it.
 */
export async function answerPush(
	app: App,
	request: IncomingMessage,
	response: ServerResponse,
	session: AuthSession
): Promise<void> {
	const batch = request.url === BATCH_PATH;
	const body = await readBody(request);
	const call = pushInput(body, batch);
	const origin = app.config.origin;
	const headers = headersOf(request);
	const loggedIn = securityHeaders(origin, true);
	if (!call) {
		// Not one push: tRPC's fetch path answers it (a parse error, say) exactly as it would have.
		const fetchRequest = new Request(origin + request.url, {
			method: 'POST',
			headers: Object.entries(request.headers).flatMap(([name, value]) =>
				value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]]
			),
			body
		});
		const answer = await handleTrpcRequest(
			app,
			fetchRequest,
			request.socket.remoteAddress ?? '',
			NO_COOKIES,
			session
		);
		const out: Record<string, string> = {};
		answer.headers.forEach((value, name) => (out[name] = value));
		response.writeHead(answer.status, { ...out, ...loggedIn });
		response.end(Buffer.from(await answer.arrayBuffer()));
		return;
	}
	const responseHeaders = new Headers();
	const host = headers.get('host');
	const from = headers.get('origin');
	const ctx: Context = {
		app,
		sameOrigin: isSameOrigin({ headers }, origin),
		// As isAddressedToUs reads it: SvelteKit's URL is built from ORIGIN, so the Host and an Origin decide.
		addressedToUs:
			(host === null || host.toLowerCase() === new URL(origin).host) && (from === null || from === origin),
		// sync.push reads no address today (it counts no limit), but whatever will reads it by the one rule.
		ip: clientAddress(
			app.config.trustProxy,
			request.socket.remoteAddress ?? '',
			headers.get('x-forwarded-for')
		),
		forwarded: isForwarded({ headers }),
		session,
		cookies: NO_COOKIES,
		responseHeaders
	};
	let status = 200;
	let result: unknown;
	try {
		result = { result: { data: await createCaller(ctx).sync.push(call.input as never) } };
	} catch (cause) {
		const error = getTRPCErrorFromUnknown(cause);
		if (error.code === 'INTERNAL_SERVER_ERROR')
			log.error({ procedure: 'sync.push', err: error.cause ?? error }, 'procedure failed');
		status = getHTTPStatusCodeFromError(error);
		result = {
			error: getErrorShape({
				config: appRouter._def._config,
				error,
				type: 'mutation',
				path: 'sync.push',
				input: call.input,
				ctx
			})
		};
	}
	const json = Buffer.from(JSON.stringify(batch ? [result] : result));
	const out: Record<string, string> = {
		'content-type': 'application/json',
		'cache-control': 'no-store',
		vary: VARY
	};
	responseHeaders.forEach((value, name) => (out[name] = value));
	const encoded = acceptsGzip(headers.get('accept-encoding'))
		? await gzipIfWorth(json)
		: { bytes: json, gzipped: false };
	if (encoded.gzipped) out['content-encoding'] = 'gzip';
	response.writeHead(status, { ...out, ...loggedIn });
	response.end(encoded.bytes);
}
