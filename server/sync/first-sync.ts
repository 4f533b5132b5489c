// The first sync (a reset) in pages: every page holds the scope's rows after the token's key, read
// in key order, entity after entity; the token names the snapshot seq the first page was read at.
// Rows that change while the pages travel are sent again with the last page (pull.ts), which reads
// everything changed since that seq: each page is read in one transaction, and the end state is the
// one a reset in one answer would give.
import { z } from 'zod';
import type { Executor } from '../db/database';
import type { EntityCounts, EntityName } from '../../src/lib/sync/protocol';
import type { Scope } from './scopes';

const tokenSchema = z.object({
	v: z.literal(1),
	scope: z.string(),
	/** The snapshot: the seq when the first page was read. */
	seq: z.int().nonnegative(),
	/** The entity the next page starts with, after the key `after` (null: from its first row). */
	entity: z.string(),
	after: z.string().nullable()
});
export type PageToken = Omit<z.infer<typeof tokenSchema>, 'v' | 'entity'> & { entity: EntityName };

export function encodePageToken(token: PageToken): string {
	return Buffer.from(JSON.stringify({ v: 1, ...token })).toString('base64url');
}

/**
 * Null for a token the server cannot serve — malformed, of another scope or entity list, from the
 * future, or older than deletions the server no longer keeps: the first sync starts again.
 */
export function decodePageToken(
	raw: string | null,
	scope: string,
	entities: readonly EntityName[],
	currentSeq: number,
	prunedThrough: number
): PageToken | null {
	if (!raw) return null;
	try {
		const parsed = tokenSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
		if (!parsed.success) return null;
		const { v: _version, ...token } = parsed.data;
		if (token.scope !== scope || token.seq > currentSeq || token.seq < prunedThrough) return null;
		if (!entities.includes(token.entity as EntityName)) return null;
		return token as PageToken;
	} catch {
		return null;
	}
}

/** A row's key within its entity: capacities have a composite key, every other row an id. */
export function rowKey(row: unknown): string {
	const r = row as { id?: string; key?: string };
	return String(r.key ?? r.id);
}

const byKey = (a: unknown, b: unknown) => {
	const [x, y] = [rowKey(a), rowKey(b)];
	return x < y ? -1 : x > y ? 1 : 0;
};

export interface Page {
	put: { [K in EntityName]?: unknown[] };
	/** Where the next page starts; null: this was the last. */
	next: PageToken | null;
	/** On the first page: every entity's row count. */
	total?: EntityCounts;
}

/**
 * The lists' main rows come last: a request (or child-minding request) that arrived can be shown at
 * once, its child and family being there already, so "1.200 von 4.800 Anmeldungen" is what the
 * pages can show.
 */
const LAST: readonly EntityName[] = ['requests', 'childminderRequests'];

function pageOrder(scope: Scope): Scope['sources'] {
	return [
		...scope.sources.filter((s) => !LAST.includes(s.entity)),
		...scope.sources.filter((s) => LAST.includes(s.entity))
	];
}

/** The entity a first sync starts with. */
export function firstEntity(scope: Scope): EntityName {
	const first = pageOrder(scope)[0];
	if (!first) throw new Error(`scope ${scope.key} has no sources`);
	return first.entity;
}

/** Up to `limit` rows of the scope from `at` on. */
export async function readPage(
	tx: Executor,
	scope: Scope,
	at: PageToken,
	limit: number,
	first: boolean
): Promise<Page> {
	const put: Page['put'] = {};
	const total: EntityCounts = {};
	let room = Math.max(1, limit);
	let next: PageToken | null = null;
	let after = at.after;
	const sources = pageOrder(scope);
	const start = sources.findIndex((s) => s.entity === at.entity);
	for (const [index, src] of sources.entries()) {
		// The first page counts every entity; later ones read only those they send.
		if (index < start && !first) continue;
		if (next && !first) break;
		const rows = (await src.changesSince(tx, 0, true)).put.sort(byKey);
		if (rows.length) total[src.entity] = rows.length;
		if (index < start || next) continue;
		const from = after === null ? 0 : rows.findIndex((r) => rowKey(r) > (after ?? ''));
		const remaining = from < 0 ? [] : rows.slice(from);
		const taken = remaining.slice(0, room);
		if (taken.length) put[src.entity] = taken;
		room -= taken.length;
		after = null;
		if (taken.length < remaining.length) next = { ...at, entity: src.entity, after: rowKey(taken.at(-1)) };
		else if (room === 0) {
			const following = sources[index + 1];
			if (following) next = { ...at, entity: following.entity, after: null };
		}
	}
	return { put, next, ...(first ? { total } : {}) };
}
