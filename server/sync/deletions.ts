// Deletions of rows that are gone from the server (retention): recorded with the seq of the
// deletion, for the Kitas (by facility) and the family (by family) whose devices may hold them, and
// read by the pull sources as `del`. A reset needs none: the client starts empty.
import type { Executor } from '../db/database';
import type { EntityName } from '../../src/lib/sync/protocol';

export interface Deletion {
	entity: EntityName;
	rowId: string;
	facilityId?: string | null;
	familyId?: string | null;
}

/** Records deletions under `seq`; the same row for the same audience is recorded once per seq. */
export async function recordDeletions(tx: Executor, deletions: Deletion[], seq: number): Promise<void> {
	const seen = new Set<string>();
	const rows = [];
	for (const d of deletions) {
		const key = `${d.entity}|${d.rowId}|${d.facilityId ?? ''}|${d.familyId ?? ''}`;
		if (seen.has(key)) continue;
		seen.add(key);
		rows.push({
			entity: d.entity,
			row_id: d.rowId,
			facility_id: d.facilityId ?? null,
			family_id: d.familyId ?? null,
			seq
		});
	}
	// SQLite limits bound parameters per statement: 5 per row.
	for (let i = 0; i < rows.length; i += 150)
		await tx
			.insertInto('sync_deletions')
			.values(rows.slice(i, i + 150))
			.execute();
}

/** Ids of `entity` deleted after `since` for any of the Kitas. */
export async function deletedForFacilities(
	tx: Executor,
	entity: EntityName,
	since: number,
	facilityIds: readonly string[]
): Promise<string[]> {
	if (!facilityIds.length) return [];
	const rows = await tx
		.selectFrom('sync_deletions')
		.select('row_id')
		.distinct()
		.where('entity', '=', entity)
		.where('seq', '>', since)
		.where('facility_id', 'in', [...facilityIds])
		.execute();
	return rows.map((r) => r.row_id);
}

/** Ids of `entity` deleted after `since` that the account's family held. */
export async function deletedForOwner(
	tx: Executor,
	entity: EntityName,
	since: number,
	ownerUserId: string
): Promise<string[]> {
	const rows = await tx
		.selectFrom('sync_deletions')
		.select('row_id')
		.distinct()
		.where('entity', '=', entity)
		.where('seq', '>', since)
		.where('family_id', 'in', (eb) =>
			eb.selectFrom('families').select('families.id').where('families.owner_user_id', '=', ownerUserId)
		)
		.execute();
	return rows.map((r) => r.row_id);
}
