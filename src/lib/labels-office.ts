// Labels shared by the youth office's pages.
import type { ChildmindingEvent, ChildmindingStatus } from '$lib/domain/childminding';
import type { KitaYearIssue } from '$lib/domain/kita-year-admin';
import { m } from '$lib/i18n/messages';

export const childmindingStatusLabel: Record<ChildmindingStatus, () => string> = {
	submitted: m.fb_status_submitted,
	inContact: m.fb_status_in_contact,
	placed: m.fb_status_placed,
	closed: m.fb_status_closed,
	withdrawn: m.fb_status_withdrawn
};

export const childmindingEventLabel: Record<Exclude<ChildmindingEvent, 'withdraw'>, () => string> = {
	contact: m.fb_event_contact,
	place: m.fb_event_place,
	close: m.fb_event_close
};

const DATE_FIELD: Record<KitaYearIssue['field'], () => string> = {
	id: m.office_year_id,
	registrationOpensOn: m.office_year_registration_opens,
	preferredDeadline: m.office_year_preferred_deadline,
	reviewEndsOn: m.office_year_review_ends,
	offersFrom: m.office_year_offers_from,
	allocationEndsOn: m.office_year_allocation_ends,
	startsOn: m.office_year_starts,
	endsOn: m.office_year_ends
};

export function kitaYearFieldLabel(field: KitaYearIssue['field']): string {
	return DATE_FIELD[field]();
}

/** A date-order problem in words, e.g. "darf nicht vor „Anmeldung möglichst bis“ liegen". */
export function kitaYearIssueText(issue: KitaYearIssue): string {
	switch (issue.code) {
		case 'notAfter':
			return m.office_year_issue_not_after({
				other: issue.other ? kitaYearFieldLabel(issue.other as KitaYearIssue['field']) : ''
			});
		case 'afterEnd':
			return m.office_year_issue_after_end();
		case 'afterStart':
			return m.office_year_issue_after_start();
		case 'endBeforeStart':
			return m.office_year_issue_end_before_start();
		case 'tooLong':
			return m.office_year_issue_too_long();
		case 'startYearMismatch':
			return m.office_year_issue_start_year();
		case 'overlaps':
			return m.office_year_issue_overlaps({ other: issue.other ?? '' });
	}
}
