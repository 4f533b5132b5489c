// The answers that are the same for every visitor without a login, kept as they were sent: the
// public pages the server renders (start page, finder, a Kita's page, the information pages) and
// `auth.me` without a session. On a deadline evening most requests are these; rendering the finder
// with its list and compressing it cost milliseconds each time (`npm run rush`), serving the kept
// bytes from the fast lane (server/trpc/fast-lane.ts) costs next to nothing.
//
// A kept answer holds while what it was made from holds: the key names the address with its query,
// the visitor's language, whether the answer is compressed, the public catalogue's version (every
// change of a Kita, a capacity, a Kita year or a municipality stamps a new seq) and the day (pages
// show which Kita years are open). Whatever else could differ is not kept: a request with a session
// cookie, an answer that sets a cookie, anything but a 200.
import type Database from 'better-sqlite3';
import { today } from '../../src/lib/format';
import { requestLocale } from '../../src/lib/i18n/texts.server';
import { PUBLIC_PAGES } from '../seo';
import { readCatalogueVersion } from '../sync/catalogue-version';
import { acceptsGzip } from './compress';

/** Enough for every page in every language and the common finder filters, ≈ 20 KB each. */
const MAX_ENTRIES = 500;

export interface KeptAnswer {
	status: 200;
	/** As sent, the portal's security headers included; without `content-length` and `date`. */
	headers: Record<string, string>;
	body: Uint8Array<ArrayBuffer>;
}

/** What a key is made of, from either transport. */
export interface AnonymousRequest {
	pathname: string;
	search: string;
	localeCookie: string | undefined;
	acceptLanguage: string | null;
	acceptEncoding: string | null;
}

const PUBLIC = new Set<string>([...PUBLIC_PAGES, '/api/trpc/auth.me']);
const KITA_PAGE = /^\/kitas\/(?!__)[^/]+$/;

export function keptPath(pathname: string): boolean {
	return PUBLIC.has(pathname) || KITA_PAGE.test(pathname);
}

export class AnonymousCache {
	readonly #sqlite: Database.Database;
	readonly #entries = new Map<string, KeptAnswer>();

	constructor(sqlite: Database.Database) {
		this.#sqlite = sqlite;
	}

	/** The key of a request whose answer may be kept; null for any other. */
	key(request: AnonymousRequest): string | null {
		if (!keptPath(request.pathname)) return null;
		const locale = requestLocale(request.localeCookie, request.acceptLanguage);
		const { publicSeq } = readCatalogueVersion(this.#sqlite);
		const coding = acceptsGzip(request.acceptEncoding) ? 'gzip' : 'identity';
		return `${publicSeq} ${today()} ${locale} ${coding} ${request.pathname}${request.search}`;
	}

	get(key: string): KeptAnswer | undefined {
		const answer = this.#entries.get(key);
		if (answer) {
			// The most recently used last: the oldest goes first when the cache is full.
			this.#entries.delete(key);
			this.#entries.set(key, answer);
		}
		return answer;
	}

	/** Keeps a 200 without a cookie of its own; returns the bytes for sending (the body is read). */
	async keep(key: string, response: Response): Promise<Response> {
		if (response.status !== 200 || response.headers.has('set-cookie') || !response.body) return response;
		const body = new Uint8Array(await response.arrayBuffer());
		const headers: Record<string, string> = {};
		response.headers.forEach((value, name) => {
			if (name !== 'content-length' && name !== 'date') headers[name] = value;
		});
		this.#entries.set(key, { status: 200, headers, body });
		if (this.#entries.size > MAX_ENTRIES) {
			const oldest = this.#entries.keys().next().value;
			if (oldest !== undefined) this.#entries.delete(oldest);
		}
		return new Response(body, { status: 200, headers: response.headers });
	}
}

const caches = new WeakMap<Database.Database, AnonymousCache>();

/** The cache of one database (one per app). */
export function anonymousCache(sqlite: Database.Database): AnonymousCache {
	let cache = caches.get(sqlite);
	if (!cache) {
		cache = new AnonymousCache(sqlite);
		caches.set(sqlite, cache);
	}
	return cache;
}
