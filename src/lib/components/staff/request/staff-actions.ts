// The staff's actions on one request as data: which button opens what, the confirmation it asks
// for and the mutation it sends. Which actions there are is the server's answer (permittedActions).
import { mutate } from '$lib/client/sync/mutate';
import type { WeeklyHours } from '$lib/domain/facility';
import type { KitaYear } from '$lib/domain/kita-year';
import type { RequestAction } from '$lib/domain/permissions';
import type { RequestStatus } from '$lib/domain/placement';
import { previewAnswerBy, STAFF_ACTIONS, type RejectReason, type StaffAction } from '$lib/domain/staff';
import { formatDay } from '$lib/format';
import { m } from '$lib/i18n/messages';

export type { StaffAction };

/** What the offer and reject forms collected before the confirmation. */
export interface ActionInput {
	offer: { startDate: string; weeklyHours: WeeklyHours; note: string };
	reject: { reason: RejectReason; note: string };
}

interface Target {
	requestId: string;
	expectedStatus: RequestStatus;
}

export interface ActionRow {
	label: () => string;
	/** A secondary (outlined) button: the steps that undo or end something. */
	secondary: boolean;
	/** Opens its form first (the confirmation follows the form); the others ask right away. */
	form?: 'offer' | 'reject';
	confirm: (year: Pick<KitaYear, 'offerResponseDays'> | undefined) => { title: string; text: string };
	send: (target: Target, input: ActionInput) => Promise<unknown>;
}

export const ACTIONS: Record<StaffAction, ActionRow> = {
	offer: {
		label: () => m.staff_action_offer(),
		secondary: false,
		form: 'offer',
		confirm: (year) => ({
			title: m.staff_confirm_offer_title(),
			text: m.staff_confirm_offer_text({
				date: formatDay(previewAnswerBy(new Date(), year ?? { offerResponseDays: 14 }))
			})
		}),
		send: (target, input) => mutate('makeOffer', { ...target, ...input.offer })
	},
	reject: {
		label: () => m.staff_action_reject(),
		secondary: true,
		form: 'reject',
		confirm: () => ({ title: m.staff_confirm_reject_title(), text: m.staff_confirm_reject_text() }),
		send: (target, input) => mutate('rejectRequest', { ...target, ...input.reject })
	},
	withdrawOffer: {
		label: () => m.staff_action_withdraw_offer(),
		secondary: true,
		confirm: () => ({ title: m.staff_confirm_withdraw_title(), text: m.staff_confirm_withdraw_text() }),
		send: (target) => mutate('withdrawOffer', target)
	},
	accept: {
		label: () => m.staff_action_accept(),
		secondary: false,
		confirm: () => ({ title: m.staff_confirm_accept_title(), text: m.staff_confirm_accept_text() }),
		send: (target) => mutate('recordAnswer', { ...target, answer: 'accept' })
	},
	decline: {
		label: () => m.staff_action_decline(),
		secondary: true,
		confirm: () => ({ title: m.staff_confirm_decline_title(), text: m.staff_confirm_decline_text() }),
		send: (target) => mutate('recordAnswer', { ...target, answer: 'decline' })
	},
	contract: {
		label: () => m.staff_action_contract(),
		secondary: false,
		confirm: () => ({ title: m.staff_confirm_contract_title(), text: m.staff_confirm_contract_text() }),
		send: (target) => mutate('concludeContract', target)
	}
};

/** The staff actions among those permitted, in the order of the permission table. */
export function staffActions(permitted: readonly RequestAction[]): StaffAction[] {
	return permitted.filter((a): a is StaffAction => (STAFF_ACTIONS as readonly string[]).includes(a));
}
