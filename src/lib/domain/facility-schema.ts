// The zod schema of a Kita's master data (demo data and imports are checked against it).
import { z } from './zod';
import { ADMISSION_CRITERIA } from './allocation/catalogue';
import { FEATURES, PROVIDER_TYPES } from './facility';
import { postcodeSchema, weeklyHoursSchema } from './schema-parts';

export const facilitySchema = z.object({
	id: z.uuid(),
	name: z.string().trim().min(2).max(200),
	municipalityId: z.string().min(1).max(60),
	provider: z.string().trim().min(2).max(200),
	providerType: z.enum(PROVIDER_TYPES),
	street: z.string().trim().min(2).max(200),
	postcode: postcodeSchema,
	town: z.string().trim().min(2).max(100),
	lat: z.number().min(-90).max(90),
	lon: z.number().min(-180).max(180),
	minAgeMonths: z.int().min(0).max(144),
	maxAgeMonths: z.int().min(0).max(144),
	weeklyHours: z.array(weeklyHoursSchema).min(1),
	features: z.array(z.enum(FEATURES)),
	phone: z.string().trim().max(40),
	email: z.union([z.email(), z.literal('')]),
	website: z.url().nullable(),
	openingHours: z.string().trim().max(200),
	description: z.string().trim().max(4000),
	meetingRequired: z.boolean(),
	isDemo: z.boolean(),
	active: z.boolean(),
	admissionCriteria: z.array(z.enum(ADMISSION_CRITERIA)).default([])
});
