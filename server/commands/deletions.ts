// Recording and pruning the deletions that pulls report as `del` (server/sync/deletions.ts reads
// them): writes, so they live with the commands that delete rows (retention, claim).
import type { Executor } from '../db/database';
import { greatestFn } from '../db/engine';
import type { EntityName } from '../../src/lib/sync/protocol';

/** Office roles whose every device holds all rows of some entities (the Fachberatung). */
export type OfficeRole = 'childminding';

export interface Deletion {
	entity: EntityName;
	rowId: string;
	facilityId?: string | null;
	familyId?: string | null;
	officeRole?: OfficeRole | null;
}

/** Records deletions under `seq` at `at`; the same row for the same audience is recorded once. */
export async function recordDeletions(
	tx: Executor,
	deletions: Deletion[],
	seq: number,
	at: Date
): Promise<void> {
	const seen = new Set<string>();
	const rows = [];
	for (const d of deletions) {
		const key = `${d.entity}|${d.rowId}|${d.facilityId ?? ''}|${d.familyId ?? ''}|${d.officeRole ?? ''}`;
		if (seen.has(key)) continue;
		seen.add(key);
		rows.push({
			entity: d.entity,
			row_id: d.rowId,
			facility_id: d.facilityId ?? null,
			family_id: d.familyId ?? null,
			office_role: d.officeRole ?? null,
			seq,
			recorded_at: at.toISOString()
		});
	}
	// SQLite limits bound parameters per statement: 7 per row.
	for (let i = 0; i < rows.length; i += 120)
		await tx
			.insertInto('sync_deletions')
			.values(rows.slice(i, i + 120))
			.execute();
}

/**
 * Deletes the entries recorded before `before` (ISO instant), and every entry up to the highest
 * seq among them, and remembers that seq: a cookie older than it may have missed a deletion, so the
 * pull answers it with a reset. Returns how many entries went.
 */
export async function pruneDeletions(tx: Executor, before: string): Promise<number> {
	const old = await tx
		.selectFrom('sync_deletions')
		.select((eb) => eb.fn.max('seq').as('seq'))
		.where('recorded_at', '<', before)
		.executeTakeFirst();
	const through = old?.seq ?? null;
	if (through === null) return 0;
	const gone = await tx.deleteFrom('sync_deletions').where('seq', '<=', through).executeTakeFirst();
	await tx
		.updateTable('sync_state')
		.set((eb) => ({
			deletions_pruned_through: eb.fn(greatestFn(tx), [eb.ref('deletions_pruned_through'), eb.val(through)])
		}))
		.where('id', '=', 1)
		.execute();
	return Number(gone.numDeletedRows);
}
