import { describe, it, expect } from 'vitest';
import {
	addDays,
	addMonths,
	compareDays,
	dayOfInstant,
	dayParts,
	daysBetween,
	daysInMonth,
	endOfMonth,
	isDay,
	isLeapYear,
	startOfMonth,
	toDay
} from './calendar-day';

describe('isDay', () => {
	it.each([
		['2024-02-29', true],
		['2025-02-29', false],
		['2000-02-29', true],
		['1900-02-29', false],
		['2025-01-31', true],
		['2025-04-31', false],
		['2025-12-31', true],
		['2025-13-01', false],
		['2025-00-10', false],
		['2025-01-00', false],
		['0000-01-01', true],
		['9999-12-31', true],
		['2025-1-01', false],
		['2025-01-1', false],
		['25-01-01', false],
		['2025/01/01', false],
		['2025-01-01T00:00:00Z', false],
		[' 2025-01-01', false],
		['', false],
		['abcd-ef-gh', false]
	])('%j → %s', (input, expected) => {
		expect(isDay(input)).toBe(expected);
	});
});

describe('isLeapYear and daysInMonth', () => {
	it.each([
		[2024, true],
		[2025, false],
		[2000, true],
		[2100, false],
		[1900, false],
		[2400, true]
	])('%i leap: %s', (year, expected) => {
		expect(isLeapYear(year)).toBe(expected);
	});

	it.each([
		[2024, 2, 29],
		[2025, 2, 28],
		[2025, 1, 31],
		[2025, 4, 30],
		[2025, 6, 30],
		[2025, 7, 31],
		[2025, 8, 31],
		[2025, 9, 30],
		[2025, 11, 30],
		[2025, 12, 31]
	])('%i-%i has %i days', (year, month, expected) => {
		expect(daysInMonth(year, month)).toBe(expected);
	});
});

describe('toDay and dayParts', () => {
	it.each([
		[2026, 8, 1, '2026-08-01'],
		[2024, 2, 29, '2024-02-29'],
		[2025, 12, 31, '2025-12-31'],
		[5, 3, 7, '0005-03-07']
	])('toDay(%i, %i, %i) = %s and back', (year, month, day, expected) => {
		expect(toDay(year, month, day)).toBe(expected);
		expect(dayParts(expected)).toEqual({ year, month, day });
	});

	it.each([
		[2025, 2, 29],
		[2025, 13, 1],
		[2025, 0, 1],
		[2025, 1, 0],
		[2025, 1, 1.5],
		[-1, 1, 1],
		[10000, 1, 1],
		[Number.NaN, 1, 1]
	])('toDay(%d, %d, %d) throws', (year, month, day) => {
		expect(() => toDay(year, month, day)).toThrow(RangeError);
	});

	it.each(['2025-02-29', '2025-1-1', '', '2025-01-01T10:00'])('dayParts(%j) throws', (input) => {
		expect(() => dayParts(input)).toThrow(RangeError);
	});
});

describe('addDays', () => {
	it.each([
		['2025-01-31', 1, '2025-02-01'],
		['2024-02-28', 1, '2024-02-29'],
		['2024-02-29', 1, '2024-03-01'],
		['2025-02-28', 1, '2025-03-01'],
		['2025-12-31', 1, '2026-01-01'],
		['2026-01-01', -1, '2025-12-31'],
		['2024-03-01', -1, '2024-02-29'],
		['2025-03-01', -1, '2025-02-28'],
		// DST changes in Europe/Berlin must not matter for days.
		['2025-03-29', 1, '2025-03-30'],
		['2025-03-30', 1, '2025-03-31'],
		['2025-10-25', 1, '2025-10-26'],
		['2025-10-26', 1, '2025-10-27'],
		['2025-03-01', 30, '2025-03-31'],
		['2025-08-01', 365, '2026-08-01'],
		['2024-01-01', 366, '2025-01-01'],
		['2026-07-31', 1, '2026-08-01'],
		['2025-06-15', 0, '2025-06-15'],
		['1999-12-31', 1, '2000-01-01'],
		['2000-02-28', 1, '2000-02-29'],
		['2100-02-28', 1, '2100-03-01']
	])('%s + %i = %s', (day, n, expected) => {
		expect(addDays(day, n)).toBe(expected);
	});

	it('agrees with UTC Date arithmetic for every day from 1899 to 2101', () => {
		let day = '1899-01-01';
		const date = new Date(Date.UTC(1899, 0, 1));
		let mismatches = 0;
		let count = 0;
		while (date.getUTCFullYear() <= 2101) {
			if (day !== date.toISOString().slice(0, 10)) mismatches++;
			day = addDays(day, 1);
			date.setUTCDate(date.getUTCDate() + 1);
			count++;
		}
		expect(count).toBeGreaterThan(73_000);
		expect(mismatches).toBe(0);
	});

	it('rejects fractional day counts and leaving the supported years', () => {
		expect(() => addDays('2025-01-01', 0.5)).toThrow(RangeError);
		expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
		expect(() => addDays('0000-01-01', -1)).toThrow(RangeError);
	});
});

