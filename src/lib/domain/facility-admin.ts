// What the youth office and a Kita's own staff may change in the Kita catalogue: the master data
// of the finder, the places per Kita year × age band × weekly hours, and the short self-description
// a Kita keeps up to date itself. Error messages are codes; the client translates them.
import { ADMISSION_CRITERIA, orderedCriteria, type AdmissionCriterion } from './allocation/catalogue';
import { z } from './zod';
import { AGE_BANDS, FEATURES, PROVIDER_TYPES, WEEKLY_HOURS, type Capacity, type Facility } from './facility';
import { postcodeSchema, weeklyHoursSchema } from './schema-parts';

const text = (max: number) =>
	z.string().trim().min(1, { message: 'required' }).max(max, { message: 'tooLong' });
const optionalText = (max: number) => z.string().trim().max(max, { message: 'tooLong' });

/** Phone numbers as people write them: digits, spaces, +, /, -, brackets. */
const phoneSchema = optionalText(40).regex(/^[+()\d\s/-]*$/, { message: 'invalidPhone' });
const emailSchema = z.union([
	z.literal(''),
	z.email({ message: 'invalidEmail' }).max(254, { message: 'tooLong' })
]);
/** Only http(s) links: the finder renders them as links parents click. */
const websiteSchema = z.union([
	z.literal(''),
	z.url({ message: 'invalidUrl', protocol: /^https?$/ }).max(300, { message: 'tooLong' })
]);

/** The contact and self-description a Kita's staff maintain (and admins may too). */
export const facilityInfoSchema = z.object({
	facilityId: z.uuid(),
	description: optionalText(4000),
	openingHours: optionalText(200),
	phone: phoneSchema,
	email: emailSchema,
	website: websiteSchema,
	/**
	 * The Kita's admission criteria, in its order. Absent (a change written before there were any):
	 * the published ones stay as they are.
	 */
	admissionCriteria: z
		.array(z.enum(ADMISSION_CRITERIA), { message: 'invalidChoice' })
		.max(ADMISSION_CRITERIA.length, { message: 'invalidChoice' })
		.refine((list) => new Set(list).size === list.length, { message: 'invalidChoice' })
		.optional()
});
export type FacilityInfoInput = z.infer<typeof facilityInfoSchema>;

/** Every master-data field of the finder, as an admin edits it. `active: false` deactivates. */
export const facilityInputSchema = z
	.object({
		id: z.uuid(),
		name: text(200),
		municipalityId: text(60),
		provider: text(200),
		providerType: z.enum(PROVIDER_TYPES, { message: 'required' }),
		street: text(200),
		postcode: postcodeSchema,
		town: text(100),
		lat: z
			.number({ message: 'invalidNumber' })
			.min(-90, { message: 'invalidNumber' })
			.max(90, { message: 'invalidNumber' }),
		lon: z
			.number({ message: 'invalidNumber' })
			.min(-180, { message: 'invalidNumber' })
			.max(180, { message: 'invalidNumber' }),
		minAgeMonths: z
			.int({ message: 'invalidNumber' })
			.min(0, { message: 'invalidNumber' })
			.max(144, { message: 'invalidNumber' }),
		maxAgeMonths: z
			.int({ message: 'invalidNumber' })
			.min(0, { message: 'invalidNumber' })
			.max(144, { message: 'invalidNumber' }),
		weeklyHours: z.array(weeklyHoursSchema).min(1, { message: 'hoursRequired' }),
		features: z.array(z.enum(FEATURES)),
		phone: phoneSchema,
		email: emailSchema,
		website: websiteSchema,
		openingHours: optionalText(200),
		description: optionalText(4000),
		meetingRequired: z.boolean(),
		isDemo: z.boolean(),
		active: z.boolean()
	})
	.refine((f) => f.minAgeMonths <= f.maxAgeMonths, { message: 'ageRangeOrder', path: ['maxAgeMonths'] })
	.refine((f) => new Set(f.weeklyHours).size === f.weeklyHours.length, {
		message: 'duplicateHours',
		path: ['weeklyHours']
	});
export type FacilityInput = z.infer<typeof facilityInputSchema>;

export const MAX_PLACES = 999;

export const capacityInputSchema = z.object({
	ageBand: z.enum(AGE_BANDS),
	weeklyHours: weeklyHoursSchema,
	places: z
		.int({ message: 'invalidNumber' })
		.min(0, { message: 'invalidNumber' })
		.max(MAX_PLACES, { message: 'invalidNumber' })
});

/** The places of one Kita in one Kita year; combinations left out keep what they had. */
export const setCapacitiesSchema = z
	.object({
		facilityId: z.uuid(),
		kitaYearId: z.string().regex(/^\d{4}-\d{2}$/, { message: 'invalid' }),
		rows: z.array(capacityInputSchema).max(AGE_BANDS.length * WEEKLY_HOURS.length)
	})
	.refine((c) => new Set(c.rows.map((r) => `${r.ageBand}|${r.weeklyHours}`)).size === c.rows.length, {
		message: 'duplicateRow',
		path: ['rows']
	});
export type SetCapacitiesInput = z.infer<typeof setCapacitiesSchema>;

/** The stored facility for an admin's input (the database keeps `website` as null when empty). */
export function facilityFromInput(
	input: FacilityInput,
	/** The master data leave the Kita's published criteria as they are. */
	admissionCriteria: readonly AdmissionCriterion[] = []
): Facility {
	return {
		...input,
		admissionCriteria: [...admissionCriteria],
		municipalityId: input.municipalityId as Facility['municipalityId'],
		id: input.id as Facility['id'],
		website: input.website === '' ? null : input.website,
		weeklyHours: [...input.weeklyHours].sort((a, b) => a - b)
	};
}

/** An admin's form values for a stored facility. */
export function facilityToInput(f: Facility): FacilityInput {
	const { admissionCriteria: _criteria, ...rest } = f;
	return { ...rest, website: f.website ?? '' };
}

/** The fields of `facilityInfoSchema` applied to a facility (what staff may change, nothing else). */
export function withInfo(f: Facility, info: FacilityInfoInput): Facility {
	return {
		...f,
		description: info.description,
		openingHours: info.openingHours,
		phone: info.phone,
		email: info.email,
		website: info.website === '' ? null : info.website,
		admissionCriteria: info.admissionCriteria ? orderedCriteria(info.admissionCriteria) : f.admissionCriteria
	};
}

/** A hint, never a block: places below what contracts and open offers already hold. */
export function overbooked(c: Pick<Capacity, 'places' | 'contracted' | 'offered'>): boolean {
	return c.places < c.contracted + c.offered;
}

/**
 * Who may change what of a Kita: admins everything; its own staff the description, opening hours
 * and contact (they know them best; the finder shows them to parents).
 */
export function facilityPermissions(
	role: string,
	facilityIds: readonly string[],
	facilityId: string
): { masterData: boolean; info: boolean } {
	if (role === 'admin') return { masterData: true, info: true };
	return { masterData: false, info: role === 'staff' && facilityIds.includes(facilityId) };
}
