import { describe, expect, it } from 'vitest';
import {
	facilityInfoSchema,
	facilityInputSchema,
	facilityPermissions,
	overbooked,
	setCapacitiesSchema
} from './facility-admin';

const valid = {
	id: '0b1e6a38-6a9d-4a57-9a8f-2f4f5b6c7d8e',
	name: 'Kita Regenbogen',
	municipalityId: 'werl',
	provider: 'Stadt Werl',
	providerType: 'kommunal',
	street: 'Am Markt 1',
	postcode: '59457',
	town: 'Werl',
	lat: 51.55,
	lon: 7.91,
	minAgeMonths: 12,
	maxAgeMonths: 72,
	weeklyHours: [35, 45],
	features: [],
	phone: '',
	email: '',
	website: '',
	openingHours: '',
	description: '',
	meetingRequired: false,
	isDemo: false,
	active: true
};

const codes = (result: {
	success: boolean;
	error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => result.error?.issues.map((i) => `${i.path.join('.')}:${i.message}`) ?? [];

describe('facility master data', () => {
	it('accepts a complete Kita', () => {
		expect(facilityInputSchema.safeParse(valid).success).toBe(true);
	});

	it.each([
		[{ name: ' ' }, 'name:required'],
		[{ postcode: '5945' }, 'postcode:invalidPostcode'],
		[{ website: 'javascript:alert(1)' }, 'website:invalidUrl'],
		[{ email: 'nicht-mail' }, 'email:invalidEmail'],
		[{ weeklyHours: [] }, 'weeklyHours:hoursRequired'],
		[{ weeklyHours: [35, 35] }, 'weeklyHours:duplicateHours'],
		[{ minAgeMonths: 40, maxAgeMonths: 30 }, 'maxAgeMonths:ageRangeOrder']
	])('%j → %s', (change, code) => {
		expect(codes(facilityInputSchema.safeParse({ ...valid, ...change }))).toContain(code);
	});

	it('limits staff to description, opening hours and contact', () => {
		const info = facilityInfoSchema.parse({
			facilityId: valid.id,
			description: 'x',
			openingHours: 'y',
			phone: '02922 1',
			email: '',
			website: '',
			name: 'ignored'
		});
		expect(Object.keys(info).sort()).toEqual([
			'description',
			'email',
			'facilityId',
			'openingHours',
			'phone',
			'website'
		]);
		expect(facilityPermissions('admin', [], 'k')).toEqual({ masterData: true, info: true });
		expect(facilityPermissions('staff', ['k'], 'k')).toEqual({ masterData: false, info: true });
		expect(facilityPermissions('staff', ['other'], 'k')).toEqual({ masterData: false, info: false });
		expect(facilityPermissions('childminding', ['k'], 'k')).toEqual({ masterData: false, info: false });
	});

	it('takes places per age band × hours once each, and flags overbooking without refusing it', () => {
		const rows = [
			{ ageBand: 'u3', weeklyHours: 35, places: 4 },
			{ ageBand: 'u3', weeklyHours: 35, places: 5 }
		];
		expect(
			codes(setCapacitiesSchema.safeParse({ facilityId: valid.id, kitaYearId: '2027-28', rows }))
		).toEqual(['rows:duplicateRow']);
		expect(
			setCapacitiesSchema.safeParse({
				facilityId: valid.id,
				kitaYearId: '2027-28',
				rows: [{ ageBand: 'u3', weeklyHours: 35, places: -1 }]
			}).success
		).toBe(false);
		expect(overbooked({ places: 3, contracted: 2, offered: 2 })).toBe(true);
		expect(overbooked({ places: 4, contracted: 2, offered: 2 })).toBe(false);
	});
});
