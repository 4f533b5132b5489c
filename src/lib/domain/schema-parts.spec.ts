import { describe, expect, it } from 'vitest';
import { commentSchema, daySchema, postcodeSchema, weeklyHoursSchema } from './schema-parts';

const code = (result: { error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe('schema parts', () => {
	it('takes the three care times and nothing else', () => {
		for (const hours of [25, 35, 45]) expect(weeklyHoursSchema.parse(hours)).toBe(hours);
		for (const hours of [0, 30, 45.5, '35']) expect(weeklyHoursSchema.safeParse(hours).success).toBe(false);
	});

	it('takes a real calendar day only', () => {
		expect(daySchema.parse('2027-08-01')).toBe('2027-08-01');
		expect(code(daySchema.safeParse('2027-02-30'))).toBe('invalidDate');
		expect(code(daySchema.safeParse('1.8.2027'))).toBe('invalidDate');
	});

	it('takes five digits as a postcode, one error code wherever it is used', () => {
		expect(postcodeSchema.parse(' 59494 ')).toBe('59494');
		for (const postcode of ['5949', '594944', 'D-59494', ''])
			expect(code(postcodeSchema.safeParse(postcode))).toBe('invalidPostcode');
	});

	it('trims a comment and limits its length', () => {
		expect(commentSchema.parse('  Bitte ab September  ')).toBe('Bitte ab September');
		expect(code(commentSchema.safeParse('x'.repeat(2001)))).toBe('tooLong');
	});
});
