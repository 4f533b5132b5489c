// What is missing or wrong in a registration draft, field by field: the form shows it beside the
// fields, the summary ("Angaben prüfen") refuses to send a draft that still has any of it.
import type { Facility } from '$lib/domain/facility';
import type { Child } from '$lib/domain/family';
import type { KitaYear } from '$lib/domain/kita-year';
import { checkRequestItem, type ItemIssue } from '$lib/domain/registration-rules';
import { m } from '$lib/i18n/messages';
import { issueText } from './issue-text';
import type { DraftItem, RegistrationDraft } from './registration-draft';

export interface DraftError {
	/** The id of the form field the error belongs to (also the target of "Ändern"). */
	fieldId: string;
	label: string;
	message: string;
}

export interface DraftFacts {
	child: Child | undefined;
	facilities: ReadonlyMap<string, Facility>;
	years: readonly KitaYear[];
	today: string;
}

/** The ids of an item's fields in the form, by position (the summary's "Ändern" links go there). */
export const itemField = {
	start: (index: number) => `item-${index}-start`,
	hours: (index: number) => `item-${index}-hours`,
	change: (index: number) => `item-${index}-change`,
	comment: (index: number) => `item-${index}-comment`,
	rank: (index: number) => `item-${index}-rank`
};
export const CHILD_FIELD = 'reg-child';
export const KITAS_FIELD = 'reg-search';

/** The rules' errors and notices of one item, once child, start and hours are there. */
export function itemIssues(item: DraftItem, facts: DraftFacts): ItemIssue[] {
	const facility = facts.facilities.get(item.facilityId);
	if (!facility || !facts.child || !item.startDate || item.weeklyHours === '')
		return facility?.meetingRequired ? [{ kind: 'notice', field: 'facility', code: 'meetingRequired' }] : [];
	return checkRequestItem(
		{ startDate: item.startDate, weeklyHours: item.weeklyHours },
		facility,
		facts.child.birthDate,
		facts.years,
		facts.today
	);
}

export function draftErrors(draft: RegistrationDraft, facts: DraftFacts): DraftError[] {
	const found: DraftError[] = [];
	if (!facts.child)
		found.push({ fieldId: CHILD_FIELD, label: m.registration_child(), message: m.error_required() });
	if (!draft.items.length)
		found.push({ fieldId: KITAS_FIELD, label: m.registration_kitas(), message: m.error_no_kita_chosen() });
	draft.items.forEach((item, index) => {
		const name = facts.facilities.get(item.facilityId)?.name ?? m.bookmarks_gone();
		if (!item.startDate)
			found.push({
				fieldId: itemField.start(index),
				label: `${name}: ${m.registration_start()}`,
				message: m.error_required()
			});
		if (item.weeklyHours === '')
			found.push({
				fieldId: itemField.hours(index),
				label: `${name}: ${m.registration_hours()}`,
				message: m.error_required()
			});
		for (const issue of itemIssues(item, facts).filter((i) => i.kind === 'error'))
			found.push({
				fieldId: issue.field === 'weeklyHours' ? itemField.hours(index) : itemField.start(index),
				label: name,
				message: issueText(issue)
			});
	});
	return found;
}
