import { describe, expect, it } from 'vitest';
import { chunks } from './chunks';

describe('chunks', () => {
	it('splits in order, at most 500 each, and nothing for an empty list', () => {
		const ids = Array.from({ length: 1001 }, (_, i) => i);
		const parts = chunks(ids);
		expect(parts.map((p) => p.length)).toEqual([500, 500, 1]);
		expect(parts.flat()).toEqual(ids);
		expect(chunks([])).toEqual([]);
		expect(chunks([1, 2, 3], 2)).toEqual([[1, 2], [3]]);
	});
});
