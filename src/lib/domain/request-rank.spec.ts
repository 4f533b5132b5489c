import { describe, expect, it } from 'vitest';
import { rankInYear } from './request';

describe('rankInYear', () => {
	const child = [
		{ id: 'x', kitaYearId: '2027-28', rank: 1 },
		{ id: 'y', kitaYearId: '2027-28', rank: 2 },
		{ id: 'z', kitaYearId: '2026-27', rank: 1 }
	];
	it('keeps the rank within the same Kita year', () => {
		expect(rankInYear({ id: 'y', kitaYearId: '2027-28', rank: 2 }, '2027-28', child)).toBe(2);
	});
	it('puts a request moved into another Kita year behind that year’s', () => {
		expect(rankInYear({ id: 'z', kitaYearId: '2026-27', rank: 1 }, '2027-28', child)).toBe(3);
		expect(rankInYear({ id: 'x', kitaYearId: '2027-28', rank: 1 }, '2026-27', child)).toBe(2);
		expect(rankInYear({ id: 'x', kitaYearId: '2027-28', rank: 1 }, '2028-29', child)).toBe(1);
	});
});
