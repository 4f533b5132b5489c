// What Kita staff do with a request besides the bare transition: the offer's terms, the reasons of
// an Absage, walk-in registrations with their claim code, and possible duplicates to link.
import { z } from './zod';
import { compareDays, dayOfInstant, type Day } from './calendar-day';
import type { Facility, WeeklyHours } from './facility';
import { childInputSchema, guardianFieldsSchema, type FamilySource } from './family';
import { offerAnswerBy, type KitaYear } from './kita-year';
import { commentSchema, daySchema, weeklyHoursSchema } from './schema-parts';
import {
	closesOnContractElsewhere,
	REQUEST_STATUSES,
	type PlacementEvent,
	type RequestStatus
} from './placement';

export const requestStatusSchema = z.enum(REQUEST_STATUSES);

/** The reasons of an Absage staff choose from; the free text adds detail. */
export const REJECT_REASONS = [
	'noPlaceAvailable',
	'ageNotTaken',
	'hoursNotAvailable',
	'admissionCriteria',
	'familyUnreachable',
	'other'
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const noteSchema = z.string().trim().max(1000, { message: 'tooLong' });

export const makeOfferSchema = z.object({
	requestId: z.uuid(),
	expectedStatus: requestStatusSchema,
	startDate: daySchema,
	weeklyHours: weeklyHoursSchema,
	note: noteSchema,
	/** Sent as part of an offer round's proposal (issue 17): made only while that stands sent. */
	proposalId: z.uuid().optional()
});
export type MakeOfferInput = z.infer<typeof makeOfferSchema>;

export const rejectSchema = z
	.object({
		requestId: z.uuid(),
		expectedStatus: requestStatusSchema,
		reason: z.enum(REJECT_REASONS),
		note: noteSchema
	})
	// "Sonstiges" alone tells the family and the youth office nothing.
	.refine((r) => r.reason !== 'other' || r.note !== '', { message: 'noteRequired', path: ['note'] });

export const recordAnswerSchema = z.object({
	requestId: z.uuid(),
	expectedStatus: requestStatusSchema,
	answer: z.enum(['accept', 'decline'])
});

export const transitionOnlySchema = z.object({ requestId: z.uuid(), expectedStatus: requestStatusSchema });

/** Staff actions on a request, each one event of the placement machine. */
export const STAFF_ACTIONS = ['offer', 'withdrawOffer', 'reject', 'accept', 'decline', 'contract'] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number] & PlacementEvent;

export type OfferIssue =
	| { field: 'startDate'; code: 'startInPast' | 'outsideKitaYear' }
	| { field: 'weeklyHours'; code: 'hoursNotOffered' };

/**
 * The terms of an offer: a start inside the request's Kita year and not before today, and hours
 * the Kita offers. When offers may be made at all is the state machine's guard (offersFrom).
 */
export function checkOffer(
	offer: { startDate: Day; weeklyHours: WeeklyHours },
	facility: Pick<Facility, 'weeklyHours'>,
	year: Pick<KitaYear, 'startsOn' | 'endsOn'>,
	today: Day
): OfferIssue[] {
	const issues: OfferIssue[] = [];
	if (compareDays(offer.startDate, year.startsOn) < 0 || compareDays(offer.startDate, year.endsOn) > 0)
		issues.push({ field: 'startDate', code: 'outsideKitaYear' });
	else if (compareDays(offer.startDate, today) < 0) issues.push({ field: 'startDate', code: 'startInPast' });
	if (!facility.weeklyHours.includes(offer.weeklyHours))
		issues.push({ field: 'weeklyHours', code: 'hoursNotOffered' });
	return issues;
}

/**
 * The "answer by" day staff see before they send an offer made now: the server sets the exact
 * instant when the offer reaches it, so an offer made offline gets its full response time.
 */
export function previewAnswerBy(now: Date, year: Pick<KitaYear, 'offerResponseDays'>): Day {
	return offerAnswerBy(dayOfInstant(now), year);
}

/** The day an offer lapses, from the instant the server recorded. */
export function answerByOf(offerExpiresAt: string): Day {
	return dayOfInstant(new Date(offerExpiresAt));
}

// ------------------------------------------------------------------------------------------------
// Walk-in registrations ("Anmeldung vor Ort")

/**
 * Walk-in guardians need a postal address and a phone number; email is optional (no internet). Built
 * on the bare fields, so a missing phone gets this one message, not also the online "phone or email".
 */
