// The optimistic effect of each mutation on the local database. The server re-runs the real
// mutator and alone decides; these only let the UI show the user's intent at once, offline too.
import { dayOfInstant } from '$lib/domain/calendar-day';
import { kitaYearFor } from '$lib/domain/kita-year';
import { decide } from '$lib/domain/placement';
import { decideChildminding } from '$lib/domain/childminding';
import type { Request } from '$lib/domain/request';
import { decideDuplicateStep } from '$lib/domain/staff';
import type { Writer } from './writer';
import { staffClientMutators } from '../staff/client-mutators';
import type { ClientMutatorRegistry } from './mutator-types';
import { officeClientMutators } from './office-mutators';

export type { ClientMutator, ClientMutatorRegistry } from './mutator-types';

/** The family id until the server has sent the real one (first write of a new parent). */
export const PENDING_FAMILY = 'pending';

async function familyId(w: Writer): Promise<string> {
	const family = await w.db.families.toCollection().first();
	return family?.id ?? PENDING_FAMILY;
}

const now = () => new Date().toISOString();

export const parentClientMutators: ClientMutatorRegistry = {
	async saveGuardian(w, args) {
		await w.put('guardians', { ...args, familyId: await familyId(w) });
	},
	async saveChild(w, args) {
		await w.put('children', { ...args, familyId: await familyId(w) });
	},
	async submitRegistration(w, args) {
		const years = await w.db.kitaYears.toArray();
		const existing = await w.where('requests', 'childId', args.childId);
		const at = now();
		await w.put('registrations', {
			id: args.registrationId,
			number: '',
			familyId: await familyId(w),
			childId: args.childId,
			submittedAt: at,
			source: 'online'
		});
		for (const [index, item] of args.items.entries()) {
			const year = kitaYearFor(item.startDate, years);
			const rankBase = Math.max(
				0,
				...existing.filter((r) => r.kitaYearId === year?.id).map((r) => r.rank ?? 0)
			);
			await w.put('requests', {
				id: item.requestId,
				registrationId: args.registrationId,
				childId: args.childId,
				facilityId: item.facilityId,
				kitaYearId: year?.id ?? '',
				rank: rankBase + index + 1,
				startDate: item.startDate,
				weeklyHours: item.weeklyHours,
				changeRequest: item.changeRequest,
				comment: item.comment,
				status: 'registered',
				registeredAt: at,
				offeredAt: null,
				offerExpiresAt: null,
				offer: null,
				rejectReason: null,
				rejectNote: null,
				updatedAt: at
			});
		}
	},
	async updateRequest(w, args) {
		const years = await w.db.kitaYears.toArray();
		await w.update('requests', args.requestId, {
			startDate: args.startDate,
			weeklyHours: args.weeklyHours,
			changeRequest: args.changeRequest,
			comment: args.comment,
			kitaYearId: kitaYearFor(args.startDate, years)?.id ?? '',
			updatedAt: now()
		});
	},
	async rankRequests(w, args) {
		for (const [index, id] of args.order.entries()) await w.update('requests', id, { rank: index + 1 });
	},
	async withdrawRequest(w, args) {
		await transition(w, args.requestId, 'withdraw', args.expectedStatus);
	},
	async answerLinkQuestion(w, args) {
		const row = await w.get('linkQuestions', args.candidateId);
		const status = row && decideDuplicateStep(row.status, { actor: 'parent', answer: args.answer });
		// The request moves only on the server (a link); the question just shows as answered.
		if (status) await w.update('linkQuestions', args.candidateId, { status, decidedAt: now() });
	},
	async answerOffer(w, args) {
		await transition(w, args.requestId, args.answer, args.expectedStatus);
	},
	async submitChildminding(w, args) {
		const at = now();
		await w.put('childminderRequests', {
			id: args.id,
			number: '',
			familyId: await familyId(w),
			childId: args.childId,
			startDate: args.startDate,
			weeklyHours: args.weeklyHours,
			comment: args.comment,
			status: 'submitted',
			submittedAt: at,
			updatedAt: at,
			internalNote: null
		});
	},
	async withdrawChildminding(w, args) {
		const row = await w.get('childminderRequests', args.id);
		if (!row) return;
		const d = decideChildminding({
			status: row.status,
			event: 'withdraw',
			actor: 'parent',
			expectedStatus: args.expectedStatus
		});
		if (d.ok) await w.update('childminderRequests', args.id, { status: d.to, updatedAt: now() });
	}
};

/** Applies a transition locally when the machine allows it; otherwise leaves the row for the server to judge. */
export async function transition(
	w: Writer,
	requestId: string,
	event: Parameters<typeof decide>[0]['event'],
	expectedStatus: Parameters<typeof decide>[0]['status'],
	actor: 'parent' | 'staff' = 'parent',
	changes: Partial<Request> = {}
): Promise<void> {
	const row = await w.get('requests', requestId);
	if (!row) return;
	const kitaYear = await w.db.kitaYears.get(row.kitaYearId);
	if (!kitaYear) return;
	const at = new Date();
	const d = decide({
		status: row.status,
		event,
		actor,
		expectedStatus,
		ctx: {
			today: dayOfInstant(at),
			now: at,
			kitaYear,
			offerExpiresAt: row.offerExpiresAt ? new Date(row.offerExpiresAt) : null
		}
	});
	if (d.ok) await w.update('requests', requestId, { ...changes, status: d.to, updatedAt: at.toISOString() });
}

export const clientMutators: ClientMutatorRegistry = {
	...parentClientMutators,
	...staffClientMutators,
	...officeClientMutators
};
