// Whom a Kita could offer a place that has just become free again (issue 17, point 1): when an offer
// ends without a contract — released for the family's higher choice, declined or lapsed — the place
// is free for a child of the same Kita year, age band and weekly hours, and the Kita's published
// admission criteria say who comes first. Pure: the staff device runs it on its local queue offline.
import type { AdmissionCriterion } from './allocation/criteria';
import type { RequestStatus } from './placement';
import type { QueueMove } from './allocation/moves';
import { rankQueue, type QueueRow } from './queue';

/** Statuses in which a request's offer ended without a contract: its place is free again. */
export const FREED_STATUSES = ['released', 'declined', 'expired'] as const satisfies readonly RequestStatus[];

export function freesPlace(status: RequestStatus): boolean {
	return (FREED_STATUSES as readonly RequestStatus[]).includes(status);
}

/**
 * Up to `count` waiting requests that fit the freed place (same Kita year, age band at their start
 * and weekly hours; no contract elsewhere), best first as the queue sorted by criteria shows them:
 * the Kita's criteria, then its staff's moves. Empty when the place is not free (the request's offer
 * has not ended).
 */
export function nextCandidates(
	rows: readonly QueueRow[],
	freed: Pick<QueueRow, 'id' | 'status' | 'kitaYearId' | 'ageBand' | 'weeklyHours'>,
	criteria: readonly AdmissionCriterion[],
	moves: readonly QueueMove[] = [],
	count = 3
): QueueRow[] {
	if (!freesPlace(freed.status)) return [];
	// Ranked whole, then filtered: a move names its neighbour, which need not fit this place.
	const fitting = rankQueue(rows, criteria, moves).filter(
		(r) =>
			r.id !== freed.id &&
			r.status === 'registered' &&
			!r.contractElsewhere &&
			r.kitaYearId === freed.kitaYearId &&
			r.ageBand === freed.ageBand &&
			r.weeklyHours === freed.weeklyHours
	);
	return fitting.slice(0, count);
}
