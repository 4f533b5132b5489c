// Facility (Kita) master data as the finder shows it, shared by server, sync and client.
import type { AdmissionCriterion } from './allocation/catalogue';
import type { FacilityId, KitaYearId, MunicipalityId } from './ids';

export const PROVIDER_TYPES = [
	'kommunal',
	'katholisch',
	'evangelisch',
	'awo',
	'drk',
	'paritaetisch',
	'elterninitiative',
	'sonstige'
] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

export const FEATURES = [
	'familienzentrum',
	'inklusiv',
	'u3',
	'waldkita',
	'bilingual',
	'sprachkita',
	'bewegungskita',
	'naturkita',
	'montessori',
	'mint'
] as const;
export type Feature = (typeof FEATURES)[number];

export const WEEKLY_HOURS = [25, 35, 45] as const;
export type WeeklyHours = (typeof WEEKLY_HOURS)[number];

export const AGE_BANDS = ['u3', 'ue3'] as const;
/** U3/Ü3: under or over three years at the desired start. */
export type AgeBand = (typeof AGE_BANDS)[number];

export interface Municipality {
	id: MunicipalityId;
	name: string;
	/** Postcodes of the municipality with a centre point each, used for "distance from a postcode". */
	postcodes: { postcode: string; lat: number; lon: number }[];
}

export interface Facility {
	id: FacilityId;
	name: string;
	municipalityId: MunicipalityId;
	provider: string;
	providerType: ProviderType;
	street: string;
	postcode: string;
	town: string;
	lat: number;
	lon: number;
	/** Youngest age taken, in completed months. */
	minAgeMonths: number;
	/** Oldest age taken, in completed months (school entry ≈ 72). */
	maxAgeMonths: number;
	weeklyHours: WeeklyHours[];
	features: Feature[];
	phone: string;
	email: string;
	website: string | null;
	openingHours: string;
	description: string;
	/** The Kita wants to meet the family before a registration (FAQ: "persönliches Kennenlernen"). */
	meetingRequired: boolean;
	/** Invented facility of the demo data set. */
	isDemo: boolean;
	active: boolean;
	/**
	 * The admission criteria the Kita applies, in its order (its published "Aufnahmekriterien"); the
	 * registration date always comes last. Empty: it has not published any.
	 */
	admissionCriteria: AdmissionCriterion[];
}

/** Places of one facility in one Kita year for one age band and weekly hours. */
export interface Capacity {
	facilityId: FacilityId;
	kitaYearId: KitaYearId;
	ageBand: AgeBand;
	weeklyHours: WeeklyHours;
	places: number;
	/** Contracts concluded against these places; maintained by the server. */
	contracted: number;
	/** Offers open against these places; maintained by the server. */
	offered: number;
}

/** The finder's filter, as the URL and the form hold it. Empty values mean "any". */
export interface FinderFilter {
	q: string;
	municipalityId: string;
	birthDate: string;
	startDate: string;
	weeklyHours: '' | '25' | '35' | '45';
	features: Feature[];
	providerType: ProviderType | '';
	sort: 'name' | 'distance';
	postcode: string;
}

export const EMPTY_FINDER_FILTER: FinderFilter = {
	q: '',
	municipalityId: '',
	birthDate: '',
	startDate: '',
	weeklyHours: '',
	features: [],
	providerType: '',
	sort: 'name',
	postcode: ''
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isText = (max: number) => (v: unknown) => typeof v === 'string' && v.length <= max;
const isOneOf = (values: readonly unknown[]) => (v: unknown) => values.includes(v);
const FILTER_RULES: { [K in keyof FinderFilter]: (value: unknown) => boolean } = {
	q: isText(100),
	municipalityId: isText(60),
	birthDate: (v) => v === '' || (typeof v === 'string' && DAY.test(v)),
	startDate: (v) => v === '' || (typeof v === 'string' && DAY.test(v)),
	weeklyHours: isOneOf(['', '25', '35', '45']),
	features: (v) => Array.isArray(v) && v.every(isOneOf(FEATURES)),
	providerType: isOneOf(['', ...PROVIDER_TYPES]),
	sort: isOneOf(['name', 'distance']),
	postcode: (v) => v === '' || (typeof v === 'string' && /^\d{5}$/.test(v))
};

/**
 * A filter from untrusted input (the address): each valid field is kept, a missing or invalid one
 * means "any". Client-side state only (no server input), so no zod: the finder is the lightest page.
 */
export function finderFilter(raw: Partial<Record<keyof FinderFilter, unknown>>): FinderFilter {
	const filter: Record<string, unknown> = { ...EMPTY_FINDER_FILTER };
	for (const key of Object.keys(FILTER_RULES) as (keyof FinderFilter)[])
		if (raw[key] !== undefined && FILTER_RULES[key](raw[key])) filter[key] = raw[key];
	return filter as unknown as FinderFilter;
}
