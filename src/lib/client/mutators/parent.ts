// Optimistic effects of the mutations parents send: their family, children, registrations, answers
// and child-minding requests (server: server/sync/mutators/parent.ts).
import { kitaYearFor } from '$lib/domain/kita-year';
import { rankInYear } from '$lib/domain/request';
import { decideDuplicateStep } from '$lib/domain/staff';
import type { Writer } from '../sync/writer';
import { childmindingActionsFor, requestActionsFor } from './reader-actions';
import { childmindingTransition, endOnAcceptance, transition } from './transition';
import type { ClientMutators } from './types';

/** The family id until the server has sent the real one (first write of a new parent). */
export const PENDING_FAMILY = 'pending';

async function familyId(w: Writer): Promise<string> {
	const family = await w.db.families.toCollection().first();
	return family?.id ?? PENDING_FAMILY;
}

const now = () => new Date().toISOString();

export type ParentMutation =
	| 'saveGuardian'
	| 'saveChild'
	| 'submitRegistration'
	| 'updateRequest'
	| 'rankRequests'
	| 'withdrawRequest'
	| 'answerLinkQuestion'
	| 'answerOffer'
	| 'submitChildminding'
	| 'withdrawChildminding';

export const parentMutators: ClientMutators<ParentMutation> = {
	async saveGuardian(w, args) {
		// Not sent (an older form): the declaration stays as the server holds it.
		const existing = await w.get('guardians', args.id);
		await w.put('guardians', {
			...args,
			employedOrTraining: args.employedOrTraining ?? existing?.employedOrTraining ?? false,
			familyId: await familyId(w)
		});
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
				updatedAt: at,
				permittedActions: requestActionsFor('parent', {
					status: 'registered',
					facilityId: item.facilityId,
					offerExpiresAt: null
				})
			});
		}
	},
	async updateRequest(w, args) {
		const years = await w.db.kitaYears.toArray();
		const kitaYearId = kitaYearFor(args.startDate, years)?.id ?? '';
		const row = await w.get('requests', args.requestId);
		// A new start date in another Kita year puts the request behind that year's (as the server does).
		const rank = row
			? rankInYear(row, kitaYearId, await w.where('requests', 'childId', row.childId))
			: undefined;
		await w.update('requests', args.requestId, {
			startDate: args.startDate,
			weeklyHours: args.weeklyHours,
			changeRequest: args.changeRequest,
			comment: args.comment,
			kitaYearId,
			...(rank === undefined ? {} : { rank }),
			updatedAt: now()
		});
	},
	async rankRequests(w, args) {
		for (const [index, id] of args.order.entries()) await w.update('requests', id, { rank: index + 1 });
	},
	async withdrawRequest(w, args) {
		await transition(w, args.requestId, {
			event: 'withdraw',
			expectedStatus: args.expectedStatus,
			actor: 'parent'
		});
	},
	async answerLinkQuestion(w, args) {
		const row = await w.get('linkQuestions', args.candidateId);
		const status = row && decideDuplicateStep(row.status, { actor: 'parent', answer: args.answer });
		// The request moves only on the server (a link); the question just shows as answered.
		if (status) await w.update('linkQuestions', args.candidateId, { status, decidedAt: now() });
	},
	async answerOffer(w, args) {
		const answered = await transition(w, args.requestId, {
			event: args.answer,
			expectedStatus: args.expectedStatus,
			actor: 'parent'
		});
		await endOnAcceptance(w, answered);
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
			internalNote: null,
			permittedActions: childmindingActionsFor('parent', 'submitted')
		});
	},
	async withdrawChildminding(w, args) {
		await childmindingTransition(w, args.id, {
			event: 'withdraw',
			expectedStatus: args.expectedStatus,
			actor: 'parent'
		});
	}
};
