import { beforeAll, describe, expect, it } from 'vitest';
import type { Facility } from '$lib/domain/facility';
import type { Child } from '$lib/domain/family';
import type { FacilityId, MunicipalityId } from '$lib/domain/ids';
import { defaultKitaYear } from '$lib/domain/kita-year';
import { loadMessages } from '$lib/i18n/messages';
import { draftErrors, type DraftFacts } from './registration-check';
import { blankItem, registerHereLink, type RegistrationDraft } from './registration-draft';
import { safeNext } from './safe-next';

const facility = {
	id: '00000000-0000-4000-8000-000000000001' as FacilityId,
	name: 'Kita Sonnenschein',
	municipalityId: 'werl' as MunicipalityId,
	weeklyHours: [35, 45],
	minAgeMonths: 12,
	maxAgeMonths: 72,
	meetingRequired: false,
	active: true
} as Facility;
const child: Child = {
	id: 'c1',
	familyId: 'f1',
	firstName: 'Mia',
	lastName: 'Muster',
	birthDate: '2024-03-10'
};
const facts: DraftFacts = {
	child,
	facilities: new Map([[facility.id, facility]]),
	years: [defaultKitaYear(2026), defaultKitaYear(2027)],
	today: '2026-12-05'
};

describe('the summary refuses an incomplete draft, naming the field to change (issue 13, point 8)', () => {
	beforeAll(async () => {
		await loadMessages('/anmeldung/pruefen');
	});

	it('a complete draft has no errors', () => {
		const draft: RegistrationDraft = {
			registrationId: 'r1',
			childId: child.id,
			items: [{ ...blankItem(facility.id), startDate: '2027-08-01', weeklyHours: 35 }]
		};
		expect(draftErrors(draft, facts)).toEqual([]);
	});

	it('names the child, the Kitas and each missing or wrong field by the id the form uses', () => {
		expect(
			draftErrors({ registrationId: 'r1', childId: '', items: [] }, { ...facts, child: undefined }).map(
				(e) => e.fieldId
			)
		).toEqual(['reg-child', 'reg-search']);
		const draft: RegistrationDraft = {
			registrationId: 'r1',
			childId: child.id,
			items: [blankItem(facility.id), { ...blankItem(facility.id), startDate: '2027-08-01', weeklyHours: 25 }]
		};
		expect(draftErrors(draft, facts).map((e) => e.fieldId)).toEqual([
			'item-0-start',
			'item-0-hours',
			'item-1-hours'
		]);
	});
});

describe('"Kind hier anmelden" (issue 13, point 6)', () => {
	it('goes to the registration with the Kita, through the login when nobody is logged in', () => {
		expect(registerHereLink('k 1', true)).toBe('/anmeldung?kita=k%201');
		const viaLogin = new URL(registerHereLink('k1', false), 'https://x.invalid');
		expect(viaLogin.pathname).toBe('/login');
		expect(safeNext(viaLogin.searchParams.get('next'))).toBe('/anmeldung?kita=k1');
	});
});
