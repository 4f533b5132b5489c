import { describe, expect, it } from 'vitest';
import { residenceOfFamilies } from './residence';

const anroechte = { id: 'anroechte', postcodes: [{ postcode: '59609' }] };
const erwitte = { id: 'erwitte', postcodes: [{ postcode: '59597' }, { postcode: '59609' }] };

describe('residenceOfFamilies', () => {
	it('reads the first guardian’s postcode only', () => {
		const residence = residenceOfFamilies(
			[
				{ familyId: 'f1', position: 2, postcode: '59609' },
				{ familyId: 'f1', position: 1, postcode: '59597' },
				{ familyId: 'f2', position: 2, postcode: '59597' }
			],
			[anroechte, erwitte]
		);
		expect([...residence]).toEqual([['f1', 'erwitte']]);
	});

	it('leaves out a postcode of no municipality of the district', () => {
		expect(residenceOfFamilies([{ familyId: 'f', position: 1, postcode: '10115' }], [anroechte]).size).toBe(
			0
		);
	});

	it('gives a postcode two municipalities list to the lower id, in any order', () => {
		const guardians = [{ familyId: 'f', position: 1, postcode: ' 59609 ' }];
		expect(residenceOfFamilies(guardians, [erwitte, anroechte]).get('f')).toBe('anroechte');
		expect(residenceOfFamilies(guardians, [anroechte, erwitte]).get('f')).toBe('anroechte');
	});
});
