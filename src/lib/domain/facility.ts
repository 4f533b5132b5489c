// Facility (Kita) master data as the finder shows it, shared by server, sync and client.
import { z } from 'zod';
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

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const facilityIdSchema = z.uuid();

export const facilitySchema = z.object({
	id: z.uuid(),
	name: z.string().trim().min(2).max(200),
	municipalityId: z.string().min(1).max(60),
	provider: z.string().trim().min(2).max(200),
	providerType: z.enum(PROVIDER_TYPES),
	street: z.string().trim().min(2).max(200),
	postcode: z.string().regex(/^\d{5}$/),
	town: z.string().trim().min(2).max(100),
	lat: z.number().min(-90).max(90),
	lon: z.number().min(-180).max(180),
	minAgeMonths: z.int().min(0).max(144),
	maxAgeMonths: z.int().min(0).max(144),
	weeklyHours: z.array(z.union([z.literal(25), z.literal(35), z.literal(45)])).min(1),
	features: z.array(z.enum(FEATURES)),
	phone: z.string().trim().max(40),
	email: z.union([z.email(), z.literal('')]),
	website: z.url().nullable(),
	openingHours: z.string().trim().max(200),
	description: z.string().trim().max(4000),
	meetingRequired: z.boolean(),
	isDemo: z.boolean(),
	active: z.boolean()
});

/** The finder's filter, as the URL and the form hold it. Empty values mean "any". */
export const finderFilterSchema = z.object({
	q: z.string().max(100).default(''),
	municipalityId: z.string().max(60).default(''),
	birthDate: z.union([day, z.literal('')]).default(''),
	startDate: z.union([day, z.literal('')]).default(''),
	weeklyHours: z.union([z.literal(''), z.literal('25'), z.literal('35'), z.literal('45')]).default(''),
	features: z.array(z.enum(FEATURES)).default([]),
	providerType: z.union([z.enum(PROVIDER_TYPES), z.literal('')]).default(''),
	sort: z.enum(['name', 'distance']).default('name'),
	postcode: z.union([z.string().regex(/^\d{5}$/), z.literal('')]).default('')
});
export type FinderFilter = z.infer<typeof finderFilterSchema>;
