// The hot reads (hot-pull.ts) answered in node's own request handler, before adapter-node turns the
// request into a fetch `Request` and SvelteKit routes it: that conversion and the streamed
// `Response` were most of what the bench measured after the answers themselves came from memory
// (docs/perf/i16-profile.md). Everything else — and any pull this lane is unsure of — goes on to
// SvelteKit unchanged, where the hook answers as before.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../app';
import { peekSession, sessionCookieName } from '../auth/session';
import { securityHeaders } from '../http/security-headers';
import { hotPull, PULL_PATH, type HotRequest } from './hot-pull';

/** The key under which the lane is handed to the server entry (server/cli/start.js, plain JS). */
export const FAST_LANE_KEY = 'kita-portal.fast-lane';

/** Answers the request and resolves true, or returns false (at once or later) for SvelteKit to. */
export type FastLane = (request: IncomingMessage, response: ServerResponse) => false | Promise<boolean>;

const PREFIX = `${PULL_PATH}?`;

/** The first value of a cookie in a Cookie header, as SvelteKit's `cookies.get` reads it. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const at = part.indexOf('=');
		if (at < 0 || part.slice(0, at).trim() !== name) continue;
		let value = part.slice(at + 1).trim();
		if (value.startsWith('"') && value.endsWith('"') && value.length > 1) value = value.slice(1, -1);
		try {
			return value.includes('%') ? decodeURIComponent(value) : value;
		} catch {
			return value;
		}
	}
	return undefined;
}

function headerOf(request: IncomingMessage, name: string): string | null {
	const value = request.headers[name];
	if (value === undefined) return null;
	return Array.isArray(value) ? value.join(', ') : value;
}

export function fastLane(app: App): FastLane {
	const cookieName = sessionCookieName(app.config.origin);
	return (request, response) => {
		if (request.method !== 'GET' || !request.url?.startsWith(PREFIX)) return false;
		const token = cookieValue(request.headers.cookie, cookieName);
		// A session to slide, or an expired one to delete, is the hook's (it sets the cookie).
		const session = token ? peekSession(app.database.sqlite, token, app.now()) : null;
		if (session === undefined) return false;
		const hot: HotRequest = {
			method: 'GET',
			url: new URL(request.url, app.config.origin),
			headers: { get: (name) => headerOf(request, name.toLowerCase()) }
		};
		return hotPull(app, hot, session).then(
			(answer) => {
				if (!answer) return false;
				response.writeHead(answer.status, {
					...answer.headers,
					...securityHeaders(app.config.origin, token !== undefined && token !== '')
				});
				response.end(answer.body ?? undefined);
				return true;
			},
			// Whatever failed here, SvelteKit's path answers (and reports) it.
			() => false
		);
	};
}

/** Hands the lane to the server entry, which asks for it once SvelteKit has started. */
export function offerFastLane(app: App): void {
	(globalThis as Record<symbol, unknown>)[Symbol.for(FAST_LANE_KEY)] = fastLane(app);
}
