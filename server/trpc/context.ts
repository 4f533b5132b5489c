// Per-request context. Built from a SvelteKit request for HTTP, or directly by tests for createCaller.
import { BlockList, isIP } from 'node:net';
import type { App } from '../app';
import { clientAddress } from '../http/client-address';
import { SAME_ORIGIN_HEADER } from '../../src/lib/sync/same-origin';
import { sessionCookieName, validateSessionToken, type AuthSession } from '../auth/session';

/** The part of SvelteKit's cookie API the server uses; tests pass a plain in-memory jar. */
export interface CookieJar {
	get(name: string): string | undefined;
	set(name: string, value: string, options: { path: string } & Record<string, unknown>): void;
	delete(name: string, options: { path: string } & Record<string, unknown>): void;
}

export interface Context {
	app: App;
	/** True when the request provably came from our own origin (Sec-Fetch-Site or Origin); see isSameOrigin. */
	sameOrigin: boolean;
	/** True when the request names our origin's host (Host, URL and any Origin); see isAddressedToUs. */
	addressedToUs: boolean;
	/** The client address: the socket's peer, or behind a TRUST_PROXY proxy its X-Forwarded-For (clientAddress). */
	ip: string;
	/**
	 * The request carries a proxy's forwarding header: `ip` may then be the proxy's (a reverse proxy
	 * on the same host connects from loopback) or a value the client wrote itself.
	 */
	forwarded: boolean;
	session: AuthSession | null;
	cookies: CookieJar;
	/** Extra response headers (e.g. Clear-Site-Data on logout). */
	responseHeaders: Headers;
}

/** Headers a reverse proxy adds; their presence means the socket's peer is not the client. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip'];

export function isForwarded(request: { headers: { has(name: string): boolean } }): boolean {
	return FORWARDING_HEADERS.some((name) => request.headers.has(name));
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** 127.0.0.0/8, ::1 and IPv4-mapped 127.x (BlockList matches those): this machine itself. */
export function isLoopbackAddress(ip: string): boolean {
	const family = isIP(ip);
	return family !== 0 && LOOPBACK.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * True only on a positive signal that one of our own pages sent the request: Sec-Fetch-Site
 * `same-origin` (every current browser sends it on fetch and EventSource), or else an Origin equal
 * to ours. `none` (typed or pasted into the address bar — the link may come from a phishing mail),
 * `same-site`, `cross-site` and a request with neither header are not ours. Anonymous public
 * queries do not ask (the catalogue is public); mutations and every call with a session do.
 */
export function isSameOrigin(
	request: { headers: { get(name: string): string | null } },
	origin: string
): boolean {
	const site = request.headers.get('sec-fetch-site');
	if (site) return site === 'same-origin';
	const from = request.headers.get('origin');
	if (from !== null) return from === origin;
	// A browser without Sec-Fetch-Site: only our own client's header, which needs a preflight cross-site.
	return request.headers.get(SAME_ORIGIN_HEADER) === '1';
}

/**
 * True when the request is addressed to our own origin: its Host header and URL name our host, and
 * an Origin, when sent, is ours. Under DNS rebinding a foreign page reaches this server through its
 * own host name re-pointed at us: the browser then sees "same-origin" and the peer may be loopback,
 * but the Host still carries the foreign name, which the page cannot change.
 */
export function isAddressedToUs(request: Request, origin: string): boolean {
	const ours = new URL(origin).host;
	const host = request.headers.get('host');
	if (host !== null && host.toLowerCase() !== ours) return false;
	if (new URL(request.url).host !== ours) return false;
	const from = request.headers.get('origin');
	return from === null || from === origin;
}

export async function createContext(
	app: App,
	request: Request,
	/** The socket's remote address; the client address is derived from it (clientAddress). */
	peer: string,
	cookies: CookieJar,
	responseHeaders: Headers,
	known?: AuthSession | null
): Promise<Context> {
	const token = cookies.get(sessionCookieName(app.config.origin));
	const session =
		known !== undefined
			? known
			: token
				? await validateSessionToken(app.database.db, token, app.now())
				: null;
	return {
		app,
		sameOrigin: isSameOrigin(request, app.config.origin),
		addressedToUs: isAddressedToUs(request, app.config.origin),
		ip: clientAddress(app.config.trustProxy, peer, request.headers.get('x-forwarded-for')),
		forwarded: isForwarded(request),
		session,
		cookies,
		responseHeaders
	};
}

export function memoryCookieJar(
	initial: Record<string, string> = {}
): CookieJar & { values: Map<string, string> } {
	const values = new Map(Object.entries(initial));
	return {
		values,
		get: (name) => values.get(name),
		set: (name, value) => void values.set(name, value),
		delete: (name) => void values.delete(name)
	};
}
