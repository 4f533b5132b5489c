// Families, guardians and children as both sides hold them, with the input rules for each field.
import { z } from './zod';
import { daySchema, postcodeSchema } from './schema-parts';

export const FAMILY_SOURCES = ['online', 'walkin'] as const;
export type FamilySource = (typeof FAMILY_SOURCES)[number];

export interface Family {
	id: string;
	source: FamilySource;
	createdAt: string;
	/**
	 * Staff only, for a walk-in family that registered at their Kita: its claim code still works (no
	 * account took it yet). Absent elsewhere, and for other families a Kita holds through a link.
	 */
	claimable?: boolean;
}

export interface Guardian {
	id: string;
	familyId: string;
	position: 1 | 2;
	firstName: string;
	lastName: string;
	street: string;
	postcode: string;
	town: string;
	phone: string;
	email: string;
	/**
	 * Employed or in training (the admission criterion `guardiansEmployedOrTraining`); optional for
	 * the parents, false until declared. Absent in rows stored before it was asked.
	 */
	employedOrTraining?: boolean;
}

export interface Child {
	id: string;
	familyId: string;
	firstName: string;
	lastName: string;
	birthDate: string;
	/**
	 * This record was linked into that child ("same child", e.g. a walk-in entered at another Kita).
	 * It carries no requests: they, their history and receipts belong to the target's family. Staff
	 * see it; parents see it on their own record (the page says where its requests are kept).
	 */
	mergedInto?: string | null;
	/**
	 * Staff only: the youth office decided a hardship case for the child (the admission criterion
	 * `hardship`); parents' devices never get it.
	 */
	hardship?: boolean;
}

export const personNameSchema = z
	.string()
	.trim()
	.min(1, { message: 'required' })
	.max(100, { message: 'tooLong' });
export const phoneSchema = z
	.string()
	.trim()
	.max(40, { message: 'tooLong' })
	.regex(/^[+()\d\s/-]*$/, { message: 'invalidPhone' });
export const optionalEmailSchema = z.union([z.literal(''), z.email({ message: 'invalidEmail' }).max(254)]);

/** A guardian's fields without the contact rule, which differs online and at the front desk. */
export const guardianFieldsSchema = z.object({
	id: z.uuid(),
	position: z.union([z.literal(1), z.literal(2)]),
	firstName: personNameSchema,
	lastName: personNameSchema,
	street: z.string().trim().min(1, { message: 'required' }).max(200, { message: 'tooLong' }),
	postcode: postcodeSchema,
	town: z.string().trim().min(1, { message: 'required' }).max(100, { message: 'tooLong' }),
	phone: phoneSchema,
	email: optionalEmailSchema,
	/** Absent: left as it is (a change queued by an older version of the app). */
	employedOrTraining: z.boolean().optional()
});

export const guardianInputSchema = guardianFieldsSchema
	// The Kita must be able to reach the family: a phone number or an email address.
	.refine((g) => g.phone !== '' || g.email !== '', { message: 'contactRequired', path: ['phone'] });
export type GuardianInput = z.infer<typeof guardianInputSchema>;

export const childInputSchema = z.object({
	id: z.uuid(),
	firstName: personNameSchema,
	lastName: personNameSchema,
	birthDate: daySchema
});
export type ChildInput = z.infer<typeof childInputSchema>;

/** Normalised name and birth date: the same child entered twice (e.g. a walk-in) has the same key. */
export function childMatchKey(child: Pick<Child, 'firstName' | 'lastName' | 'birthDate'>): string {
	const norm = (s: string) =>
		s
			.toLocaleLowerCase('de')
			.replace(/ß/g, 'ss')
			.replace(/ä/g, 'ae')
			.replace(/ö/g, 'oe')
			.replace(/ü/g, 'ue')
			.normalize('NFD')
			.replace(/\p{M}/gu, '')
			.replace(/[^a-z]/g, '');
	return `${norm(child.firstName)}|${norm(child.lastName)}|${child.birthDate}`;
}
