// The registration form's draft: which child, which Kitas in which order, and per Kita the wishes.
import type { WeeklyHours } from '$lib/domain/facility';

export interface DraftItem {
	facilityId: string;
	startDate: string;
	weeklyHours: WeeklyHours | '';
	changeRequest: boolean;
	comment: string;
}

export interface RegistrationDraft {
	registrationId: string;
	childId: string;
	items: DraftItem[];
}

export const REGISTRATION_DRAFT = 'registration';

export function blankRegistration(): RegistrationDraft {
	return { registrationId: crypto.randomUUID(), childId: '', items: [] };
}

export function blankItem(facilityId: string, template?: DraftItem): DraftItem {
	return {
		facilityId,
		startDate: template?.startDate ?? '',
		weeklyHours: template?.weeklyHours ?? '',
		changeRequest: template?.changeRequest ?? false,
		comment: ''
	};
}

/** Moves an entry up or down; ranks are the order of the list. */
export function move<T>(list: T[], index: number, delta: -1 | 1): T[] {
	const target = index + delta;
	if (target < 0 || target >= list.length) return list;
	const copy = [...list];
	[copy[index], copy[target]] = [copy[target] as T, copy[index] as T];
	return copy;
}

/** The summary ("Angaben prüfen") the form leads to before anything is sent. */
export const SUMMARY_PATH = '/anmeldung/pruefen';

/** Where "Kind hier anmelden" goes for one Kita: the registration with that Kita chosen. */
export function registerHerePath(facilityId: string): string {
	return `/anmeldung?kita=${encodeURIComponent(facilityId)}`;
}

/** The same, through the login first when nobody is logged in on this device. */
export function registerHereLink(facilityId: string, loggedIn: boolean): string {
	const target = registerHerePath(facilityId);
	return loggedIn ? target : `/login?next=${encodeURIComponent(target)}`;
}
