import { describe, it, expect } from 'vitest';
import type { KitaYearId } from './ids';
import {
	ageBandAt,
	ageInMonths,
	defaultKitaYear,
	hasLegalClaim,
	isBorn,
	isRunningYear,
	kibizShortNotice,
	kitaYearFor,
	kitaYearId,
	kitaYearIdOf,
	kitaYearLabel,
	kitaYearStartYear,
	offerAnswerBy,
	offerExpiresAt,
	offersOpen,
	registrationWindow,
	type KitaYear
} from './kita-year';

const year2026 = defaultKitaYear(2026);

describe('Kita year ids and labels', () => {
	it.each([
		[2026, '2026-27', '2026/27'],
		[2025, '2025-26', '2025/26'],
		[1999, '1999-00', '1999/00'],
		[2099, '2099-00', '2099/00'],
		[2009, '2009-10', '2009/10']
	])('start year %i → %s, %s', (startYear, id, label) => {
		expect(kitaYearId(startYear)).toBe(id);
		expect(kitaYearLabel(startYear)).toBe(label);
		expect(kitaYearStartYear(id)).toBe(startYear);
	});

	it.each(['2026-28', '2026/27', '2026-2027', '26-27', '', '2026-7', '0000-01', '9999-00'])(
		'%j is not a Kita year id',
		(id) => {
			expect(kitaYearStartYear(id)).toBeNull();
		}
	);

	it.each([2026.5, 0, 9999, Number.NaN])('start year %d is refused', (startYear) => {
		expect(() => kitaYearId(startYear)).toThrow(RangeError);
		expect(() => kitaYearLabel(startYear)).toThrow(RangeError);
	});
});

describe('kitaYearIdOf', () => {
	it.each([
		['2026-07-31', '2025-26'],
		['2026-08-01', '2026-27'],
		['2026-12-31', '2026-27'],
		['2027-01-01', '2026-27'],
		['2024-02-29', '2023-24'],
		['2027-07-31', '2026-27'],
		['2027-08-01', '2027-28'],
		['1999-12-31', '1999-00'],
		['2000-01-01', '1999-00']
	])('%s belongs to %s', (day, expected) => {
		expect(kitaYearIdOf(day)).toBe(expected);
	});
});

describe('defaultKitaYear', () => {
	it('uses the dates of DESIGN.md', () => {
		expect(defaultKitaYear(2026)).toEqual({
			id: '2026-27',
			label: '2026/27',
			startsOn: '2026-08-01',
			endsOn: '2027-07-31',
			registrationOpensOn: '2025-10-01',
			preferredDeadline: '2025-11-15',
			reviewEndsOn: '2025-11-30',
			offersFrom: '2025-12-01',
			allocationEndsOn: '2026-03-15',
			offerResponseDays: 14
		});
	});

	it('starts a year the day after the previous one ends', () => {
		expect(defaultKitaYear(2027).startsOn).toBe('2027-08-01');
		expect(defaultKitaYear(2026).endsOn).toBe('2027-07-31');
	});
});

describe('kitaYearFor', () => {
	const years = [defaultKitaYear(2025), defaultKitaYear(2026), defaultKitaYear(2027)];

	it.each([
		['2025-08-01', '2025-26'],
		['2026-07-31', '2025-26'],
		['2026-08-01', '2026-27'],
		['2027-02-28', '2026-27'],
		['2028-07-31', '2027-28']
	])('%s → %s', (day, expected) => {
		expect(kitaYearFor(day, years)?.id).toBe(expected);
	});

	it.each(['2025-07-31', '2028-08-01'])('%s is in no configured year', (day) => {
		expect(kitaYearFor(day, years)).toBeUndefined();
	});

	it('finds nothing in an empty list', () => {
		expect(kitaYearFor('2026-01-01', [])).toBeUndefined();
	});
});

describe('isRunningYear', () => {
	it.each([
		['2026-07-31', false],
		['2026-08-01', true],
		['2027-01-01', true],
		['2027-07-31', true],
		['2027-08-01', false]
	])('2026/27 on %s: %s', (today, expected) => {
		expect(isRunningYear(year2026, today)).toBe(expected);
	});
});

