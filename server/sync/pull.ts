// sync.pull: everything in the caller's scope changed since the cookie, plus the client's
// lastMutationId and new rejections — all read in one transaction, so they agree. A cookie older
// than the deletions retention pruned gets a reset, so no device misses a deletion.
import type { Db } from '../db/database';
import {
	isActedBy,
	MIN_CLIENT_SCHEMA_VERSION,
	type Patch,
	type PullInput,
	type PullResult,
	type Rejection
} from '../../src/lib/sync/protocol';
import { decodeCookie, encodeCookie } from './cookie';
import { deletionsPrunedThrough } from './deletions';
import { currentSeq } from './seq';
import type { Scope } from './scopes';

export async function pull(
	db: Db,
	scope: Scope,
	input: PullInput,
	userId: string | null
): Promise<PullResult> {
	if (input.schemaVersion < MIN_CLIENT_SCHEMA_VERSION)
		return { kind: 'updateRequired', minSchemaVersion: MIN_CLIENT_SCHEMA_VERSION };
	return db.transaction().execute(async (tx) => {
		const seq = await currentSeq(tx);
		const cookie = decodeCookie(input.cookie, scope.key, seq, await deletionsPrunedThrough(tx));
		const reset = cookie === null;
		const since = cookie?.seq ?? 0;
		const patch: Patch = { put: {}, del: {} };
		for (const src of scope.sources) {
			const changes = await src.changesSince(tx, since, reset);
			if (changes.put.length) (patch.put as Record<string, unknown[]>)[src.entity] = changes.put;
			if (changes.del.length) (patch.del as Record<string, string[]>)[src.entity] = changes.del;
		}
		let lastMutationId = 0;
		let rejections: Rejection[] = [];
		if (input.clientId && userId) {
			const client = await tx
				.selectFrom('sync_clients')
				.selectAll()
				.where('client_id', '=', input.clientId)
				.where('user_id', '=', userId)
				.executeTakeFirst();
			if (client) {
				lastMutationId = client.last_mutation_id;
				const rows = await tx
					.selectFrom('sync_rejections')
					.selectAll()
					.where('client_id', '=', client.client_id)
					.where('seq', '>', since)
					.orderBy('mutation_id')
					.execute();
				rejections = rows.map((r) => ({
					mutationId: r.mutation_id,
					name: r.name,
					args: JSON.parse(r.args) as unknown,
					at: r.created_at,
					code: r.code,
					message: r.message,
					current: r.current === null ? undefined : (JSON.parse(r.current) as unknown),
					...(isActedBy(r.acted_by) ? { actedBy: r.acted_by, actedAt: r.acted_at ?? undefined } : {})
				}));
			}
		}
		return { kind: 'patch', reset, cookie: encodeCookie(scope.key, seq), lastMutationId, patch, rejections };
	});
}
