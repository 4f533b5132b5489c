// One log line (and, with METRICS_PORT, one histogram observation) per HTTP request, whichever way it was answered (the fast lane or SvelteKit): a
// request id, the method, the route, the status and the duration. No query string (links carry
// tokens there), no body, no client address, no header: the route keeps a path's words and turns
// every segment with a digit or anything unusual (ids, hashes, whatever a client typed) into `:id`;
// for tRPC it is the procedure names. The lane runs for every request, so this stays cheap: the
// start and id ride on the response object, one shared listener logs — no closure per request.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { log, logRequest } from '../log';
import { metricsOn, observeRequest } from '../metrics';
import type { TrustedProxies } from './client-address';

const TRPC = '/api/trpc/';
/** A path made of words only stays as it is. */
const PLAIN_PATH = /^[/A-Za-z_.-]*$/;
const PLAIN_SEGMENT = /^[A-Za-z_.-]*$/;
const PROCEDURES = /^[A-Za-z.,]{1,300}$/;
/** A request id from the proxy (nginx's $request_id, a UUID…) is kept when it looks like one. */
const FORWARDED_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** The route as logged (see above). */
export function logRoute(url: string | undefined): string {
	if (!url) return '';
	const at = url.indexOf('?');
	const path = at < 0 ? url : url.slice(0, at);
	if (path.startsWith(TRPC)) return PROCEDURES.test(path.slice(TRPC.length)) ? path : `${TRPC}:unknown`;
	if (PLAIN_PATH.test(path)) return path.length > 200 ? `${path.slice(0, 200)}…` : path;
	return path
		.split('/')
		.slice(0, 8)
		.map((segment) => (PLAIN_SEGMENT.test(segment) && segment.length <= 40 ? segment : ':id'))
		.join('/');
}

const START = Symbol('kita-portal.request-start');
const ID = Symbol('kita-portal.request-id');
const METHOD = Symbol('kita-portal.request-method');
const ROUTE = Symbol('kita-portal.request-route');

interface Logged {
	[START]: number;
	[ID]: string;
	[METHOD]: string | undefined;
	[ROUTE]: string;
}

/** This process's prefix and a counter: unique across nodes and restarts without a UUID per request. */
const PREFIX = randomBytes(4).toString('hex');
let counter = 0;

function logged(this: ServerResponse & Logged): void {
	const elapsed = performance.now() - this[START];
	if (metricsOn()) observeRequest(this[ROUTE], this[METHOD], this.statusCode, elapsed / 1000);
	logRequest({
		req: this[ID],
		method: this[METHOD],
		route: this[ROUTE],
		status: this.statusCode,
		ms: Math.round(elapsed * 10) / 10,
		aborted: !this.writableFinished
	});
}

/**
 * Wraps node's request handler (the fast lane, which sees every request first) so that each
 * request is logged once its connection is done with it. `trusted`: the proxies whose
 * X-Request-Id is taken over (so that the proxy's and the portal's lines can be matched).
 */
export function withRequestLog<H extends (request: IncomingMessage, response: ServerResponse) => unknown>(
	handler: H,
	trusted: TrustedProxies | null
): H {
	if (!log.isLevelEnabled('info') && !metricsOn()) return handler;
	return ((request: IncomingMessage, response: ServerResponse) => {
		const marked = response as ServerResponse & Logged;
		marked[START] = performance.now();
		const forwarded = request.headers['x-request-id'];
		marked[ID] =
			typeof forwarded === 'string' &&
			trusted !== null &&
			FORWARDED_ID.test(forwarded) &&
			trusted.hasPeer(request.socket.remoteAddress ?? '')
				? forwarded
				: `${PREFIX}-${(++counter).toString(36)}`;
		marked[METHOD] = request.method;
		marked[ROUTE] = logRoute(request.url);
		response.once('close', logged);
		return handler(request, response);
	}) as H;
}
