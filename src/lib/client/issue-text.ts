// Translated texts for the registration rules' issues (src/lib/domain/registration-rules.ts).
import type { ItemIssue } from '$lib/domain/registration-rules';
import { formatDay } from '$lib/format';
import { m } from '$lib/i18n/messages';

export function issueText(issue: ItemIssue): string {
	switch (issue.code) {
		case 'startInPast':
			return m.issue_start_in_past();
		case 'startBeforeBirth':
			return m.issue_start_before_birth();
		case 'noKitaYear':
			return m.issue_no_kita_year();
		case 'yearEnded':
			return m.issue_year_ended();
		case 'notYetOpen':
			return m.issue_not_yet_open({ date: formatDay(issue.opensOn) });
		case 'hoursNotOffered':
			return m.issue_hours_not_offered();
		case 'facilityInactive':
			return m.issue_facility_inactive();
		case 'kibizShortNotice':
			return m.issue_kibiz_short_notice();
		case 'ageNotTaken':
			return m.issue_age_not_taken({ months: issue.ageMonths });
		case 'meetingRequired':
			return m.issue_meeting_required();
	}
}
