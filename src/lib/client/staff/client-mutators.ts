// Optimistic effects of the staff mutations on the office PC's local data, so the queue shows the
// action at once, offline too. The server re-runs the machine and alone decides; its answer
// replaces these rows at the next pull.
import { dayOfInstant } from '$lib/domain/calendar-day';
import { kitaYearFor, offerExpiresAt } from '$lib/domain/kita-year';
import { decide, type PlacementEvent, type RequestStatus } from '$lib/domain/placement';
import type { Request } from '$lib/domain/request';
import { contractConsequences, decideDuplicateStep } from '$lib/domain/staff';
import type { ClientMutatorRegistry } from '../sync/mutator-types';
import type { Writer } from '../sync/writer';

/** Applies a staff transition locally when the machine allows it; otherwise the server will say why. */
async function staffTransition(
	w: Writer,
	requestId: string,
	event: PlacementEvent,
	expectedStatus: RequestStatus,
	changes: (at: Date, row: Request) => Partial<Request> = () => ({})
): Promise<Request | undefined> {
	const row = await w.get('requests', requestId);
	if (!row) return undefined;
	const kitaYear = await w.db.kitaYears.get(row.kitaYearId);
	if (!kitaYear) return undefined;
	const at = new Date();
	const d = decide({
		status: row.status,
		event,
		actor: 'staff',
		expectedStatus,
		ctx: {
			today: dayOfInstant(at),
			now: at,
			kitaYear,
			offerExpiresAt: row.offerExpiresAt ? new Date(row.offerExpiresAt) : null
		}
	});
	if (!d.ok) return undefined;
	const next = { ...changes(at, row), status: d.to, updatedAt: at.toISOString() };
	await w.update('requests', requestId, next);
	return { ...row, ...next };
}

export const staffClientMutators: ClientMutatorRegistry = {
	async makeOffer(w, args) {
		const row = await w.get('requests', args.requestId);
		const year = row ? await w.db.kitaYears.get(row.kitaYearId) : undefined;
		await staffTransition(w, args.requestId, 'offer', args.expectedStatus, (at) => ({
			offeredAt: at.toISOString(),
			// A preview: the server starts the response time when the offer reaches it.
			offerExpiresAt: year ? offerExpiresAt(at, year).toISOString() : null,
			offer: { startDate: args.startDate, weeklyHours: args.weeklyHours, note: args.note }
		}));
	},
	async withdrawOffer(w, args) {
		await staffTransition(w, args.requestId, 'withdrawOffer', args.expectedStatus, () => ({
			offeredAt: null,
			offerExpiresAt: null,
			offer: null
		}));
	},
	async rejectRequest(w, args) {
		await staffTransition(w, args.requestId, 'reject', args.expectedStatus, () => ({
			rejectReason: args.reason,
			rejectNote: args.note
		}));
	},
	async recordAnswer(w, args) {
		await staffTransition(w, args.requestId, args.answer, args.expectedStatus);
	},
	async concludeContract(w, args) {
		const contract = await staffTransition(w, args.requestId, 'contract', args.expectedStatus);
		if (!contract) return;
		// The same rule the server applies, on the requests of this child the Kita holds.
		const others = await w.where('requests', 'childId', contract.childId);
		const { close, end } = contractConsequences(contract, others, new Date().toISOString());
		for (const r of close) await w.update('requests', r.id, { status: 'placedElsewhere' });
		for (const r of end) await w.update('requests', r.id, { status: 'placedElsewhere' });
	},
	async createWalkin(w, args) {
		const at = new Date().toISOString();
		const years = await w.db.kitaYears.toArray();
		await w.put('families', { id: args.familyId, source: 'walkin', createdAt: at });
		for (const g of args.guardians) await w.put('guardians', { ...g, familyId: args.familyId });
		await w.put('children', { ...args.child, familyId: args.familyId, mergedInto: null });
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
			contractElsewhere: false
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
	}
};
