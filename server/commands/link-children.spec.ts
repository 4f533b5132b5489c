import { describe, expect, it } from 'vitest';
import { ranksAfterLink } from './link-children';

const req = (id: string, rank: number, kita_year_id = '2027-28', registered_at = '2026-11-01T09:00:00Z') => ({
	id,
	kita_year_id,
	rank,
	registered_at
});

describe('ranksAfterLink', () => {
	it('keeps the surviving child’s order first and appends the linked child’s in theirs', () => {
		const ranks = ranksAfterLink([req('x', 1), req('y', 2)], [req('b', 2), req('a', 1), req('c', 3)]);
		expect(Object.fromEntries(ranks)).toEqual({ a: 3, b: 4, c: 5 });
	});

	it('closes gaps and settles equal ranks by registration time, then id', () => {
		const ranks = ranksAfterLink(
			[req('x', 1), req('y', 4)],
			[
				req('q', 1, '2027-28', '2026-11-02T09:00:00Z'),
				req('p', 1, '2027-28', '2026-11-02T09:00:00Z'),
				req('o', 1)
			]
		);
		expect(Object.fromEntries(ranks)).toEqual({ y: 2, o: 3, p: 4, q: 5 });
	});

	it('numbers each Kita year on its own and leaves years without incoming requests alone', () => {
		const ranks = ranksAfterLink(
			[req('x', 1), req('old', 7, '2025-26'), req('run', 1, '2026-27')],
			[req('a', 1), req('b', 3, '2026-27')]
		);
		expect(Object.fromEntries(ranks)).toEqual({ a: 2, b: 2 });
	});
});
