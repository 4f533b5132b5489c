// Texts of the staff pages that depend on codes: history events, actors, reasons of an Absage and
// offer problems.
import type { OfferIssue, RejectReason } from '$lib/domain/staff';
import { m } from '$lib/i18n/messages';

const EVENTS: Record<string, () => string> = {
	register: m.staff_event_register,
	offer: m.staff_event_offer,
	withdrawOffer: m.staff_event_withdraw_offer,
	accept: m.staff_event_accept,
	decline: m.staff_event_decline,
	expire: m.staff_event_expire,
	contract: m.staff_event_contract,
	reject: m.staff_event_reject,
	withdraw: m.staff_event_withdraw,
	placeElsewhere: m.staff_event_place_elsewhere,
	endForChange: m.staff_event_end_for_change,
	update: m.staff_event_update,
	carryOver: m.staff_event_carry_over,
	release: m.staff_event_release,
	acceptElsewhere: m.staff_event_accept_elsewhere,
	reinstate: m.staff_event_reinstate
};

export function eventLabel(event: string): string {
	return (EVENTS[event] ?? m.staff_event_other)();
}

const ACTORS: Record<string, () => string> = {
	parent: m.staff_actor_parent,
	staff: m.staff_actor_staff,
	system: m.staff_actor_system
};

export function actorLabel(role: string): string {
	return (ACTORS[role] ?? m.staff_actor_office)();
}

const REASONS: Record<RejectReason, () => string> = {
	noPlaceAvailable: m.staff_reason_no_place,
	ageNotTaken: m.staff_reason_age,
	hoursNotAvailable: m.staff_reason_hours,
	admissionCriteria: m.staff_reason_criteria,
	familyUnreachable: m.staff_reason_unreachable,
	other: m.staff_reason_other
};

export function rejectReasonLabel(reason: string): string {
	return (REASONS[reason as RejectReason] ?? m.staff_reason_other)();
}

export function offerIssueText(issue: OfferIssue): string {
	switch (issue.code) {
		case 'outsideKitaYear':
			return m.staff_offer_outside_year();
		case 'startInPast':
			return m.staff_offer_start_past();
		case 'hoursNotOffered':
			return m.staff_offer_hours_not_offered();
	}
}
