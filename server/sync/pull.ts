// sync.pull: everything in the caller's scope changed since the cookie, read in one transaction.
import type { Db } from '../db/database';
import {
	MIN_CLIENT_SCHEMA_VERSION,
	type Patch,
	type PullInput,
	type PullResult
} from '../../src/lib/sync/protocol';
import { decodeCookie, encodeCookie } from './cookie';
import { currentSeq } from './seq';
import type { Scope } from './scopes';

export async function pull(db: Db, scope: Scope, input: PullInput): Promise<PullResult> {
	if (input.schemaVersion < MIN_CLIENT_SCHEMA_VERSION)
		return { kind: 'updateRequired', minSchemaVersion: MIN_CLIENT_SCHEMA_VERSION };
	return db.transaction().execute(async (tx) => {
		const seq = await currentSeq(tx);
		const cookie = decodeCookie(input.cookie, scope.key, seq);
		const reset = cookie === null;
		const since = cookie?.seq ?? 0;
		const patch: Patch = { put: {}, del: {} };
		for (const src of scope.sources) {
			const changes = await src.changesSince(tx, since, reset);
			if (changes.put.length) (patch.put as Record<string, unknown[]>)[src.entity] = changes.put;
			if (changes.del.length) (patch.del as Record<string, string[]>)[src.entity] = changes.del;
		}
		return {
			kind: 'patch',
			reset,
			cookie: encodeCookie(scope.key, seq),
			lastMutationId: 0,
			patch,
			rejections: []
		};
	});
}
