// Changes not yet sent, named for the logout warning ("Anmeldung zurückziehen: Mia Sommer, Kita …"):
// small on purpose — the logout flow loads it, without the "needs attention" list's text tables.
import type { MutationName } from '$lib/domain/mutations';
import { m } from '$lib/i18n/messages';
import { NO_NAMES, type RejectionNames } from './change-names';

type Args = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The short name of each change, as the logout warning lists what is not yet sent. */
const CHANGE: Record<MutationName, () => string> = {
	saveGuardian: m.chg_guardian,
	saveChild: m.chg_child,
	submitRegistration: m.chg_registration,
	updateRequest: m.chg_update_request,
	rankRequests: m.chg_rank,
	withdrawRequest: m.chg_withdraw_request,
	answerOffer: m.chg_answer_offer,
	submitChildminding: m.chg_childminding,
	withdrawChildminding: m.chg_withdraw_childminding,
	answerLinkQuestion: m.chg_link_answer,
	makeOffer: m.chg_offer,
	withdrawOffer: m.chg_withdraw_offer,
	rejectRequest: m.chg_reject,
	recordAnswer: m.chg_record_answer,
	concludeContract: m.chg_contract,
	createWalkin: m.chg_walkin,
	renewClaimCode: m.chg_claim_code,
	decideDuplicate: m.chg_duplicate,
	auditRead: m.chg_other,
	moveInQueue: m.chg_queue_move,
	sendRoundProposal: m.chg_round_send,
	changeRoundProposal: m.chg_round_change,
	saveFacility: m.chg_facility,
	setCapacities: m.chg_capacities,
	saveFacilityInfo: m.chg_facility_info,
	saveKitaYear: m.chg_kita_year,
	childmindingTransition: m.chg_childminding_step,
	saveChildmindingNote: m.chg_childminding_note
};

/** Whom or what a change is about, as far as the device can name it ("Mia Sommer, Kita …"). */
function subjectOf(name: MutationName, args: Args, names: RejectionNames): string {
	const person = (value: unknown) => {
		const row = (value ?? {}) as Args;
		return `${str(row.firstName)} ${str(row.lastName)}`.trim();
	};
	const known = (map: ReadonlyMap<string, string>, id: unknown) => map.get(str(id)) ?? '';
	let parts: string[];
	if (typeof args.requestId === 'string') {
		const request = names.requests.get(args.requestId);
		parts = request
			? [known(names.children, request.childId), known(names.facilities, request.facilityId)]
			: [];
	} else if (name === 'createWalkin') parts = [person(args.child), known(names.facilities, args.facilityId)];
	else if (name === 'saveGuardian' || name === 'saveChild') parts = [person(args)];
	else if (name === 'submitRegistration')
		parts = [
			known(names.children, args.childId),
			...(Array.isArray(args.items) ? (args.items as Args[]) : []).map((i) =>
				known(names.facilities, i.facilityId)
			)
		];
	else if (typeof args.childId === 'string') parts = [known(names.children, args.childId)];
	else if (typeof args.candidateId === 'string')
		parts = [known(names.children, names.duplicates.get(args.candidateId)?.childId)];
	else if (
		name === 'withdrawChildminding' ||
		name === 'childmindingTransition' ||
		name === 'saveChildmindingNote'
	)
		parts = [known(names.children, names.childminding.get(str(args.id))?.childId)];
	else if (name === 'renewClaimCode') parts = [known(names.families, args.familyId)];
	else if (name === 'saveKitaYear') parts = [str(args.id)];
	else parts = [known(names.facilities, args.facilityId ?? args.id) || str(args.name)];
	return parts.filter(Boolean).join(', ');
}

/** One change not yet sent, for the logout warning: "Anmeldung zurückziehen: Mia Sommer, Kita …". */
export function describePending(
	entry: { name: string; args?: unknown },
	names: RejectionNames = NO_NAMES
): string {
	if (!Object.hasOwn(CHANGE, entry.name)) return m.chg_other();
	const args = (entry.args && typeof entry.args === 'object' ? entry.args : {}) as Args;
	const name = entry.name as MutationName;
	const change = CHANGE[name]();
	const subject = subjectOf(name, args, names);
	return subject ? m.chg_with_subject({ change, subject }) : change;
}
