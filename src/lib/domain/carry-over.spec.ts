import { describe, expect, it } from 'vitest';
import { carriedStartDate, carriesOver, carryOverRule, nextKitaYear } from './carry-over';
import { defaultKitaYear } from './kita-year';

const year = defaultKitaYear(2026); // allocation ends 15 Mar 2026, year ends 31 Jul 2027

describe('carry-over rule', () => {
	it.each([
		['2026-03-15', null, null],
		['2026-03-16', null, { kind: 'registeredUpTo', day: '2026-03-15' }],
		[
			'2026-01-10',
			'2026-01-09T10:00:00.000Z',
			{ kind: 'registeredBefore', instant: '2026-01-09T10:00:00.000Z' }
		],
		['2027-08-01', '2026-01-09T10:00:00.000Z', { kind: 'all' }]
	] as const)('on %s with closure %s: %j', (today, closedAt, rule) => {
		expect(carryOverRule(year, closedAt, today)).toEqual(rule);
	});

	it('takes requests registered by the end of the allocation day in Soest', () => {
		const rule = { kind: 'registeredUpTo', day: '2026-03-15' } as const;
		expect(carriesOver(rule, '2026-03-15T22:59:59Z')).toBe(true);
		expect(carriesOver(rule, '2026-03-15T23:00:00Z')).toBe(false);
		expect(
			carriesOver({ kind: 'registeredBefore', instant: '2026-02-01T00:00:00Z' }, '2026-02-01T00:00:00Z')
		).toBe(false);
		expect(carriesOver({ kind: 'all' }, '2027-07-31T00:00:00Z')).toBe(true);
	});

	it('finds the following year and moves the start into it', () => {
		expect(nextKitaYear(year, [defaultKitaYear(2028), defaultKitaYear(2027), year])?.id).toBe('2027-28');
		expect(nextKitaYear(defaultKitaYear(2028), [year])).toBeUndefined();
		expect(carriedStartDate('2027-01-01', defaultKitaYear(2027))).toBe('2027-08-01');
		expect(carriedStartDate('2027-09-01', defaultKitaYear(2027))).toBe('2027-09-01');
	});
});
