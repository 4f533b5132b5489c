// A step through a state machine, applied locally when the machine allows it — the client's half
// of the server's transition (server/services/requests.ts#transitionRequest). When the machine
// refuses, the row stays as it is and the server's refusal (with its reason) arrives at the next pull.
import {
	decideChildminding,
	type ChildmindingEvent,
	type ChildmindingStatus
} from '$lib/domain/childminding';
import { dayOfInstant } from '$lib/domain/calendar-day';
import type { FacilityId, KitaYearId } from '$lib/domain/ids';
import { ageBandAt } from '$lib/domain/kita-year';
import {
	closedOnAcceptance,
	decide,
	type Actor,
	type PlacementEvent,
	type RequestStatus
} from '$lib/domain/placement';
import type { ChildminderRequest, Request } from '$lib/domain/request';
import { capacityKey } from '$lib/sync/protocol';
import type { Writer } from '../sync/writer';
import { childmindingActionsFor, requestActionsFor } from './reader-actions';

/**
 * The placement machine on one request; `changes` adds the fields the step sets. Returns the new
 * row. `system` steps are the consequences the server draws itself (a contract elsewhere).
 */
export async function transition(
	w: Writer,
	requestId: string,
	step: {
		event: PlacementEvent;
		expectedStatus?: RequestStatus;
		actor: Actor;
		changes?: (at: Date, row: Request) => Partial<Request>;
	}
): Promise<Request | undefined> {
	const row = await w.get('requests', requestId);
	if (!row) return undefined;
	const kitaYear = await w.db.kitaYears.get(row.kitaYearId);
	if (!kitaYear) return undefined;
	const at = new Date();
	const d = decide({
		status: row.status,
		event: step.event,
		actor: step.actor,
		expectedStatus: step.expectedStatus,
		ctx: {
			today: dayOfInstant(at),
			now: at,
			kitaYear,
			offerExpiresAt: row.offerExpiresAt ? new Date(row.offerExpiresAt) : null
		}
	});
	if (!d.ok) return undefined;
	const stepped = { ...row, ...step.changes?.(at, row), status: d.to };
	// A system step is a consequence of a staff member's contract, on a request of their Kita.
	const reader = step.actor === 'system' ? 'staff' : step.actor;
	const changes = {
		...step.changes?.(at, row),
		status: d.to,
		updatedAt: at.toISOString(),
		permittedActions: requestActionsFor(reader, stepped)
	};
	await w.update('requests', requestId, changes);
	const next = { ...row, ...changes };
	await countPlaces(w, row, next);
	return next;
}

/**
 * An acceptance ends the child's other requests of that Kita year at once, the same rule and system
 * steps the server applies (issue 17), on the requests the device holds.
 */
export async function endOnAcceptance(w: Writer, accepted: Request | undefined): Promise<void> {
	if (accepted?.status !== 'accepted') return;
	const others = await w.where('requests', 'childId', accepted.childId);
	for (const id of closedOnAcceptance(accepted, others))
		await transition(w, id, { event: 'acceptElsewhere', actor: 'system' });
}

// Offered and accepted requests hold a place ("open offers"); contracted ones fill it.
const HOLDS_OFFER: readonly RequestStatus[] = ['offered', 'accepted'];
const holdsOffer = (r: Request) => HOLDS_OFFER.includes(r.status);

/** A Kita's place counts follow each step, as the server keeps them (its adjustPlaces). */
async function countPlaces(w: Writer, before: Request, after: Request): Promise<void> {
	if (holdsOffer(before) && !holdsOffer(after)) await adjustPlaces(w, before, 'offered', -1);
	if (before.status === 'contracted' && after.status !== 'contracted')
		await adjustPlaces(w, before, 'contracted', -1);
	if (!holdsOffer(before) && holdsOffer(after)) await adjustPlaces(w, after, 'offered', 1);
	if (before.status !== 'contracted' && after.status === 'contracted')
		await adjustPlaces(w, after, 'contracted', 1);
}

/**
 * The cell of the offer's (else the request's) start and hours, by the child's age then. A parent's
 * device never holds the offer's content, so it counts by the request's; the server's count wins.
 */
async function adjustPlaces(
	w: Writer,
	row: Request,
	column: 'offered' | 'contracted',
	delta: 1 | -1
): Promise<void> {
	const child = await w.get('children', row.childId);
	if (!child) return;
	const key = capacityKey({
		facilityId: row.facilityId as FacilityId,
		kitaYearId: row.kitaYearId as KitaYearId,
		ageBand: ageBandAt(child.birthDate, row.offer?.startDate ?? row.startDate),
		weeklyHours: row.offer?.weeklyHours ?? row.weeklyHours
	});
	const cell = await w.get('capacities', key);
	if (cell) await w.update('capacities', key, { [column]: Math.max(0, cell[column] + delta) });
}

/** The child-minding machine on one request, for the family or the Fachberatung. */
export async function childmindingTransition(
	w: Writer,
	id: string,
	step: { event: ChildmindingEvent; expectedStatus: ChildmindingStatus; actor: 'parent' | 'childminding' }
): Promise<ChildminderRequest | undefined> {
	const row = await w.get('childminderRequests', id);
	if (!row) return undefined;
	const d = decideChildminding({ status: row.status, ...step });
	if (!d.ok) return undefined;
	const next = {
		status: d.to,
		updatedAt: new Date().toISOString(),
		permittedActions: childmindingActionsFor(step.actor, d.to)
	};
	await w.update('childminderRequests', id, next);
	return { ...row, ...next };
}
