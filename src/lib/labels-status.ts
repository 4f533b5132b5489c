// Status texts for parents and staff (the FAQ's words), from the message catalogue.
import type { ChildmindingStatus } from '$lib/domain/childminding';
import type { RequestStatus } from '$lib/domain/placement';
import { m } from '$lib/i18n/messages';

export const requestStatusLabel: Record<RequestStatus, () => string> = {
	registered: m.status_registered,
	offered: m.status_offered,
	accepted: m.status_accepted,
	contracted: m.status_contracted,
	rejected: m.status_rejected,
	declined: m.status_declined,
	expired: m.status_expired,
	withdrawn: m.status_withdrawn,
	placedElsewhere: m.status_placed_elsewhere,
	released: m.status_released
};

export const requestStatusText: Record<RequestStatus, () => string> = {
	registered: m.status_registered_text,
	offered: m.status_offered_text,
	accepted: m.status_accepted_text,
	contracted: m.status_contracted_text,
	rejected: m.status_rejected_text,
	declined: m.status_declined_text,
	expired: m.status_expired_text,
	withdrawn: m.status_withdrawn_text,
	placedElsewhere: m.status_placed_elsewhere_text,
	released: m.status_released_text
};

export const childmindingStatusLabel: Record<ChildmindingStatus, () => string> = {
	submitted: m.cm_status_submitted,
	inContact: m.cm_status_in_contact,
	placed: m.cm_status_placed,
	closed: m.cm_status_closed,
	withdrawn: m.cm_status_withdrawn
};
