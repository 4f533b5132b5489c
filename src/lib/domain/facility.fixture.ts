// A Kita for the domain's unit tests (finder, finder-catalogue, kita-json-ld, registration-rules): every
// field set, so a test names only what it varies.
import type { Facility } from './facility';
import type { FacilityId, MunicipalityId } from './ids';

export const FACILITY: Facility = {
	id: '00000000-0000-4000-8000-000000000001' as FacilityId,
	name: 'Kita Sonnenschein',
	municipalityId: 'werl' as MunicipalityId,
	provider: 'AWO Unterbezirk Hellweg',
	providerType: 'awo',
	street: 'Hauptstraße 1',
	postcode: '59457',
	town: 'Werl',
	lat: 51.55,
	lon: 7.91,
	minAgeMonths: 12,
	maxAgeMonths: 72,
	weeklyHours: [35, 45],
	features: ['familienzentrum', 'u3'],
	phone: '02922 1',
	email: '',
	website: null,
	openingHours: 'Mo–Fr 7–16',
	description: '',
	meetingRequired: false,
	isDemo: true,
	active: true,
	admissionCriteria: []
};
