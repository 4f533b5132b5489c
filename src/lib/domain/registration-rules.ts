// The rules of an Anmeldung item (one Kita of a registration), shared by the form (to explain) and
// the server (to refuse). Errors block; notices inform but allow (KiBiz § 5 says warn, not block).
import { compareDays, type Day } from './calendar-day';
import type { Facility, WeeklyHours } from './facility';
import { ageInMonths, kibizShortNotice, kitaYearFor, registrationWindow, type KitaYear } from './kita-year';

export type ItemIssue =
	| {
			kind: 'error';
			field: 'startDate';
			code: 'startInPast' | 'startBeforeBirth' | 'noKitaYear' | 'yearEnded';
	  }
	| { kind: 'error'; field: 'startDate'; code: 'notYetOpen'; opensOn: Day }
	| { kind: 'error'; field: 'weeklyHours'; code: 'hoursNotOffered' }
	| { kind: 'error'; field: 'facility'; code: 'facilityInactive' }
	| { kind: 'notice'; field: 'startDate'; code: 'kibizShortNotice' }
	| { kind: 'notice'; field: 'startDate'; code: 'ageNotTaken'; ageMonths: number }
	| { kind: 'notice'; field: 'facility'; code: 'meetingRequired' };

export interface ItemFacts {
	startDate: Day;
	weeklyHours: WeeklyHours;
}

export function checkRequestItem(
	item: ItemFacts,
	facility: Facility,
	birthDate: Day,
	years: readonly KitaYear[],
	today: Day
): ItemIssue[] {
	const issues: ItemIssue[] = [];
	if (!facility.active) issues.push({ kind: 'error', field: 'facility', code: 'facilityInactive' });
	if (!facility.weeklyHours.includes(item.weeklyHours))
		issues.push({ kind: 'error', field: 'weeklyHours', code: 'hoursNotOffered' });
	if (compareDays(item.startDate, birthDate) < 0)
		issues.push({ kind: 'error', field: 'startDate', code: 'startBeforeBirth' });
	else if (compareDays(item.startDate, today) < 0)
		issues.push({ kind: 'error', field: 'startDate', code: 'startInPast' });
	else {
		const year = kitaYearFor(item.startDate, years);
		if (!year) issues.push({ kind: 'error', field: 'startDate', code: 'noKitaYear' });
		else {
			const window = registrationWindow(year, today);
			if (!window.open)
				issues.push(
					window.reason === 'notYetOpen'
						? { kind: 'error', field: 'startDate', code: 'notYetOpen', opensOn: window.opensOn }
						: { kind: 'error', field: 'startDate', code: 'yearEnded' }
				);
		}
		if (kibizShortNotice(item.startDate, today))
			issues.push({ kind: 'notice', field: 'startDate', code: 'kibizShortNotice' });
		const age = ageInMonths(birthDate, item.startDate);
		if (age < facility.minAgeMonths || age > facility.maxAgeMonths)
			issues.push({ kind: 'notice', field: 'startDate', code: 'ageNotTaken', ageMonths: age });
	}
	if (facility.meetingRequired) issues.push({ kind: 'notice', field: 'facility', code: 'meetingRequired' });
	return issues;
}

export function hasErrors(issues: readonly ItemIssue[]): boolean {
	return issues.some((i) => i.kind === 'error');
}