export const walkinGuardianSchema = guardianFieldsSchema.refine((g) => g.phone !== '', {
	message: 'phoneRequired',
	path: ['phone']
});

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export const createWalkinSchema = z
	.object({
		familyId: z.uuid(),
		registrationId: z.uuid(),
		requestId: z.uuid(),
		facilityId: z.uuid(),
		/** Only the hash leaves the office PC: the code itself is printed on the receipt and forgotten. */
		claimCodeHash: z.string().regex(SHA256_HEX),
		guardians: z.array(walkinGuardianSchema).min(1).max(2),
		child: childInputSchema,
		startDate: daySchema,
		weeklyHours: weeklyHoursSchema,
		changeRequest: z.boolean(),
		comment: commentSchema,
		/** The family signed the printed privacy notice. */
		privacySigned: z.literal(true, { message: 'privacyNotSigned' })
	})
	.refine((w) => new Set(w.guardians.map((g) => g.position)).size === w.guardians.length, {
		message: 'positionTaken',
		path: ['guardians']
	});
export type CreateWalkinInput = z.infer<typeof createWalkinSchema>;

export const renewClaimCodeSchema = z.object({
	familyId: z.uuid(),
	claimCodeHash: z.string().regex(SHA256_HEX)
});

// Crockford's base32: no I, L, O, U, so a code read aloud or typed from paper is not mistaken.
const CLAIM_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CLAIM_LENGTH = 12;

