import { describe, expect, it } from 'vitest';
import type { Facility } from './facility';
import { FACILITY } from './facility.fixture';
import { defaultKitaYear } from './kita-year';
import { checkRequestItem, hasErrors } from './registration-rules';

const facility: Facility = {
	...FACILITY,
	provider: 'AWO',
	features: [],
	phone: '',
	openingHours: ''
};
const years = [defaultKitaYear(2026), defaultKitaYear(2027)];
const birth = '2024-03-10';
const codes = (issues: ReturnType<typeof checkRequestItem>) => issues.map((i) => `${i.kind}:${i.code}`);

describe('checkRequestItem', () => {
	it('accepts a start in an open Kita year with offered hours, without notices far ahead', () => {
		const issues = checkRequestItem(
			{ startDate: '2027-08-01', weeklyHours: 35 },
			facility,
			birth,
			years,
			'2026-12-01'
		);
		expect(issues).toEqual([]);
		expect(hasErrors(issues)).toBe(false);
	});

	it('refuses the next Kita year before its opening date and names the date', () => {
		expect(
			checkRequestItem({ startDate: '2027-08-01', weeklyHours: 35 }, facility, birth, years, '2026-09-30')
		).toEqual([{ kind: 'error', field: 'startDate', code: 'notYetOpen', opensOn: '2026-10-01' }]);
	});

	it('takes the running year all year, with the KiBiz hint for a start less than 6 months ahead', () => {
		const issues = checkRequestItem(
			{ startDate: '2027-01-04', weeklyHours: 45 },
			facility,
			birth,
			years,
			'2026-12-01'
		);
		expect(codes(issues)).toEqual(['notice:kibizShortNotice']);
		expect(hasErrors(issues)).toBe(false);
	});

	it.each([
		[
			'hours the Kita does not offer',
			{ startDate: '2027-08-01', weeklyHours: 25 as const },
			'error:hoursNotOffered'
		],
		['a start in the past', { startDate: '2026-11-30', weeklyHours: 35 as const }, 'error:startInPast'],
		['a start before birth', { startDate: '2024-01-01', weeklyHours: 35 as const }, 'error:startBeforeBirth'],
		['a start without a Kita year', { startDate: '2028-09-01', weeklyHours: 35 as const }, 'error:noKitaYear']
	])('refuses %s', (_label, item, code) => {
		expect(codes(checkRequestItem(item, facility, birth, years, '2026-12-01'))).toContain(code);
	});

	it('says when the Kita does not take the age, and when it wants to meet first, without refusing', () => {
		const young = { ...facility, minAgeMonths: 36, meetingRequired: true };
		const issues = checkRequestItem(
			{ startDate: '2027-01-04', weeklyHours: 35 },
			young,
			'2025-06-01',
			years,
			'2026-12-01'
		);
		expect(codes(issues)).toEqual([
			'notice:kibizShortNotice',
			'notice:ageNotTaken',
			'notice:meetingRequired'
		]);
		expect(issues.find((i) => i.code === 'ageNotTaken')).toMatchObject({ ageMonths: 19 });
		expect(hasErrors(issues)).toBe(false);
	});

	it('refuses a Kita that was deactivated', () => {
		const closed = { ...facility, active: false };
		expect(
			codes(
				checkRequestItem({ startDate: '2027-08-01', weeklyHours: 35 }, closed, birth, years, '2026-12-01')
			)
		).toContain('error:facilityInactive');
	});
});
