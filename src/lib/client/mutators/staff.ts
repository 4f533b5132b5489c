// Optimistic effects of the Kita staff's mutations on the office PC's local data, so the queue
// shows the action at once, offline too (server: server/sync/mutators/staff.ts).
import { kitaYearFor, offerExpiresAt } from '$lib/domain/kita-year';
import { contractConsequences, decideDuplicateStep } from '$lib/domain/staff';
import { applyProposalChange, sentStatus } from '$lib/domain/allocation/offer-round';
import { requestActionsFor } from './reader-actions';
import { endOnAcceptance, transition } from './transition';
import type { ClientMutators } from './types';

export type StaffMutation =
	| 'makeOffer'
	| 'withdrawOffer'
	| 'rejectRequest'
	| 'recordAnswer'
	| 'concludeContract'
	| 'createWalkin'
	| 'decideDuplicate'
	| 'moveInQueue'
	| 'sendRoundProposal'
	| 'changeRoundProposal';

export const staffMutators: ClientMutators<StaffMutation> = {
	async makeOffer(w, args) {
		const row = await w.get('requests', args.requestId);
		const year = row ? await w.db.kitaYears.get(row.kitaYearId) : undefined;
		await transition(w, args.requestId, {
			event: 'offer',
			expectedStatus: args.expectedStatus,
			actor: 'staff',
			changes: (at) => ({
				offeredAt: at.toISOString(),
				// A preview: the server starts the response time when the offer reaches it.
				offerExpiresAt: year ? offerExpiresAt(at, year).toISOString() : null,
				offer: { startDate: args.startDate, weeklyHours: args.weeklyHours, note: args.note }
			})
		});
	},
	async withdrawOffer(w, args) {
		await transition(w, args.requestId, {
			event: 'withdrawOffer',
			expectedStatus: args.expectedStatus,
			actor: 'staff',
			changes: () => ({ offeredAt: null, offerExpiresAt: null, offer: null })
		});
	},
	async rejectRequest(w, args) {
		await transition(w, args.requestId, {
			event: 'reject',
			expectedStatus: args.expectedStatus,
			actor: 'staff',
			changes: () => ({ rejectReason: args.reason, rejectNote: args.note })
		});
	},
	async recordAnswer(w, args) {
		const answered = await transition(w, args.requestId, {
			event: args.answer,
			expectedStatus: args.expectedStatus,
			actor: 'staff'
		});
		await endOnAcceptance(w, answered);
	},
	async concludeContract(w, args) {
		const contract = await transition(w, args.requestId, {
			event: 'contract',
			expectedStatus: args.expectedStatus,
			actor: 'staff'
		});
		if (!contract) return;
		// The same rule and the same system steps the server applies, on the requests of this child
		// the device holds.
		const others = await w.where('requests', 'childId', contract.childId);
		const { close, end } = contractConsequences(contract, others, new Date().toISOString());
		for (const r of end) await transition(w, r.id, { event: 'endForChange', actor: 'system' });
		for (const r of close) await transition(w, r.id, { event: 'placeElsewhere', actor: 'system' });
	},
	async createWalkin(w, args) {
		const at = new Date().toISOString();
		const years = await w.db.kitaYears.toArray();
		// Its claim code works until an account takes it (the server's staff view says so too).
		await w.put('families', { id: args.familyId, source: 'walkin', createdAt: at, claimable: true });
		for (const g of args.guardians)
			await w.put('guardians', {
				...g,
				employedOrTraining: g.employedOrTraining ?? false,
				familyId: args.familyId
			});
		// A new child has no hardship decision (only the youth office records one).
		await w.put('children', { ...args.child, familyId: args.familyId, mergedInto: null, hardship: false });
		await w.put('registrations', {
			id: args.registrationId,
			// The number is given by the server when the registration arrives.
			number: '',
			familyId: args.familyId,
			childId: args.child.id,
			submittedAt: at,
			source: 'walkin'
		});
		await w.put('requests', {
			id: args.requestId,
			registrationId: args.registrationId,
			childId: args.child.id,
			facilityId: args.facilityId,
			kitaYearId: kitaYearFor(args.startDate, years)?.id ?? '',
			rank: null,
			startDate: args.startDate,
			weeklyHours: args.weeklyHours,
			changeRequest: args.changeRequest,
			comment: args.comment,
			status: 'registered',
			registeredAt: at,
			offeredAt: null,
			offerExpiresAt: null,
			offer: null,
			rejectReason: null,
			rejectNote: null,
			updatedAt: at,
			contractElsewhere: false,
			permittedActions: requestActionsFor('staff', {
				status: 'registered',
				facilityId: args.facilityId,
				offerExpiresAt: null
			})
		});
	},
	async moveInQueue(w, args) {
		// The Kita and Kita year are the moved request's, as on the server; the server's time replaces
		// the device's at the next pull.
		const row = await w.get('requests', args.requestId);
		if (!row) return;
		await w.put('queueMoves', {
			id: args.id,
			requestId: args.requestId,
			facilityId: row.facilityId,
			kitaYearId: row.kitaYearId,
			anchorRequestId: args.anchorRequestId,
			placement: args.placement,
			reason: args.reason,
			movedAt: new Date().toISOString()
		});
	},
	async decideDuplicate(w, args) {
		const row = await w.get('duplicateCandidates', args.candidateId);
		if (!row) return;
		const decision = args.decision === 'separate' ? 'separate' : 'ask';
		const status = decideDuplicateStep(row.status, {
			actor: 'staff',
			decision,
			confirmer: row.match.confirmedBy
		});
		if (!status) return;
		const at = new Date().toISOString();
		await w.update(
			'duplicateCandidates',
			args.candidateId,
			status === 'separate' ? { status, decidedAt: at } : { status, askedAt: at }
		);
	},
	// The offers themselves are makeOffer mutations queued right after (staff/round-send.ts).
	async sendRoundProposal(w, args) {
		const row = await w.get('roundProposals', args.proposalId);
		if (row?.status !== 'open') return;
		await w.update('roundProposals', args.proposalId, {
			status: sentStatus(row.changes),
			sentAt: new Date().toISOString()
		});
	},
	async changeRoundProposal(w, args) {
		const row = await w.get('roundProposals', args.proposalId);
		if (row?.status !== 'open') return;
		const changed = applyProposalChange(row.requestIds, args);
		if (!changed.ok) return;
		await w.update('roundProposals', args.proposalId, {
			requestIds: changed.requestIds,
			changes: [
				...row.changes,
				{
					at: new Date().toISOString(),
					dropRequestId: args.dropRequestId,
					addRequestId: args.addRequestId,
					reason: args.reason
				}
			]
		});
	}
};
