// The two hottest reads answered before SvelteKit routes the request to tRPC — in node's request
// handler (fast-lane.ts) or, where the portal runs without it (vite dev), in the hook: the finder's
// first pull (the public catalogue, from the catalogue cache) and a pull with nothing new.
// Each answer is byte for byte what tRPC would send (`{"result":{"data":…}}`, in an array for the
// browser's batch link); any other request — a batch with other calls, a change to fetch, a refusal
// to give — returns null and takes the full path, which decides it as before.
import {
	MIN_CLIENT_SCHEMA_VERSION,
	PAGED_RESET_SCHEMA_VERSION,
	pullInputSchema,
	SCHEMA_VERSION,
	type PullInput,
	type PullResult
} from '../../src/lib/sync/protocol';
import type { App } from '../app';
import type { AuthSession } from '../auth/session';
import { isSameOrigin } from './context';
import { catalogueCache, negotiate, notModified, trpcBody } from '../sync/catalogue-cache';
import { unchangedPull } from '../sync/pull';
import { deviceScope } from '../sync/scope-for';
import { pulls } from '../metrics';

export const PULL_PATH = '/api/trpc/sync.pull';

/** tRPC's own Vary for queries, with the coding. */
const VARY = 'trpc-accept, accept, Accept-Encoding';

/** The call's input as tRPC's fetch adapter reads a GET (no transformer); null if not one pull alone. */
function pullInput(url: URL): { input: PullInput; batch: boolean } | null {
	const raw = url.searchParams.get('input');
	if (raw === null) return null;
	const batch = url.searchParams.get('batch') === '1';
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		return null;
	}
	if (batch) {
		if (typeof parsed !== 'object' || parsed === null) return null;
		const keys = Object.keys(parsed);
		if (keys.length !== 1 || keys[0] !== '0') return null;
		parsed = (parsed as Record<string, unknown>)['0'];
	}
	const input = pullInputSchema.safeParse(parsed);
	return input.success ? { input: input.data, batch } : null;
}

/** What the hot path needs of a request, from a fetch `Request` (the hook) or node's (fast-lane.ts). */
export interface HotRequest {
	method: string;
	url: URL;
	headers: { get(name: string): string | null };
}

/** A hot answer, for either transport to send as it is. */
export interface HotAnswer {
	status: 200 | 304;
	headers: Record<string, string>;
	body: Uint8Array<ArrayBuffer> | string | null;
}

/**
 * Answers `GET /api/trpc/sync.pull` when it is the public first pull or a pull with nothing new;
 * null otherwise. `session` is the one the hook validated.
 */
export async function hotPull(
	app: App,
	request: HotRequest,
	session: AuthSession | null
): Promise<HotAnswer | null> {
	const { url } = request;
	if (request.method !== 'GET' || url.pathname !== PULL_PATH || request.headers.get('trpc-accept') !== null)
		return null;
	const call = pullInput(url);
	if (!call) return null;
	const { input, batch } = call;
	// What the procedure would refuse or answer otherwise (init.ts, routers/sync.ts) goes there.
	if (session && !isSameOrigin(request, app.config.origin)) return null;
	if (input.userId === undefined || input.schemaVersion < MIN_CLIENT_SCHEMA_VERSION) return null;
	const device = deviceScope(session, input.userId);
	if (!device) return null;
	if (
		device.userId === null &&
		input.cookie === null &&
		!input.page &&
		input.schemaVersion >= PAGED_RESET_SCHEMA_VERSION &&
		input.schemaVersion <= SCHEMA_VERSION
	) {
		pulls.inc({ answer: 'catalogue' });
		return catalogue(app, request, batch);
	}
	// On PostgreSQL the procedure answers (its reads are async there anyway).
	const { sqlite } = app.database;
	const result = sqlite && unchangedPull(sqlite, device.scope, input, device.userId);
	if (!result) return null;
	pulls.inc({ answer: 'unchanged' });
	return json(result, batch);
}

/** The answer as a fetch `Response` (for the hook). */
export function toResponse(answer: HotAnswer): Response {
	return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

async function catalogue(app: App, request: HotRequest, batch: boolean): Promise<HotAnswer> {
	const cache = catalogueCache(app.database, app.config.syncPageRows);
	const entry = await cache.get();
	const representation = batch ? entry.batch : entry.single;
	const coding = negotiate(request.headers.get('accept-encoding'));
	const etag = representation.etags[coding];
	// The catalogue is public: browsers may keep it, and ask again with its ETag.
	const headers: Record<string, string> = { etag, 'cache-control': 'no-cache', vary: VARY };
	if (notModified(request.headers.get('if-none-match'), representation))
		return { status: 304, headers, body: null };
	const body = representation.bodies[coding];
	headers['content-type'] = 'application/json';
	headers['content-length'] = String(body.length);
	if (coding !== 'identity') headers['content-encoding'] = coding;
	return { status: 200, headers, body };
}

function json(result: PullResult, batch: boolean): HotAnswer {
	return {
		status: 200,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store', vary: VARY },
		body: trpcBody(result, batch)
	};
}