describe('addMonths', () => {
	it.each([
		['2024-01-31', 1, '2024-02-29'],
		['2025-01-31', 1, '2025-02-28'],
		['2025-01-30', 1, '2025-02-28'],
		['2025-01-28', 1, '2025-02-28'],
		['2025-03-31', 1, '2025-04-30'],
		['2025-03-31', -1, '2025-02-28'],
		['2024-03-31', -1, '2024-02-29'],
		['2024-02-29', 12, '2025-02-28'],
		['2024-02-29', 48, '2028-02-29'],
		['2024-02-29', -12, '2023-02-28'],
		['2025-12-15', 1, '2026-01-15'],
		['2026-01-15', -1, '2025-12-15'],
		['2025-11-30', 3, '2026-02-28'],
		['2025-08-01', 6, '2026-02-01'],
		['2025-08-31', 6, '2026-02-28'],
		['2025-05-31', 0, '2025-05-31'],
		['2025-07-31', -24, '2023-07-31']
	])('%s + %i months = %s', (day, n, expected) => {
		expect(addMonths(day, n)).toBe(expected);
	});

	it('does not accumulate clamping: the day of month comes from the start day each time', () => {
		expect(addMonths(addMonths('2025-01-31', 1), 1)).toBe('2025-03-28');
		expect(addMonths('2025-01-31', 2)).toBe('2025-03-31');
	});

	it('rejects fractional month counts and leaving the supported years', () => {
		expect(() => addMonths('2025-01-01', 1.5)).toThrow(RangeError);
		expect(() => addMonths('9999-12-01', 1)).toThrow(RangeError);
		expect(() => addMonths('0000-01-01', -1)).toThrow(RangeError);
	});
});

describe('compareDays', () => {
	it.each([
		['2025-01-01', '2025-01-02', -1],
		['2025-01-02', '2025-01-01', 1],
		['2025-01-01', '2025-01-01', 0],
		['2025-12-31', '2026-01-01', -1],
		['2024-02-29', '2024-03-01', -1],
		['2026-07-31', '2026-08-01', -1]
	])('compareDays(%s, %s) has the sign of %i', (a, b, sign) => {
		expect(Math.sign(compareDays(a, b))).toBe(sign);
	});

	it('sorts days chronologically', () => {
		const days = ['2026-01-01', '2024-02-29', '2025-12-31', '2025-01-31'];
		expect([...days].sort(compareDays)).toEqual(['2024-02-29', '2025-01-31', '2025-12-31', '2026-01-01']);
	});

	it('throws on something that is not a day', () => {
		expect(() => compareDays('2025-02-30', '2025-03-01')).toThrow(RangeError);
	});
});

describe('daysBetween', () => {
	it.each([
		['2025-01-01', '2025-01-01', 0],
		['2025-12-31', '2026-01-01', 1],
		['2026-01-01', '2025-12-31', -1],
		['2024-02-28', '2024-03-01', 2],
		['2025-02-28', '2025-03-01', 1],
		['2025-03-29', '2025-03-31', 2],
		['2025-10-25', '2025-10-27', 2],
		['2025-08-01', '2026-07-31', 364],
		['2023-08-01', '2024-07-31', 365],
		['2024-01-01', '2025-01-01', 366],
		['1970-01-01', '2000-01-01', 10957]
	])('from %s to %s is %i', (from, to, expected) => {
		expect(daysBetween(from, to)).toBe(expected);
	});

	it('is the inverse of addDays', () => {
		for (const n of [-400, -31, -1, 0, 1, 29, 366, 1000]) {
			expect(daysBetween('2024-02-29', addDays('2024-02-29', n))).toBe(n);
		}
	});
});

