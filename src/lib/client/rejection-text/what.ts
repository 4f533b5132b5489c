// What was refused, per mutation, in the user's words.
import { type MutationName } from '$lib/domain/mutations';
import { m } from '$lib/i18n/messages';
import { type Args, type Text, str } from './types';
import { childName, kitaName, ofRequest, ofChildminding, ofDuplicate, guardianText } from './names';

/** What was refused, per mutation. */
export const WHAT: Record<MutationName, Text> = {
	saveGuardian: guardianText,
	saveChild: (args, names) => {
		const child = `${str(args.firstName)} ${str(args.lastName)}`.trim() || m.rej_some_child();
		return names.children.has(str(args.id)) ? m.rej_child_change({ child }) : m.rej_child_new({ child });
	},
	submitRegistration: (args, names) => {
		const items = Array.isArray(args.items) ? (args.items as Args[]) : [];
		const kita = items.map((item) => kitaName(names, str(item.facilityId))).join(', ') || m.rej_some_kita();
		return m.rej_registration({ child: childName(names, str(args.childId)), kita });
	},
	updateRequest: (args, names) => m.rej_update_request(ofRequest(args, names)),
	rankRequests: (args, names) => m.rej_rank({ child: childName(names, str(args.childId)) }),
	withdrawRequest: (args, names) => m.rej_withdraw_request(ofRequest(args, names)),
	answerOffer: (args, names) =>
		args.answer === 'decline'
			? m.rej_decline_offer(ofRequest(args, names))
			: m.rej_accept_offer(ofRequest(args, names)),
	submitChildminding: (args, names) => m.rej_childminding({ child: childName(names, str(args.childId)) }),
	withdrawChildminding: (args, names) => m.rej_withdraw_childminding(ofChildminding(args, names)),
	answerLinkQuestion: (args, names) => m.rej_link_answer(ofDuplicate(args, names)),
	makeOffer: (args, names) => m.rej_offer(ofRequest(args, names)),
	withdrawOffer: (args, names) => m.rej_withdraw_offer(ofRequest(args, names)),
	rejectRequest: (args, names) => m.rej_reject(ofRequest(args, names)),
	recordAnswer: (args, names) => m.rej_record_answer(ofRequest(args, names)),
	concludeContract: (args, names) => m.rej_contract(ofRequest(args, names)),
	createWalkin: (args, names) => {
		const child = (args.child ?? {}) as Args;
		return m.rej_walkin({
			child: `${str(child.firstName)} ${str(child.lastName)}`.trim() || m.rej_some_child(),
			kita: kitaName(names, str(args.facilityId))
		});
	},
	renewClaimCode: (args, names) =>
		m.rej_claim_code({ child: names.families.get(str(args.familyId)) ?? m.rej_some_child() }),
	decideDuplicate: (args, names) => m.rej_duplicate({ child: ofDuplicate(args, names).child }),
	auditRead: (args, names) =>
		args.kind === 'queueExport'
			? m.rej_audit_export({ kita: kitaName(names, str(args.id)) })
			: m.rej_audit_request({ child: ofRequest({ requestId: args.id }, names).child }),
	moveInQueue: (args, names) => m.rej_queue_move(ofRequest(args, names)),
	sendRoundProposal: (args, names) =>
		m.rej_round_send({ kita: kitaName(names, names.proposals.get(str(args.proposalId))?.facilityId ?? '') }),
	changeRoundProposal: (args, names) =>
		m.rej_round_change({
			child: ofRequest({ requestId: args.dropRequestId ?? args.addRequestId }, names).child,
			kita: kitaName(names, names.proposals.get(str(args.proposalId))?.facilityId ?? '')
		}),
	saveFacility: (args, names) =>
		m.rej_facility({ kita: names.facilities.get(str(args.id)) ?? str(args.name) }),
	setCapacities: (args, names) => m.rej_capacities({ kita: kitaName(names, str(args.facilityId)) }),
	saveFacilityInfo: (args, names) => m.rej_facility_info({ kita: kitaName(names, str(args.facilityId)) }),
	saveKitaYear: (args) => m.rej_kita_year({ year: str(args.id) }),
	childmindingTransition: (args, names) => m.rej_childminding_step(ofChildminding(args, names)),
	saveChildmindingNote: (args, names) => m.rej_childminding_note(ofChildminding(args, names))
};
