// How a refused change's request stands now, who made it so, and what the user can do next.
import { type MutationName } from '$lib/domain/mutations';
import {
	REQUEST_STATUSES,
	transitionFor,
	type PlacementEvent,
	type RequestStatus
} from '$lib/domain/placement';
import { formatDateTime } from '$lib/format';
import { m } from '$lib/i18n/messages';
import { type ActedBy } from '$lib/sync/protocol';
import { type RejectionNames } from '../change-names';
import { type NextStep, type RejectionInput, type Args, str } from './types';
import { currentRequest } from './names';
import { WHAT } from './what';
import { requestStatusLabel } from '$lib/labels-status';

/** Where the thing can be looked at now, per mutation (none for the read log). */
export function linkOf(name: MutationName, args: Args, names: RejectionNames): NextStep | null {
	const link = (href: string, label: string): NextStep => ({ kind: 'link', href, label });
	switch (name) {
		case 'saveGuardian':
		case 'saveChild':
		case 'answerLinkQuestion':
			return link('/familie', m.rej_action_family());
		case 'submitRegistration':
		case 'updateRequest':
		case 'rankRequests':
		case 'withdrawRequest':
		case 'answerOffer':
		case 'withdrawChildminding':
			return link('/meine-anmeldungen', m.rej_action_requests());
		case 'submitChildminding':
			return link('/kindertagespflege', m.rej_action_childminding());
		case 'makeOffer':
		case 'withdrawOffer':
		case 'rejectRequest':
		case 'recordAnswer':
		case 'concludeContract':
			return link(`/kita/anfrage/${encodeURIComponent(str(args.requestId))}`, m.rej_action_request());
		case 'createWalkin':
			return link('/kita/vor-ort', m.rej_action_walkin());
		case 'renewClaimCode':
		case 'sendRoundProposal':
		case 'changeRoundProposal':
			return link('/kita', m.rej_action_kita());
		case 'decideDuplicate':
			return link('/kita/dubletten', m.rej_action_duplicates());
		case 'auditRead':
			return null;
		case 'moveInQueue':
			return link('/kita', m.rej_action_queue());
		case 'saveFacility':
			return link(`/verwaltung/kitas/${encodeURIComponent(str(args.id))}`, m.rej_action_kita());
		case 'setCapacities':
		case 'saveFacilityInfo':
			return names.staff
				? link(name === 'setCapacities' ? '/kita/plaetze' : '/kita/angaben', m.rej_action_kita())
				: link(`/verwaltung/kitas/${encodeURIComponent(str(args.facilityId))}`, m.rej_action_kita());
		case 'saveKitaYear':
			return link('/verwaltung/kindergartenjahre', m.rej_action_years());
		case 'childmindingTransition':
		case 'saveChildmindingNote':
			return link(`/fachberatung/${encodeURIComponent(str(args.id))}`, m.rej_action_request());
	}
}

export function isKnownMutation(name: string): name is MutationName {
	return Object.hasOwn(WHAT, name);
}

export const ACTED_BY_TEXT: Record<ActedBy, () => string> = {
	kita: m.rej_by_kita,
	colleague: m.rej_by_colleague,
	youthOffice: m.rej_by_youth_office,
	family: m.rej_by_family,
	system: m.rej_by_system,
	you: m.rej_by_you
};

/** How it stands now and who made it so: "Vertragsangebot – von der Kita, am 2. Dez. 2026, 10:00". */
export function nowOf(rejection: RejectionInput): string {
	const status = describeCurrent(rejection.current);
	const by = rejection.actedBy ? ACTED_BY_TEXT[rejection.actedBy]?.() : undefined;
	if (!status || !by) return status;
	const at = rejection.actedAt ? new Date(rejection.actedAt) : null;
	return at && !Number.isNaN(at.getTime())
		? m.rej_now_by_at({ status, by, time: formatDateTime(at) })
		: m.rej_now_by({ status, by });
}

/** Someone acted first on the request, and the server said who: "… inzwischen von der Kita geändert". */
export function staleBy(name: MutationName, rejection: RejectionInput): string | null {
	const by = rejection.actedBy ? ACTED_BY_TEXT[rejection.actedBy]?.() : undefined;
	return rejection.code === 'staleStatus' && by && stepOf(name, {}) ? m.rej_why_stale_by({ by }) : null;
}

/** The placement step a request mutation asked for, and who asks for it. */
export function stepOf(
	name: MutationName,
	args: Args
): { event: PlacementEvent; actor: 'parent' | 'staff' } | null {
	const answer: PlacementEvent = args.answer === 'decline' ? 'decline' : 'accept';
	switch (name) {
		case 'withdrawRequest':
			return { event: 'withdraw', actor: 'parent' };
		case 'updateRequest':
			return { event: 'update', actor: 'parent' };
		case 'answerOffer':
			return { event: answer, actor: 'parent' };
		case 'recordAnswer':
			return { event: answer, actor: 'staff' };
		case 'makeOffer':
			return { event: 'offer', actor: 'staff' };
		case 'withdrawOffer':
			return { event: 'withdrawOffer', actor: 'staff' };
		case 'rejectRequest':
			return { event: 'reject', actor: 'staff' };
		case 'concludeContract':
			return { event: 'contract', actor: 'staff' };
		default:
			return null;
	}
}

export function statusOf(current: unknown): RequestStatus | null {
	const status = (current as { status?: unknown } | undefined)?.status;
	return (REQUEST_STATUSES as readonly unknown[]).includes(status) ? (status as RequestStatus) : null;
}

/**
 * Someone acted first, but the same step is still one the user may take from where the request
 * stands now (e.g. declining an offer that was accepted on another device): sent again with the
 * status the user now sees.
 */
export function retryFromHere(name: MutationName, args: Args, rejection: RejectionInput): NextStep | null {
	const status = statusOf(rejection.current);
	const step = stepOf(name, args);
	if (rejection.code !== 'staleStatus' || !status || !step) return null;
	const row = transitionFor(status, step.event);
	return row?.actors.includes(step.actor)
		? { kind: 'retry', args: { ...args, expectedStatus: status } }
		: null;
}

/** Steps that follow from how the request stands now (a parent's withdrawal met by an offer). */
export function stepsFromHere(
	name: MutationName,
	rejection: RejectionInput,
	names: RejectionNames
): NextStep[] {
	const status = statusOf(rejection.current);
	const request = currentRequest(rejection.current);
	if (
		name === 'withdrawRequest' &&
		!names.staff &&
		request &&
		(status === 'offered' || status === 'accepted')
	)
		return [
			{
				kind: 'link',
				href: `/meine-anmeldungen#r-${encodeURIComponent(request.id)}`,
				label: m.rej_action_decline_offer()
			}
		];
	return [];
}

/** The server's current state, when the refusal carried a request or child-minding request. */
export function describeCurrent(current: unknown): string {
	const status = (current as { status?: string } | undefined)?.status;
	if (status && status in requestStatusLabel) return requestStatusLabel[status as RequestStatus]();
	return '';
}
