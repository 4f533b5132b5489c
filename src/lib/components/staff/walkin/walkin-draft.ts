// What the walk-in form holds while it is typed (saved as a local draft), and its guardian fields.
import type { WeeklyHours } from '$lib/domain/facility';
import { m } from '$lib/i18n/messages';

export interface WalkinGuardianDraft {
	firstName: string;
	lastName: string;
	street: string;
	postcode: string;
	town: string;
	phone: string;
	email: string;
	/** Employed or in training (an admission criterion); a draft from before has none. */
	employedOrTraining?: boolean;
}

export interface WalkinDraft {
	guardian1: WalkinGuardianDraft;
	withSecond: boolean;
	guardian2: WalkinGuardianDraft;
	child: { firstName: string; lastName: string; birthDate: string };
	startDate: string;
	weeklyHours: WeeklyHours;
	changeRequest: boolean;
	comment: string;
	privacySigned: boolean;
}

const blankGuardian = (): WalkinGuardianDraft => ({
	firstName: '',
	lastName: '',
	street: '',
	postcode: '',
	town: '',
	phone: '',
	email: '',
	employedOrTraining: false
});

export const blankWalkin = (): WalkinDraft => ({
	guardian1: blankGuardian(),
	withSecond: false,
	guardian2: blankGuardian(),
	child: { firstName: '', lastName: '', birthDate: '' },
	startDate: '',
	weeklyHours: 35,
	changeRequest: false,
	comment: '',
	privacySigned: false
});

export const GUARDIAN_FIELDS = [
	{ key: 'firstName', label: m.field_first_name, type: 'text', required: true },
	{ key: 'lastName', label: m.field_last_name, type: 'text', required: true },
	{ key: 'street', label: m.field_street, type: 'text', required: true },
	{ key: 'postcode', label: m.field_postcode, type: 'text', required: true },
	{ key: 'town', label: m.field_town, type: 'text', required: true },
	// Families without internet are reached by phone (the schema requires it, too).
	{ key: 'phone', label: m.field_phone, type: 'tel', required: true },
	{ key: 'email', label: m.staff_walkin_email_optional, type: 'email', required: false }
] as const satisfies readonly {
	key: keyof WalkinGuardianDraft;
	label: () => string;
	type: string;
	required: boolean;
}[];
