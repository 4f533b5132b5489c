// Deletions of rows that are gone from the server (retention): recorded with the seq of the
// deletion, for the Kitas (by facility), the family (by family) and the office role (every device
// of that role) whose devices may hold them, and read by the pull sources as `del`. A reset needs
// none: the client starts empty. Entries are pruned after a while (pruneDeletions); a cookie older
// than the pruned ones gets a reset instead (pull). Recording and pruning are writes: commands/deletions.ts.
import type { SelectQueryBuilder } from 'kysely';
import type { Executor } from '../db/database';
import type { DB } from '../db/schema';
import type { EntityName } from '../../src/lib/sync/protocol';
import type { EntitySource } from './entity-source';
import type { OfficeRole } from '../commands/deletions';

export type { Deletion, OfficeRole } from '../commands/deletions';

/** What retention may delete from an office role's devices. */
const OFFICE_ENTITIES: Record<OfficeRole, readonly EntityName[]> = {
	childminding: ['childminderRequests', 'children', 'families', 'guardians']
};

type DeletionQuery = SelectQueryBuilder<DB, 'sync_deletions', { row_id: string }>;

/** Ids of `entity` deleted after `since`, for the audience `narrow` picks. */
async function deletedIds(
	tx: Executor,
	entity: EntityName,
	since: number,
	narrow: (query: DeletionQuery) => DeletionQuery
): Promise<string[]> {
	const query = tx
		.selectFrom('sync_deletions')
		.select('row_id')
		.distinct()
		.where('entity', '=', entity)
		.where('seq', '>', since);
	return (await narrow(query).execute()).map((r) => r.row_id);
}

/** Ids of `entity` deleted after `since` for any of the Kitas. */
export async function deletedForFacilities(
	tx: Executor,
	entity: EntityName,
	since: number,
	facilityIds: readonly string[]
): Promise<string[]> {
	if (!facilityIds.length) return [];
	return deletedIds(tx, entity, since, (q) => q.where('facility_id', 'in', [...facilityIds]));
}

/** Ids of `entity` deleted after `since` that the account's family held. */
export function deletedForOwner(
	tx: Executor,
	entity: EntityName,
	since: number,
	ownerUserId: string
): Promise<string[]> {
	return deletedIds(tx, entity, since, (q) =>
		q.where('family_id', 'in', (eb) =>
			eb.selectFrom('families').select('families.id').where('families.owner_user_id', '=', ownerUserId)
		)
	);
}

/** Ids of `entity` deleted after `since` that every device of the office role may hold. */
export function deletedForOffice(
	tx: Executor,
	entity: EntityName,
	since: number,
	role: OfficeRole
): Promise<string[]> {
	return deletedIds(tx, entity, since, (q) => q.where('office_role', '=', role));
}

/**
 * The office role's sources with the deletions recorded for the role added to each (none on a
 * reset). A row deleted and put again in one patch stays: the client applies deletions first.
 */
export function withOfficeDeletions(role: OfficeRole, sources: EntitySource[]): EntitySource[] {
	return sources.map((src) => ({
		entity: src.entity,
		async changesSince(tx, since, reset) {
			const changes = await src.changesSince(tx, since, reset);
			if (reset || !OFFICE_ENTITIES[role].includes(src.entity)) return changes;
			const ids = await deletedForOffice(tx, src.entity, since, role);
			if (!ids.length) return changes;
			return { put: changes.put, del: [...new Set([...changes.del, ...ids])] };
		}
	}));
}

/** The highest seq of the pruned deletions (0 when none were pruned). */
export async function deletionsPrunedThrough(tx: Executor): Promise<number> {
	const row = await tx
		.selectFrom('sync_state')
		.select('deletions_pruned_through')
		.where('id', '=', 1)
		.executeTakeFirstOrThrow();
	return row.deletions_pruned_through;
}
