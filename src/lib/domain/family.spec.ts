import { describe, expect, it } from 'vitest';
import { childMatchKey, guardianInputSchema } from './family';

describe('childMatchKey', () => {
	it('matches the same child written differently', () => {
		const a = childMatchKey({ firstName: 'Jürgen', lastName: 'Groß-Müller', birthDate: '2024-02-29' });
		const b = childMatchKey({ firstName: ' juergen', lastName: 'Gross Mueller', birthDate: '2024-02-29' });
		expect(a).toBe(b);
		expect(a).toBe('juergen|grossmueller|2024-02-29');
	});

	it('keeps different birth dates and names apart', () => {
		const base = { firstName: 'Mia', lastName: 'Muster', birthDate: '2024-02-29' };
		expect(childMatchKey(base)).not.toBe(childMatchKey({ ...base, birthDate: '2024-03-01' }));
		expect(childMatchKey(base)).not.toBe(childMatchKey({ ...base, firstName: 'Mila' }));
	});
});

describe('guardianInputSchema', () => {
	const guardian = {
		id: '00000000-0000-4000-8000-000000000001',
		position: 1,
		firstName: 'Anna',
		lastName: 'Muster',
		street: 'Steinerstraße 3',
		postcode: '59457',
		town: 'Werl',
		phone: '02922 123',
		email: ''
	};

	it('accepts a guardian reachable by phone or by email', () => {
		expect(guardianInputSchema.safeParse(guardian).success).toBe(true);
		expect(guardianInputSchema.safeParse({ ...guardian, phone: '', email: 'anna@example.org' }).success).toBe(
			true
		);
	});

	it.each([
		['no way to reach them', { phone: '', email: '' }, 'phone', 'contactRequired'],
		['a four-digit postcode', { postcode: '5945' }, 'postcode', 'invalidPostcode'],
		['letters in the phone number', { phone: 'call me' }, 'phone', 'invalidPhone'],
		['an empty first name', { firstName: '  ' }, 'firstName', 'required'],
		['a broken email', { email: 'anna@' }, 'email', 'invalidEmail']
	])('refuses %s with a field code', (_label, change, field, code) => {
		const result = guardianInputSchema.safeParse({ ...guardian, ...change });
		expect(result.success).toBe(false);
		expect(result.error?.issues).toContainEqual(expect.objectContaining({ path: [field], message: code }));
	});
});
