import { describe, expect, it } from 'vitest';
import { findChildSchema, hardshipIssue, recordHardshipSchema } from './hardship';

const childId = '00000000-0000-4000-8000-000000000001';

describe('recordHardshipSchema', () => {
	it('takes a decision with its day and a short file reference', () => {
		expect(
			recordHardshipSchema.parse({
				childId,
				decided: true,
				decidedOn: '2026-11-30',
				reference: ' 51.2-2026/0143 '
			})
		).toEqual({ childId, decided: true, decidedOn: '2026-11-30', reference: '51.2-2026/0143' });
		expect(recordHardshipSchema.parse({ childId, decided: false })).toEqual({ childId, decided: false });
	});

	it.each([
		['', 'required'],
		['x'.repeat(31), 'tooLong'],
		['Vater arbeitslos!', 'invalidReference'],
		['-1', 'invalidReference']
	])('refuses the reference %j (%s): no free text beyond a file reference', (reference, message) => {
		const parsed = recordHardshipSchema.safeParse({
			childId,
			decided: true,
			decidedOn: '2026-11-30',
			reference
		});
		expect(parsed.error?.issues[0]?.message).toBe(message);
	});

	it('drops anything else sent along', () => {
		const parsed = recordHardshipSchema.parse({
			childId,
			decided: true,
			decidedOn: '2026-11-30',
			reference: 'A-1',
			reason: 'private details'
		});
		expect(parsed).not.toHaveProperty('reason');
	});
});

describe('hardshipIssue', () => {
	it('refuses a decision dated after today', () => {
		const input = { childId, decided: true as const, decidedOn: '2026-12-03', reference: 'A-1' };
		expect(hardshipIssue(input, '2026-12-02')).toBe('decidedInFuture');
		expect(hardshipIssue({ ...input, decidedOn: '2026-12-02' }, '2026-12-02')).toBeNull();
		expect(hardshipIssue({ childId, decided: false }, '2026-12-02')).toBeNull();
	});
});

describe('findChildSchema', () => {
	it('needs the last name and the birth date', () => {
		expect(findChildSchema.safeParse({ lastName: '', birthDate: '2024-01-01' }).success).toBe(false);
		expect(findChildSchema.safeParse({ lastName: 'Muster', birthDate: '1.1.2024' }).success).toBe(false);
		expect(findChildSchema.parse({ lastName: 'Muster', birthDate: '2024-01-01' })).toEqual({
			lastName: 'Muster',
			firstName: '',
			birthDate: '2024-01-01'
		});
	});
});