/** A fresh claim code, e.g. `7K3M-Q9TD-2XHB` (60 random bits), from a source of random bytes. */
export function generateClaimCode(randomBytes: (n: number) => Uint8Array): string {
	const bytes = randomBytes(CLAIM_LENGTH);
	let code = '';
	for (const b of bytes) code += CLAIM_ALPHABET[b & 31];
	return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}`;
}

/** What a parent typed, as the code was generated: case, spaces, dashes and look-alikes forgiven. */
export function normaliseClaimCode(input: string): string {
	const plain = input
		.toUpperCase()
		.replace(/[^0-9A-Z]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
	return plain.length === CLAIM_LENGTH
		? `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8, 12)}`
		: plain;
}

/** SHA-256 (hex) of the normalised code; WebCrypto exists in the browser and in Node alike. */
export async function claimCodeHash(code: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(normaliseClaimCode(code)));
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export const claimFamilySchema = z.object({
	code: z.string().trim().min(1, { message: 'required' }).max(40, { message: 'tooLong' }),
	birthDate: daySchema
});
export type ClaimFamilyInput = z.infer<typeof claimFamilySchema>;

// ------------------------------------------------------------------------------------------------
// Possible duplicates

/**
 * A pair stays `open` until the walk-in's Kita proposes a link (`askedFamily` when the other record
 * is held by an online account, `awaitingOffice` for two walk-ins) or keeps it `separate`. Only the
 * family holding the other record, or the youth office for two walk-ins, makes it `linked`: a
 * family's data reaches a Kita only because the family registered there. `obsolete` when another
 * link made the pair moot.
 */
export const DUPLICATE_STATUSES = [
	'open',
	'askedFamily',
	'awaitingOffice',
	'linked',
	'separate',
	'obsolete'
] as const;
export type DuplicateStatus = (typeof DUPLICATE_STATUSES)[number];

/** Who confirms a proposed link: the family in its account, or the youth office (two walk-ins). */
export type LinkConfirmer = 'family' | 'office';

/**
 * All staff learn of the other record: that a child of the same name and birth date is registered
 * elsewhere in the district, and who would confirm a link — no names, address, Kitas or ids.
 */
export interface DuplicateMatch {
	confirmedBy: LinkConfirmer;
}

export interface DuplicateCandidate {
	id: string;
	/** The Kita that entered the walk-in; its staff propose. */
	facilityId: string;
	/** The walk-in child. */
	childId: string;
	status: DuplicateStatus;
	foundAt: string;
	/** When the Kita proposed the link. */
	askedAt: string | null;
	decidedAt: string | null;
	match: DuplicateMatch;
}

/**
 * What a Kita's staff decide: `ask` proposes the link (the family or the youth office confirms),
 * `separate` keeps the records apart. `link` is what clients sent before links needed consent;
 * outboxes queued then still hold it, and it means a proposal now.
 */
export const decideDuplicateSchema = z.object({
	candidateId: z.uuid(),
	decision: z.enum(['ask', 'separate', 'link'])
});

/** The family's answer to "is this registration at Kita X your child?". */
export const answerLinkQuestionSchema = z.object({
	candidateId: z.uuid(),
	answer: z.enum(['mine', 'notMine'])
});

/** The youth office decides a pair of two walk-ins. */
export const officeDecideDuplicateSchema = z.object({
	candidateId: z.uuid(),
	decision: z.enum(['link', 'separate'])
});

export type DuplicateStep =
	| { actor: 'staff'; decision: 'ask' | 'separate'; confirmer: LinkConfirmer }
	| { actor: 'parent'; answer: 'mine' | 'notMine' }
	| { actor: 'admin'; decision: 'link' | 'separate' }
	/** The walk-in family took an account meanwhile: two accounts, so neither decides alone. */
	| { actor: 'system'; event: 'walkinClaimed' };

/**
 * The possible duplicate's state machine: every allowed step is a row; anything else is refused
 * as stale (someone decided first). Shared by the server (authority) and the clients (buttons).
 */
export function decideDuplicateStep(from: DuplicateStatus, step: DuplicateStep): DuplicateStatus | null {
	switch (step.actor) {
		case 'staff':
			if (from !== 'open') return null;
			if (step.decision === 'separate') return 'separate';
			return step.confirmer === 'family' ? 'askedFamily' : 'awaitingOffice';
		case 'parent':
			if (from !== 'askedFamily') return null;
			return step.answer === 'mine' ? 'linked' : 'separate';
		case 'admin':
			if (from !== 'awaitingOffice') return null;
			return step.decision === 'link' ? 'linked' : 'separate';
		case 'system':
			return from === 'askedFamily' ? 'awaitingOffice' : null;
	}
}

/**
 * A Kita's question to a family (on its devices): whether a registration made in person at that
 * Kita is the family's child. Only what the family needs to answer: the Kita's name and the child
 * as entered at the desk — nothing of the walk-in family's contacts.
 */
export interface LinkQuestion {
	/** The possible duplicate's id. */
	id: string;
	/** The family's own child the registration may belong to. */
	childId: string;
	facilityName: string;
	childFirstName: string;
	childLastName: string;
	birthDate: string;
	askedAt: string;
	status: DuplicateStatus;
	decidedAt: string | null;
}

/** One side of a pair as the youth office sees it: both records, to decide "same child". */
export interface OfficeDuplicateRecord {
	childId: string;
	firstName: string;
	lastName: string;
	birthDate: string;
	source: FamilySource;
	guardians: {
		firstName: string;
		lastName: string;
		street: string;
		postcode: string;
		town: string;
		phone: string;
	}[];
	/** The Kitas where this record is registered. */
	kitas: string[];
}

export interface OfficeDuplicate {
	id: string;
	status: DuplicateStatus;
	/** The Kita that proposed the link. */
	kita: string;
	foundAt: string;
	askedAt: string | null;
	decidedAt: string | null;
	walkin: OfficeDuplicateRecord;
	match: OfficeDuplicateRecord;
}

// ------------------------------------------------------------------------------------------------
// Reads that are audited

export const auditReadSchema = z.object({
	kind: z.enum(['request', 'queueExport', 'offerLetter', 'walkinReceipt']),
	id: z.uuid()
});

// ------------------------------------------------------------------------------------------------
// Contracts

/**
 * Which of the child's other requests a contract closes as `placedElsewhere`, and which earlier
 * contract a Wechselwunsch contract ends. Pure, so that the client can preview it.
 */
export function contractConsequences<
	R extends { id: string; status: RequestStatus; changeRequest: boolean; registeredAt: string }
>(
	contract: { id: string; changeRequest: boolean },
	others: readonly R[],
	contractAt: string
): { close: R[]; end: R[] } {
	const rest = others.filter((r) => r.id !== contract.id);
	return {
		close: rest.filter((r) => closesOnContractElsewhere(r, contractAt)),
		end: contract.changeRequest ? rest.filter((r) => r.status === 'contracted') : []
	};
}

/** An offer stands (its terms are shown, a letter may be printed) until it is answered no or ends. */
export function offerStands(status: RequestStatus): boolean {
	return status === 'offered' || status === 'accepted';
}

/** An offer waits for the family's answer (its answer time is shown). */
export function awaitingAnswer(status: RequestStatus): boolean {
	return status === 'offered';
}

/** The Kita said no (the reason is shown). */
export function isRejected(status: RequestStatus): boolean {
	return status === 'rejected';
}
