// A Kita's manual moves in its ranking by admission criteria (issue 17, point 2): staff place a
// child's request just before or just after another request of the same Kita and Kita year, with
// a written reason. A move names its neighbour rather than a number, so it keeps its meaning
// while other children join or leave the queue. The staff queue and the offer round apply the
// same moves the same way, after ranking by the criteria.
import { z } from '../zod';

export const MOVE_PLACEMENTS = ['before', 'after'] as const;
export type MovePlacement = (typeof MOVE_PLACEMENTS)[number];

/** Long enough for a sentence or two and a file reference; the reason is read in the audit. */
export const MOVE_REASON_MAX = 500;

/** A move as stored and synced to the Kita's devices (never to parents). */
export interface QueueMove {
	id: string;
	/** The request moved. */
	requestId: string;
	facilityId: string;
	/** The moved request's Kita year when it was moved (a carry-over may take both on to the next). */
	kitaYearId: string;
	/** The request it was placed next to. */
	anchorRequestId: string;
	placement: MovePlacement;
	reason: string;
	/** Server time of the move (the device's until the server has it): moves apply in this order. */
	movedAt: string;
}

/** The sync mutation's arguments: the Kita and Kita year are the moved request's. */
export const moveInQueueSchema = z
	.object({
		id: z.uuid(),
		requestId: z.uuid(),
		anchorRequestId: z.uuid(),
		placement: z.enum(MOVE_PLACEMENTS),
		reason: z
			.string()
			.trim()
			.min(1, { message: 'reasonRequired' })
			.max(MOVE_REASON_MAX, { message: 'tooLong' })
	})
	.refine((m) => m.requestId !== m.anchorRequestId, { message: 'sameRequest', path: ['anchorRequestId'] });
export type MoveInQueueInput = z.infer<typeof moveInQueueSchema>;

/** A move as the ranking applies it: `subject` goes just before or after `anchor`. */
export interface RankMove {
	id: string;
	subject: string;
	anchor: string;
	placement: MovePlacement;
	at: string;
}

/** A stored move as the queue applies it (by request id). */
export function rankMoveOf(move: QueueMove): RankMove {
	return {
		id: move.id,
		subject: move.requestId,
		anchor: move.anchorRequestId,
		placement: move.placement,
		at: move.movedAt
	};
}

/**
 * The ranking with the moves applied, oldest first (by time, then id, so any input order gives the
 * same result): each takes its subject out and puts it just before or after its anchor. A move
 * whose subject or anchor is not in the ranking (another Kita year, no longer waiting, deleted)
 * changes nothing. Returns a new array.
 */
export function applyMoves<T>(
	ranked: readonly T[],
	idOf: (item: T) => string,
	moves: readonly RankMove[]
): T[] {
	const order = [...ranked];
	if (!moves.length) return order;
	const sorted = [...moves].sort((a, b) =>
		a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
	);
	for (const move of sorted) {
		const from = order.findIndex((item) => idOf(item) === move.subject);
		if (from < 0) continue;
		const [item] = order.splice(from, 1) as [T];
		const anchor = order.findIndex((other) => idOf(other) === move.anchor);
		if (anchor < 0) order.splice(from, 0, item);
		else order.splice(move.placement === 'before' ? anchor : anchor + 1, 0, item);
	}
	return order;
}

/**
 * Where a move of the item at `from` in the list shown puts it: one up (before the one above), one
 * down (after the one below) or to a 1-based position (before the one there when moving up, after
 * it when moving down). Null when it would not move (already first, last, or at that position).
 */
export function moveTarget(
	ids: readonly string[],
	from: number,
	to: 'up' | 'down' | number
): { anchorRequestId: string; placement: MovePlacement } | null {
	if (from < 0 || from >= ids.length) return null;
	const target =
		to === 'up' ? from - 1 : to === 'down' ? from + 1 : Math.min(Math.max(Math.trunc(to), 1), ids.length) - 1;
	if (target === from || target < 0 || target >= ids.length) return null;
	const anchorRequestId = ids[target];
	if (anchorRequestId === undefined) return null;
	return { anchorRequestId, placement: target < from ? 'before' : 'after' };
}
