import { describe, expect, it } from 'vitest';
import { applyMoves, moveInQueueSchema, moveTarget, rankMoveOf, type RankMove } from './moves';

const move = (
	id: string,
	subject: string,
	placement: 'before' | 'after',
	anchor: string,
	at: string
): RankMove => ({
	id,
	subject,
	anchor,
	placement,
	at
});
const same = (x: string) => x;

describe('applyMoves', () => {
	const ranking = ['A', 'B', 'C', 'D', 'E'];

	it('puts the subject just before or after its anchor', () => {
		expect(applyMoves(ranking, same, [move('1', 'D', 'before', 'B', '2026-12-01T10:00:00Z')])).toEqual([
			'A',
			'D',
			'B',
			'C',
			'E'
		]);
		expect(applyMoves(ranking, same, [move('1', 'A', 'after', 'C', '2026-12-01T10:00:00Z')])).toEqual([
			'B',
			'C',
			'A',
			'D',
			'E'
		]);
	});

	it('applies the moves oldest first, in whatever order they come', () => {
		const moves = [
			move('2', 'E', 'before', 'A', '2026-12-02T10:00:00Z'),
			move('1', 'A', 'after', 'B', '2026-12-01T10:00:00Z')
		];
		expect(applyMoves(ranking, same, moves)).toEqual(['B', 'E', 'A', 'C', 'D']);
		expect(applyMoves(ranking, same, [...moves].reverse())).toEqual(['B', 'E', 'A', 'C', 'D']);
	});

	it('ignores a move whose subject or anchor is not ranked, and leaves the input alone', () => {
		const input = [...ranking];
		expect(
			applyMoves(input, same, [
				move('1', 'X', 'before', 'A', '2026-12-01T10:00:00Z'),
				move('2', 'C', 'before', 'Y', '2026-12-01T11:00:00Z')
			])
		).toEqual(ranking);
		expect(input).toEqual(ranking);
	});

	it('keeps a move next to its anchor when the criteria rank the anchor elsewhere', () => {
		const moves = [move('1', 'E', 'before', 'C', '2026-12-01T10:00:00Z')];
		expect(applyMoves(['C', 'A', 'B', 'D', 'E'], same, moves)).toEqual(['E', 'C', 'A', 'B', 'D']);
	});
});

describe('moveTarget', () => {
	const ids = ['A', 'B', 'C', 'D'];
	it.each([
		[2, 'up', { anchorRequestId: 'B', placement: 'before' }],
		[1, 'down', { anchorRequestId: 'C', placement: 'after' }],
		[3, 1, { anchorRequestId: 'A', placement: 'before' }],
		[0, 3, { anchorRequestId: 'C', placement: 'after' }],
		[0, 99, { anchorRequestId: 'D', placement: 'after' }]
	] as const)('from %s to %s', (from, to, expected) => {
		expect(moveTarget(ids, from, to)).toEqual(expected);
	});

	it.each([
		[0, 'up'],
		[3, 'down'],
		[2, 3],
		[7, 1]
	] as const)('does not move from %s to %s', (from, to) => {
		expect(moveTarget(ids, from, to)).toBeNull();
	});

	it('moves to the position shown: the moved item ends there', () => {
		for (let from = 0; from < ids.length; from++)
			for (let to = 1; to <= ids.length; to++) {
				const target = moveTarget(ids, from, to);
				if (!target) continue;
				const subject = ids[from] ?? '';
				const moved = applyMoves(ids, same, [
					{ id: 'm', subject, anchor: target.anchorRequestId, placement: target.placement, at: 'x' }
				]);
				expect(moved.indexOf(subject)).toBe(to - 1);
			}
	});
});

describe('moveInQueueSchema', () => {
	const valid = {
		id: '00000000-0000-4000-8000-000000000001',
		requestId: '00000000-0000-4000-8000-000000000002',
		anchorRequestId: '00000000-0000-4000-8000-000000000003',
		placement: 'before'
	};
	it('requires a written reason', () => {
		expect(moveInQueueSchema.safeParse({ ...valid, reason: '   ' }).error?.issues[0]?.message).toBe(
			'reasonRequired'
		);
		expect(moveInQueueSchema.safeParse({ ...valid, reason: 'x'.repeat(501) }).error?.issues[0]?.message).toBe(
			'tooLong'
		);
		expect(moveInQueueSchema.parse({ ...valid, reason: ' Härtefall laut Jugendamt ' }).reason).toBe(
			'Härtefall laut Jugendamt'
		);
	});
	it('refuses a request placed next to itself', () => {
		expect(
			moveInQueueSchema.safeParse({ ...valid, anchorRequestId: valid.requestId, reason: 'x' }).success
		).toBe(false);
	});
	it('maps a stored move to the ranking by request id', () => {
		expect(
			rankMoveOf({
				id: 'm',
				requestId: 'r1',
				anchorRequestId: 'r2',
				facilityId: 'k',
				kitaYearId: '2027-28',
				placement: 'after',
				reason: 'x',
				movedAt: 't'
			})
		).toEqual({ id: 'm', subject: 'r1', anchor: 'r2', placement: 'after', at: 't' });
	});
});
