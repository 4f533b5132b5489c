// Plain-language texts for refused mutations in the "needs attention" list.
import type { RequestStatus } from '$lib/domain/placement';
import { requestStatusLabel } from '$lib/labels-status';
import { m } from '$lib/i18n/messages';
import { errorMessage } from './form-errors';

const MUTATION_TEXT: Record<string, () => string> = {
	saveGuardian: m.mutation_save_guardian,
	saveChild: m.mutation_save_child,
	submitRegistration: m.mutation_submit_registration,
	updateRequest: m.mutation_update_request,
	rankRequests: m.mutation_rank_requests,
	withdrawRequest: m.mutation_withdraw_request,
	answerOffer: m.mutation_answer_offer,
	submitChildminding: m.mutation_submit_childminding,
	withdrawChildminding: m.mutation_withdraw_childminding,
	answerLinkQuestion: m.mutation_answer_link_question
};

const REFUSAL_TEXT: Record<string, () => string> = {
	staleStatus: m.refusal_stale_status,
	notAllowed: m.refusal_not_allowed,
	wrongActor: m.refusal_not_permitted,
	notPermitted: m.refusal_not_permitted,
	notFound: m.refusal_not_found,
	linkedElsewhere: m.refusal_linked_elsewhere,
	notBorn: m.error_not_born,
	invalidInput: m.refusal_invalid_input,
	invalidRegistration: m.refusal_invalid_registration,
	alreadyRegistered: m.refusal_already_registered,
	duplicateKita: m.refusal_already_registered,
	offerLapsed: m.refusal_offer_lapsed,
	offersNotYetOpen: m.refusal_offers_not_yet_open,
	kitaYearEnded: m.issue_year_ended,
	noKitaYear: m.issue_no_kita_year,
	startInPast: m.issue_start_in_past,
	startBeforeBirth: m.issue_start_before_birth,
	idTaken: m.refusal_id_taken,
	registeredElsewhere: m.refusal_registered_elsewhere,
	serverError: m.refusal_server_error
};

/** Extra mutation and refusal texts registered by other audiences (staff, youth office). */
export function registerTexts(
	mutations: Record<string, () => string>,
	refusals: Record<string, () => string>
): void {
	Object.assign(MUTATION_TEXT, mutations);
	Object.assign(REFUSAL_TEXT, refusals);
}

export function describeMutation(name: string, args: unknown, facilities: Map<string, string>): string {
	const base = (MUTATION_TEXT[name] ?? m.mutation_unknown)();
	const facilityId = (args as { facilityId?: string } | null)?.facilityId;
	return facilityId && facilities.has(facilityId) ? `${base} (${facilities.get(facilityId)})` : base;
}

/** Issue codes of the server's schemas that the general form messages do not know. */
const ISSUE_TEXT: Record<string, () => string> = {
	phoneRequired: m.staff_walkin_phone_required,
	privacyNotSigned: m.staff_walkin_privacy_missing
};

/**
 * Why the server refused. Invalid input names what was wrong (e.g. a walk-in without a phone
 * number, from an older device whose form let it through), in the device's language.
 */
export function describeRefusal(code: string, current?: unknown): string {
	const base = (REFUSAL_TEXT[code] ?? m.refusal_unknown)();
	const issues = (current as { issues?: unknown } | undefined)?.issues;
	if (code !== 'invalidInput' || !Array.isArray(issues)) return base;
	const texts = new Set(
		issues
			.map((i) => (i as { message?: unknown }).message)
			.filter((c): c is string => typeof c === 'string')
			.map((c) => ISSUE_TEXT[c]?.() ?? errorMessage(c))
	);
	return [base, ...texts].join(' ');
}

/** The server's current state, when the refusal carried a request or child-minding request. */
export function describeCurrent(current: unknown): string {
	const status = (current as { status?: string } | undefined)?.status;
	if (status && status in requestStatusLabel) return requestStatusLabel[status as RequestStatus]();
	return '';
}
