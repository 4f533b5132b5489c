// A Kita's moves in its ranking by admission criteria as rows and as the domain sees them.
import type { Selectable } from 'kysely';
import type { QueueMove } from '../../src/lib/domain/allocation/moves';
import type { Executor } from '../db/database';
import type { QueueMovesTable } from '../db/schema';

export function toQueueMove(row: Selectable<QueueMovesTable>): QueueMove {
	return {
		id: row.id,
		requestId: row.request_id,
		facilityId: row.facility_id,
		kitaYearId: row.kita_year_id,
		anchorRequestId: row.anchor_request_id,
		placement: row.placement,
		reason: row.reason,
		movedAt: row.moved_at
	};
}

/** Every move of a Kita year, for the offer round. */
export async function movesOfKitaYear(db: Executor, kitaYearId: string): Promise<QueueMove[]> {
	const rows = await db
		.selectFrom('queue_moves')
		.selectAll()
		.where('kita_year_id', '=', kitaYearId)
		.execute();
	return rows.map(toQueueMove);
}