describe('registrationWindow', () => {
	it.each([
		['2025-09-30', { open: false, reason: 'notYetOpen', opensOn: '2025-10-01' }],
		['2025-10-01', { open: true }],
		['2025-11-16', { open: true }],
		['2026-07-31', { open: true }],
		['2026-08-01', { open: true }],
		['2027-07-31', { open: true }],
		['2027-08-01', { open: false, reason: 'yearEnded' }],
		['2024-01-01', { open: false, reason: 'notYetOpen', opensOn: '2025-10-01' }]
	])('2026/27 on %s → %j', (today, expected) => {
		expect(registrationWindow(year2026, today)).toEqual(expected);
	});

	it('keeps the running year open all year even if its opening day was set late', () => {
		const odd: KitaYear = { ...year2026, registrationOpensOn: '2026-09-01' };
		expect(registrationWindow(odd, '2026-08-15')).toEqual({ open: true });
	});

	it('follows a changed opening day for a coming year', () => {
		const later: KitaYear = { ...year2026, registrationOpensOn: '2025-10-15' };
		expect(registrationWindow(later, '2025-10-14')).toEqual({
			open: false,
			reason: 'notYetOpen',
			opensOn: '2025-10-15'
		});
		expect(registrationWindow(later, '2025-10-15')).toEqual({ open: true });
	});
});

describe('offersOpen', () => {
	it.each([
		['2025-10-01', false],
		['2025-11-30', false],
		['2025-12-01', true],
		['2026-03-16', true],
		['2026-08-01', true],
		['2027-07-31', true],
		['2027-08-01', false]
	])('2026/27 on %s: %s', (today, expected) => {
		expect(offersOpen(year2026, today)).toBe(expected);
	});

	it('allows offers at once in the running year even before a late offersFrom', () => {
		const odd: KitaYear = { ...year2026, offersFrom: '2026-10-01' };
		expect(offersOpen(odd, '2026-08-01')).toBe(true);
	});
});

describe('offer deadlines', () => {
	it.each([
		['2025-12-01', '2025-12-15'],
		['2025-12-20', '2026-01-03'],
		['2024-02-20', '2024-03-05'],
		['2025-02-20', '2025-03-06'],
		['2026-07-25', '2026-08-08']
	])('an offer of %s is to be answered by %s', (offeredOn, expected) => {
		expect(offerAnswerBy(offeredOn, year2026)).toBe(expected);
	});

	it('uses the year’s response days', () => {
		expect(offerAnswerBy('2026-01-01', { offerResponseDays: 7 })).toBe('2026-01-08');
	});

	it.each([
		['2025-12-01T09:00:00.000Z', '2025-12-15T09:00:00.000Z'],
		// 14 × 24 h across the spring DST change: the instant is exact, the wall clock moves.
		['2026-03-20T10:00:00.000Z', '2026-04-03T10:00:00.000Z'],
		['2024-02-20T23:59:59.999Z', '2024-03-05T23:59:59.999Z']
	])('an offer made at %s expires at %s', (offeredAt, expected) => {
		expect(offerExpiresAt(new Date(offeredAt), year2026).toISOString()).toBe(expected);
	});

	it('refuses an invalid instant', () => {
		expect(() => offerExpiresAt(new Date('nope'), year2026)).toThrow(RangeError);
	});
});

