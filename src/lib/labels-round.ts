// The status of an offer round's Kita proposal, as staff and the youth office read it.
import type { ProposalStatus } from '$lib/domain/allocation/offer-round';
import { m } from '$lib/i18n/messages';

export const proposalStatusLabel: Record<ProposalStatus, () => string> = {
	open: m.round_status_open,
	sent: m.round_status_sent,
	changedAndSent: m.round_status_changed_and_sent,
	lapsed: m.round_status_lapsed
};
