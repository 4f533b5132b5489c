import { describe, expect, it } from 'vitest';
import {
	emailSchema,
	fieldErrors,
	inviteSchema,
	passwordSchema,
	recoveryCodeSchema,
	signUpSchema,
	totpCodeSchema
} from './account';

const valid = {
	firstName: 'Anna',
	lastName: 'Beispiel',
	street: 'Marktstraße 5',
	postcode: '59457',
	town: 'Werl',
	phone: '',
	email: 'anna@example.org',
	password: 'ein langes Passwort',
	privacyConsent: true,
	captcha: 'payload',
	locale: 'de'
};

describe('account schemas', () => {
	it('normalises addresses to trimmed lower case and refuses malformed ones', () => {
		expect(emailSchema.parse('  Anna.B@Example.ORG ')).toBe('anna.b@example.org');
		for (const bad of [
			'',
			'anna',
			'anna@',
			'@example.org',
			'a b@example.org',
			`${'x'.repeat(250)}@example.org`
		])
			expect(emailSchema.safeParse(bad).success, bad).toBe(false);
	});

	it('takes passwords of 10 to 128 characters, counted as characters, without composition rules', () => {
		expect(passwordSchema.safeParse('a'.repeat(9)).error?.issues[0]?.message).toBe('passwordTooShort');
		expect(passwordSchema.safeParse('a'.repeat(10)).success).toBe(true);
		expect(passwordSchema.safeParse('a'.repeat(128)).success).toBe(true);
		expect(passwordSchema.safeParse('a'.repeat(129)).error?.issues[0]?.message).toBe('passwordTooLong');
		// Ten emoji are ten characters (twenty UTF-16 units).
		expect(passwordSchema.safeParse('🙂'.repeat(10)).success).toBe(true);
		expect(passwordSchema.safeParse('🙂'.repeat(9)).success).toBe(false);
		expect(passwordSchema.safeParse('').error?.issues[0]?.message).toBe('required');
	});

	it('requires the personal fields, a German postcode, the consent and the captcha at sign-up', () => {
		expect(signUpSchema.safeParse(valid).success).toBe(true);
		const errors = fieldErrors(
			signUpSchema.safeParse({
				...valid,
				firstName: ' ',
				postcode: '5945',
				privacyConsent: false,
				captcha: ''
			}).error?.issues ?? []
		);
		expect(errors).toEqual({
			firstName: 'required',
			postcode: 'invalidPostcode',
			privacyConsent: 'consentRequired',
			captcha: 'captchaRequired'
		});
		expect(signUpSchema.parse({ ...valid, phone: undefined }).phone).toBe('');
		expect(signUpSchema.safeParse({ ...valid, phone: 'call me' }).error?.issues[0]?.message).toBe(
			'phoneInvalid'
		);
		expect(signUpSchema.parse({ ...valid, locale: 'xx' }).locale).toBe('de');
	});

	it('reads TOTP and recovery codes as people type them', () => {
		expect(totpCodeSchema.parse(' 123 456 ')).toBe('123456');
		expect(totpCodeSchema.safeParse('12345').success).toBe(false);
		expect(recoveryCodeSchema.parse('K3M7X-Q2HRT')).toBe('k3m7xq2hrt');
		expect(recoveryCodeSchema.safeParse('k3m7x').success).toBe(false);
	});

	it('needs a Kita for staff invitations only', () => {
		const base = { email: 'a@example.org', firstName: 'A', lastName: 'B', facilityIds: [] };
		expect(fieldErrors(inviteSchema.safeParse({ ...base, role: 'staff' }).error?.issues ?? [])).toEqual({
			facilityIds: 'facilityRequired'
		});
		expect(inviteSchema.safeParse({ ...base, role: 'childminding' }).success).toBe(true);
		expect(inviteSchema.safeParse({ ...base, role: 'parent' }).success).toBe(false);
	});
});