describe('ageInMonths', () => {
	it.each([
		// Ordinary days.
		['2025-01-15', '2025-01-15', 0],
		['2025-01-15', '2025-02-14', 0],
		['2025-01-15', '2025-02-15', 1],
		['2025-01-15', '2026-01-14', 11],
		['2025-01-15', '2026-01-15', 12],
		// Born on the 31st: a month without that day completes on the 1st of the next month.
		['2025-01-31', '2025-02-28', 0],
		['2025-01-31', '2025-03-01', 1],
		['2025-01-31', '2025-03-30', 1],
		['2025-01-31', '2025-03-31', 2],
		['2025-01-31', '2025-04-30', 2],
		['2025-01-31', '2025-05-01', 3],
		['2024-01-31', '2024-02-29', 0],
		['2024-01-31', '2024-03-01', 1],
		['2024-01-30', '2024-02-29', 0],
		['2024-01-29', '2024-02-29', 1],
		['2025-01-29', '2025-02-28', 0],
		['2025-01-29', '2025-03-01', 1],
		['2025-01-28', '2025-02-28', 1],
		// Born on 29 February.
		['2024-02-29', '2024-03-28', 0],
		['2024-02-29', '2024-03-29', 1],
		['2024-02-29', '2025-02-28', 11],
		['2024-02-29', '2025-03-01', 12],
		['2024-02-29', '2027-02-28', 35],
		['2024-02-29', '2027-03-01', 36],
		['2024-02-29', '2028-02-28', 47],
		['2024-02-29', '2028-02-29', 48],
		// Across year ends and Kita-year boundaries.
		['2024-12-31', '2025-01-30', 0],
		['2024-12-31', '2025-01-31', 1],
		['2023-08-01', '2026-07-31', 35],
		['2023-08-01', '2026-08-01', 36],
		['2023-07-31', '2026-07-31', 36],
		// Before the birth.
		['2025-06-15', '2025-06-14', -1],
		['2025-06-15', '2025-05-15', -1],
		['2025-06-15', '2025-05-14', -2]
	])('born %s, on %s: %i completed months', (birthDate, at, expected) => {
		expect(ageInMonths(birthDate, at)).toBe(expected);
	});

	it('never decreases from one day to the next and grows by 12 a year', () => {
		const birth = '2024-01-31';
		let previous = 0;
		let decreases = 0;
		let day = birth;
		for (let i = 0; i < 4 * 366; i++) {
			const age = ageInMonths(birth, day);
			if (age < previous) decreases++;
			previous = age;
			day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
		}
		expect(decreases).toBe(0);
		expect(ageInMonths(birth, '2028-01-31')).toBe(48);
	});
});

describe('ageBandAt and hasLegalClaim', () => {
	it.each([
		['2023-08-01', '2026-07-31', 'u3'],
		['2023-08-01', '2026-08-01', 'ue3'],
		['2024-02-29', '2027-02-28', 'u3'],
		['2024-02-29', '2027-03-01', 'ue3'],
		['2025-06-01', '2025-07-01', 'u3'],
		['2020-01-01', '2026-08-01', 'ue3']
	])('born %s, on %s: %s', (birthDate, at, expected) => {
		expect(ageBandAt(birthDate, at)).toBe(expected);
	});

	it.each([
		['2025-08-01', '2026-07-31', false],
		['2025-08-01', '2026-08-01', true],
		['2024-02-29', '2025-02-28', false],
		['2024-02-29', '2025-03-01', true],
		['2025-01-31', '2026-01-31', true],
		['2025-01-31', '2026-01-30', false],
		['2026-09-01', '2026-08-01', false]
	])('born %s, on %s: legal claim %s', (birthDate, at, expected) => {
		expect(hasLegalClaim(birthDate, at)).toBe(expected);
	});
});

describe('kibizShortNotice', () => {
	it.each([
		['2026-08-01', '2026-02-01', false],
		['2026-08-01', '2026-02-02', true],
		['2026-07-31', '2026-02-01', true],
		['2027-01-01', '2026-02-01', false],
		['2026-02-01', '2026-02-01', true],
		['2026-01-15', '2026-02-01', true],
		// Six months after 31 Aug is 28 Feb (clamped), so 1 Mar is far enough ahead.
		['2026-02-28', '2025-08-31', false],
		['2026-02-27', '2025-08-31', true],
		['2026-03-01', '2025-08-31', false],
		['2024-02-29', '2023-08-29', false],
		['2024-02-28', '2023-08-29', true]
	])('start %s, today %s: short notice %s', (startDate, today, expected) => {
		expect(kibizShortNotice(startDate, today)).toBe(expected);
	});
});

describe('isBorn', () => {
	it.each([
		['2026-03-01', '2026-02-28', false],
		['2026-03-01', '2026-03-01', true],
		['2026-03-01', '2026-03-02', true],
		['2025-12-31', '2026-01-01', true]
	])('born %s, today %s: %s', (birthDate, today, expected) => {
		expect(isBorn(birthDate, today)).toBe(expected);
	});
});

describe('KitaYear ids are branded', () => {
	it('returns a KitaYearId usable where one is expected', () => {
		const id: KitaYearId = kitaYearIdOf('2026-09-01');
		expect(id).toBe(year2026.id);
	});
});
