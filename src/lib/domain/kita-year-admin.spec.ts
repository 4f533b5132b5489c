import { describe, expect, it } from 'vitest';
import { defaultKitaYear } from './kita-year';
import { checkKitaYear, kitaYearFromInput, kitaYearInputSchema, type KitaYearInput } from './kita-year-admin';

const input = (startYear: number, changes: Partial<KitaYearInput> = {}): KitaYearInput => {
	const { label: _label, ...year } = defaultKitaYear(startYear);
	return { ...year, ...changes };
};

describe('checkKitaYear', () => {
	it('accepts the usual dates', () => {
		expect(checkKitaYear(input(2027), [defaultKitaYear(2026), defaultKitaYear(2027)])).toEqual([]);
	});

	it.each([
		[
			{ preferredDeadline: '2026-09-30' },
			{ field: 'preferredDeadline', code: 'notAfter', other: 'registrationOpensOn' }
		],
		[{ reviewEndsOn: '2026-11-14' }, { field: 'reviewEndsOn', code: 'notAfter', other: 'preferredDeadline' }],
		[{ offersFrom: '2026-11-29' }, { field: 'offersFrom', code: 'notAfter', other: 'reviewEndsOn' }],
		[
			{ allocationEndsOn: '2026-11-30' },
			{ field: 'allocationEndsOn', code: 'notAfter', other: 'offersFrom' }
		],
		[
			{ allocationEndsOn: '2028-08-01', endsOn: '2028-07-31' },
			{ field: 'allocationEndsOn', code: 'afterEnd' }
		],
		[{ endsOn: '2027-08-01' }, { field: 'endsOn', code: 'endBeforeStart' }],
		[{ endsOn: '2028-09-30' }, { field: 'endsOn', code: 'tooLong' }],
		[
			{ startsOn: '2028-01-01', endsOn: '2028-12-31', allocationEndsOn: '2028-03-01' },
			{ field: 'startsOn', code: 'startYearMismatch' }
		]
	] as const)('%j → %j', (changes, issue) => {
		expect(checkKitaYear(input(2027, changes), [])).toContainEqual(issue);
	});

	it('refuses a registration opening or first offers after the start', () => {
		expect(
			checkKitaYear(
				input(2027, {
					registrationOpensOn: '2027-08-02',
					preferredDeadline: '2027-08-02',
					reviewEndsOn: '2027-08-02',
					offersFrom: '2027-08-02',
					allocationEndsOn: '2027-08-02'
				}),
				[]
			)
		).toEqual([
			{ field: 'registrationOpensOn', code: 'afterStart' },
			{ field: 'offersFrom', code: 'afterStart' }
		]);
	});

	it('refuses overlaps with other years, but not with the year itself', () => {
		expect(
			checkKitaYear(input(2027, { startsOn: '2027-07-15' }), [defaultKitaYear(2026), defaultKitaYear(2027)])
		).toEqual([{ field: 'startsOn', code: 'overlaps', other: '2026-27' }]);
	});

	it('validates the form with the schema and derives the label', () => {
		expect(kitaYearInputSchema.safeParse(input(2027, { offerResponseDays: 0 })).success).toBe(false);
		expect(kitaYearInputSchema.safeParse({ ...input(2027), id: '2027-29' }).success).toBe(false);
		expect(kitaYearFromInput(input(2027)).label).toBe('2027/28');
	});
});
