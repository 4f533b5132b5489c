import { describe, expect, it } from 'vitest';
import { walkinErrors, walkinFieldId, walkinLabel } from './walkin-errors';

describe('walk-in form errors', () => {
	it('derives the control id from the schema path', () => {
		expect(walkinFieldId('guardians.0.phone')).toBe('w-guardians-0-phone');
		expect(walkinFieldId('privacySigned')).toBe('w-privacySigned');
	});

	it('keeps the first message of each path, in the order of the issues', () => {
		const errors = walkinErrors(
			[
				{ path: ['guardians', 0, 'phone'], message: 'phoneRequired' },
				{ path: ['guardians', 0, 'phone'], message: 'tooShort' },
				{ path: ['privacySigned'], message: 'privacyNotSigned' }
			],
			(code) => `text of ${code}`
		);
		expect(errors).toEqual({
			'guardians.0.phone': 'text of phoneRequired',
			privacySigned: 'text of privacyNotSigned'
		});
		expect(Object.keys(errors)).toEqual(['guardians.0.phone', 'privacySigned']);
	});

	it('names the group and the field, or the group alone for a group-level path', () => {
		const groups = {
			'guardians.0': 'Guardian 1',
			'guardians.1': 'Guardian 2',
			child: 'Child',
			privacySigned: 'Privacy'
		};
		const fields = { phone: 'Phone', birthDate: 'Birth date' };
		expect(walkinLabel('guardians.1.phone', groups, fields)).toBe('Guardian 2: Phone');
		expect(walkinLabel('child.birthDate', groups, fields)).toBe('Child: Birth date');
		expect(walkinLabel('privacySigned', groups, fields)).toBe('Privacy');
		expect(walkinLabel('comment', groups, { comment: 'Comment' })).toBe('Comment');
	});
});
