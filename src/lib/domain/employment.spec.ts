import { describe, expect, it } from 'vitest';
import { employedFamilies } from './employment';

describe('employedFamilies', () => {
	it('counts a family whose every guardian works or trains', () => {
		const families = employedFamilies([
			{ familyId: 'both', employedOrTraining: true },
			{ familyId: 'both', employedOrTraining: true },
			{ familyId: 'one', employedOrTraining: true },
			{ familyId: 'half', employedOrTraining: true },
			{ familyId: 'half', employedOrTraining: false },
			{ familyId: 'unknown' },
			{ familyId: 'none', employedOrTraining: false }
		]);
		expect([...families].sort()).toEqual(['both', 'one']);
	});

	it('counts no family without guardians', () => {
		expect(employedFamilies([]).size).toBe(0);
	});
});
