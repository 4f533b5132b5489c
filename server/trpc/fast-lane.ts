// The hot reads (hot-pull.ts) and the answers kept for visitors without a login
// (http/anonymous-cache.ts) given in node's own request handler, before adapter-node turns the
// request into a fetch `Request` and SvelteKit routes it: that conversion and the streamed
// `Response` were most of what the bench measured after the answers themselves came from memory
// (docs/perf/i16-profile.md). Everything else — and any pull this lane is unsure of — goes on to
// SvelteKit unchanged, where the hook answers as before.
import type Database from 'better-sqlite3';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../app';
import type { Db } from '../db/database';
import { peekSession, sessionCookieName } from '../auth/session';
import { anonymousCache, keptPath } from '../http/anonymous-cache';
import { headerOf } from '../http/node-headers';
import { securityHeaders } from '../http/security-headers';
import { log } from '../log';
import { withRequestLog } from '../http/request-log';
import { readTogether } from '../db/read-together';
import { knowProcedures } from '../metrics';
import { appRouter } from './router';
import { LOCALE_COOKIE } from '../../src/lib/i18n/runtime';
import { hotPull, PULL_PATH, type HotRequest } from './hot-pull';
import { answerPush, isLanePush } from './push-lane';

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

/**
 * Runs `fn` now, or — while another request's transaction is open on the one connection (its writes
 * are not committed; the direct reads refuse to look) — once it has ended, holding the connection
 * so that no other begins before `fn` has read. Under a push load most requests arrive during some
 * push's transaction: without the wait they all took SvelteKit's path.
 */
function whenFree<T>(db: Db, sqlite: Database.Database, fn: () => T): T | Promise<T> {
	if (!sqlite.inTransaction) {
		// A failed read rejects, as it would after the wait: the callers hand the request to SvelteKit.
		try {
			return fn();
		} catch (error) {
			return Promise.reject(error);
		}
	}
	// Boxed, so that a promise `fn` returns is not awaited while the connection is held: what it
	// still reads through Kysely waits for the connection, which is released at once.
	return db
		.connection()
		.execute(async () => ({ value: fn() }))
		.then((box) => box.value);
}

export function fastLane(app: App): FastLane {
	const { db, sqlite } = app.database;
	// The lane's reads are SQLite's synchronous ones; on PostgreSQL SvelteKit's path answers all.
	if (!sqlite) return () => false;
	const cookieName = sessionCookieName(app.config.origin);
	const kept = anonymousCache(sqlite);
	// Made once: they depend on the origin and whether the request carries a session.
	const withSession = securityHeaders(app.config.origin, true);
	const visitor = securityHeaders(app.config.origin, false);
	return (request, response) => {
		const url = request.url;
		if (isLanePush(request)) {
			const token = cookieValue(request.headers.cookie, cookieName);
			// No session (tRPC refuses it), or one to slide or delete (the hook sets the cookie).
			if (!token) return false;
			return Promise.resolve(whenFree(db, sqlite, () => peekSession(sqlite, token, app.now()))).then(
				(session) =>
					session
						? answerPush(app, request, response, session).then(
								() => true,
								(error: unknown) => {
									// The body is read by now: SvelteKit could not answer it any more.
									log.error({ procedure: 'sync.push', err: error }, 'fast lane failed');
									if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
									response.end();
									return true;
								}
							)
						: false,
				// Reading the session failed before the body was read: SvelteKit's path answers it.
				() => false
			);
		}
		if (request.method !== 'GET' || !url) return false;
		const token = cookieValue(request.headers.cookie, cookieName);
		if (token === undefined) {
			// As the hook keeps it: by the address as sent (SvelteKit's normalised address is the key
			// the hook stores under; an address that normalises differently never finds an answer).
			const at = url.indexOf('?');
			const pathname = at < 0 ? url : url.slice(0, at);
			const key =
				keptPath(pathname) &&
				kept.key({
					pathname,
					search: at < 0 ? '' : url.slice(at),
					localeCookie: cookieValue(request.headers.cookie, LOCALE_COOKIE),
					acceptLanguage: headerOf(request, 'accept-language'),
					acceptEncoding: headerOf(request, 'accept-encoding')
				});
			const answer = key ? kept.get(key) : undefined;
			if (answer) {
				response.writeHead(answer.status, answer.headers);
				response.end(answer.body);
				return Promise.resolve(true);
			}
		}
		if (!url.startsWith(PREFIX)) return false;
		const hot: HotRequest = {
			method: 'GET',
			url: new URL(url, app.config.origin),
			headers: { get: (name) => headerOf(request, name) }
		};
		// The session and a pull with nothing new are read while the connection is free (the answer's
		// synchronous part runs inside); a session to slide, or an expired one to delete, is the hook's
		// (it sets the cookie).
		const read = () => {
			const session = token ? peekSession(sqlite, token, app.now()) : null;
			return session === undefined ? null : hotPull(app, hot, session);
		};
		// With a session, three point reads (session, counter, client row) share one read lock; the
		// finder's pull reads once (the catalogue's version).
		const answered = whenFree(db, sqlite, () => (token ? readTogether(sqlite, read) : read()));
		return Promise.resolve(answered).then(
			(answer) => {
				if (!answer) return false;
				// The answer's headers are its own (made for this request): the security headers join them.
				response.writeHead(
					answer.status,
					Object.assign(answer.headers, token !== undefined && token !== '' ? withSession : visitor)
				);
				response.end(answer.body ?? undefined);
				return true;
			},
			// Whatever failed here, SvelteKit's path answers (and reports) it.
			() => false
		);
	};
}

/** Hands the lane to the server entry, which asks for it once SvelteKit has started; it logs every request. */
export function offerFastLane(app: App): void {
	knowProcedures(Object.keys(appRouter._def.procedures));
	(globalThis as Record<symbol, unknown>)[Symbol.for(FAST_LANE_KEY)] = withRequestLog(
		fastLane(app),
		app.config.trustProxy
	);
}