describe('startOfMonth and endOfMonth', () => {
	it.each([
		['2025-01-31', '2025-01-01', '2025-01-31'],
		['2024-02-29', '2024-02-01', '2024-02-29'],
		['2025-02-10', '2025-02-01', '2025-02-28'],
		['2025-12-01', '2025-12-01', '2025-12-31'],
		['2025-04-15', '2025-04-01', '2025-04-30']
	])('%s → %s … %s', (day, start, end) => {
		expect(startOfMonth(day)).toBe(start);
		expect(endOfMonth(day)).toBe(end);
	});
});

describe('dayOfInstant', () => {
	it('answers each instant for itself, in turn across midnight and between zones (the kept answer)', () => {
		const before = new Date('2025-12-31T22:59:59.999Z');
		const after = new Date('2025-12-31T23:00:00.000Z');
		expect([before, after, before, after].map((at) => dayOfInstant(at))).toEqual([
			'2025-12-31',
			'2026-01-01',
			'2025-12-31',
			'2026-01-01'
		]);
		expect(dayOfInstant(after, 'UTC')).toBe('2025-12-31');
		expect(dayOfInstant(after)).toBe('2026-01-01');
	});

	it.each([
		// Berlin is UTC+1 in winter: 23:30 UTC is already the next day there.
		['2025-12-31T23:30:00Z', 'Europe/Berlin', '2026-01-01'],
		['2025-12-31T22:59:59.999Z', 'Europe/Berlin', '2025-12-31'],
		['2025-12-31T23:00:00Z', 'Europe/Berlin', '2026-01-01'],
		['2025-12-31T23:30:00Z', 'UTC', '2025-12-31'],
		// The night of the spring change (30 Mar 2025, 02:00 CET → 03:00 CEST).
		['2025-03-29T22:59:59Z', 'Europe/Berlin', '2025-03-29'],
		['2025-03-29T23:00:00Z', 'Europe/Berlin', '2025-03-30'],
		['2025-03-30T21:59:59Z', 'Europe/Berlin', '2025-03-30'],
		['2025-03-30T22:00:00Z', 'Europe/Berlin', '2025-03-31'],
		// The night of the autumn change (26 Oct 2025, 03:00 CEST → 02:00 CET).
		['2025-10-25T21:59:59Z', 'Europe/Berlin', '2025-10-25'],
		['2025-10-25T22:00:00Z', 'Europe/Berlin', '2025-10-26'],
		['2025-10-26T22:59:59Z', 'Europe/Berlin', '2025-10-26'],
		['2025-10-26T23:00:00Z', 'Europe/Berlin', '2025-10-27'],
		// 29 February and the start of a Kita year, seen from Berlin in summer (UTC+2).
		['2024-02-28T23:00:00Z', 'Europe/Berlin', '2024-02-29'],
		['2026-07-31T22:00:00Z', 'Europe/Berlin', '2026-08-01'],
		['2026-07-31T21:59:59Z', 'Europe/Berlin', '2026-07-31'],
		['2026-01-01T03:00:00Z', 'America/New_York', '2025-12-31'],
		['2025-12-31T11:00:00Z', 'Pacific/Kiritimati', '2026-01-01']
	])('%s in %s is %s', (instant, timeZone, expected) => {
		expect(dayOfInstant(new Date(instant), timeZone)).toBe(expected);
	});

	it('defaults to Europe/Berlin', () => {
		expect(dayOfInstant(new Date('2025-06-30T22:30:00Z'))).toBe('2025-07-01');
	});

	it('throws on an invalid instant and an unknown time zone', () => {
		expect(() => dayOfInstant(new Date('not a date'))).toThrow(RangeError);
		expect(() => dayOfInstant(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
	});
});
