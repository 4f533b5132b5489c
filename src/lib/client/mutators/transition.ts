// A step through a state machine, applied locally when the machine allows it — the client's half
// of the server's transition command. When the machine refuses, the row stays as it is and the
// server's refusal (with its reason) arrives at the next pull.
import {
	decideChildminding,
	type ChildmindingEvent,
	type ChildmindingStatus
} from '$lib/domain/childminding';
import { dayOfInstant } from '$lib/domain/calendar-day';
import { decide, type PlacementEvent, type RequestStatus } from '$lib/domain/placement';
import type { ChildminderRequest, Request } from '$lib/domain/request';
import type { Writer } from '../sync/writer';

/** The placement machine on one request; `changes` adds the fields the step sets. Returns the new row. */
export async function transition(
	w: Writer,
	requestId: string,
	step: {
		event: PlacementEvent;
		expectedStatus: RequestStatus;
		actor: 'parent' | 'staff';
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
	const next = { ...step.changes?.(at, row), status: d.to, updatedAt: at.toISOString() };
	await w.update('requests', requestId, next);
	return { ...row, ...next };
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
	const next = { status: d.to, updatedAt: new Date().toISOString() };
	await w.update('childminderRequests', id, next);
	return { ...row, ...next };
}
