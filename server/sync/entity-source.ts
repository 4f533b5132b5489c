// The shape of what a device may hold of one entity: the rows changed after a seq, and the ids gone.
// Apart from scopes.ts so that deletions.ts (which scopes.ts uses) can name it without a cycle.
import type { Executor } from '../db/database';
import type { EntityName, EntityRows } from '../../src/lib/sync/protocol';

export interface SourceChanges<K extends EntityName> {
	put: EntityRows[K][];
	del: string[];
}

export interface EntitySource<K extends EntityName = EntityName> {
	entity: K;
	changesSince(tx: Executor, since: number, reset: boolean): Promise<SourceChanges<K>>;
}
