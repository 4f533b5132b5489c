// Repository and transitions of requests. Every status change goes through the domain's state
// machine here, records an event, keeps the place counters right and stamps the seq.
import type { Selectable } from 'kysely';
import type { Day } from '../../src/lib/domain/calendar-day';
import type { Facility, WeeklyHours } from '../../src/lib/domain/facility';
import { ageBandAt, type KitaYear } from '../../src/lib/domain/kita-year';
import { decide, type Actor, type PlacementEvent, type RequestStatus } from '../../src/lib/domain/placement';
import type { ChildmindingStatus } from '../../src/lib/domain/childminding';
import type { ChildminderRequest, Registration, Request, RequestEvent } from '../../src/lib/domain/request';
import type { Executor } from '../db/database';
import type {
	ChildminderRequestsTable,
	RegistrationsTable,
	RequestEventsTable,
	RequestsTable
} from '../db/schema';
import { Refusal } from '../commands/refusal';
import { toFacility, toKitaYear } from './catalogue';

export type RequestView = 'parent' | 'staff' | 'office';

export function toRequest(row: Selectable<RequestsTable>, view: RequestView): Request {
	const staffSide = view !== 'parent';
	return {
		id: row.id,
		registrationId: row.registration_id,
		childId: row.child_id,
		facilityId: row.facility_id,
		kitaYearId: row.kita_year_id,
		// Kitas never see the parents' ranking (it would invite strategic behaviour).
		rank: view === 'staff' ? null : row.rank,
		startDate: row.start_date,
		weeklyHours: row.weekly_hours as WeeklyHours,
		changeRequest: row.change_request === 1,
		comment: row.comment,
		status: row.status as RequestStatus,
		registeredAt: row.registered_at,
		offeredAt: row.offered_at,
		offerExpiresAt: row.offer_expires_at,
		// FAQ: the content of an offer is not shown in the parents' area.
		offer:
			staffSide && row.offer_start_date && row.offer_weekly_hours
				? {
						startDate: row.offer_start_date,
						weeklyHours: row.offer_weekly_hours as WeeklyHours,
						note: row.offer_note ?? ''
					}
				: null,
		rejectReason: staffSide ? row.reject_reason : null,
		rejectNote: staffSide ? row.reject_note : null,
		updatedAt: row.updated_at
	};
}

export function toRegistration(row: Selectable<RegistrationsTable>): Registration {
	return {
		id: row.id,
		number: row.number,
		familyId: row.family_id,
		childId: row.child_id,
		submittedAt: row.submitted_at,
		source: row.source
	};
}

export function toRequestEvent(row: Selectable<RequestEventsTable>): RequestEvent {
	return {
		id: row.id,
		requestId: row.request_id,
		at: row.at,
		actorRole: row.actor_role,
		event: row.event,
		fromStatus: row.from_status as RequestStatus | null,
		toStatus: row.to_status as RequestStatus,
		reason: row.reason
	};
}

export async function insertEvent(
	db: Executor,
	e: {
		requestId: string;
		at: Date;
		actorId: string | null;
		actorRole: string;
		event: string;
		from: RequestStatus | null;
		to: RequestStatus;
		reason?: string | null;
		seq: number;
	}
): Promise<void> {
	await db
		.insertInto('request_events')
		.values({
			id: crypto.randomUUID(),
			request_id: e.requestId,
			at: e.at.toISOString(),
			actor_id: e.actorId,
			actor_role: e.actorRole,
			event: e.event,
			from_status: e.from,
			to_status: e.to,
			reason: e.reason ?? null,
			seq: e.seq
		})
		.execute();
}

export async function facilityOf(db: Executor, id: string): Promise<Facility> {
	return toFacility(
		await db.selectFrom('facilities').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
	);
}

export async function kitaYearOf(db: Executor, id: string): Promise<KitaYear> {
	return toKitaYear(
		await db.selectFrom('kita_years').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
	);
}

// Offered and accepted requests hold a place ("open offers"); contracted ones fill it.
const HOLDS_OFFER: readonly RequestStatus[] = ['offered', 'accepted'];

async function adjustPlaces(
	db: Executor,
	row: Selectable<RequestsTable>,
	column: 'offered' | 'contracted',
	delta: 1 | -1,
	seq: number
): Promise<void> {
	const child = await db
		.selectFrom('children')
		.select('birth_date')
		.where('id', '=', row.child_id)
		.executeTakeFirst();
	if (!child) return;
	const start = (row.offer_start_date ?? row.start_date) as Day;
	const hours = row.offer_weekly_hours ?? row.weekly_hours;
	await db
		.updateTable('capacities')
		.set((eb) => ({ [column]: eb.fn('max', [eb(column, '+', delta), eb.val(0)]), seq }))
		.where('facility_id', '=', row.facility_id)
		.where('kita_year_id', '=', row.kita_year_id)
		.where('age_band', '=', ageBandAt(child.birth_date, start))
		.where('weekly_hours', '=', hours)
		.execute();
}

export interface TransitionInput {
	event: PlacementEvent;
	actor: Actor;
	actorId: string | null;
	actorRole: string;
	expectedStatus?: RequestStatus;
	now: Date;
	today: Day;
	seq: number;
	reason?: string | null;
	/** Extra columns the event sets (offer details, reject reason…). */
	set?: Partial<Omit<Selectable<RequestsTable>, 'id' | 'status' | 'seq'>>;
}

/**
 * Runs the state machine for one request and writes the result, or throws a Refusal carrying the
 * request as the server holds it now.
 */
export async function transitionRequest(
	db: Executor,
	row: Selectable<RequestsTable>,
	input: TransitionInput,
	view: RequestView
): Promise<Selectable<RequestsTable>> {
	const kitaYear = await kitaYearOf(db, row.kita_year_id);
	const from = row.status as RequestStatus;
	const decision = decide({
		status: from,
		event: input.event,
		actor: input.actor,
		expectedStatus: input.expectedStatus,
		ctx: {
			today: input.today,
			now: input.now,
			kitaYear,
			offerExpiresAt: row.offer_expires_at ? new Date(row.offer_expires_at) : null
		}
	});
	if (!decision.ok) throw new Refusal(decision.code, `request.${decision.code}`, toRequest(row, view));
	const to = decision.to;
	const next: Selectable<RequestsTable> = {
		...row,
		...input.set,
		status: to,
		updated_at: input.now.toISOString(),
		seq: input.seq
	};
	if (HOLDS_OFFER.includes(from) && !HOLDS_OFFER.includes(to))
		await adjustPlaces(db, row, 'offered', -1, input.seq);
	if (from === 'contracted' && to !== 'contracted') await adjustPlaces(db, row, 'contracted', -1, input.seq);
	await db
		.updateTable('requests')
		.set({ ...input.set, status: to, updated_at: next.updated_at, seq: input.seq })
		.where('id', '=', row.id)
		.execute();
	if (!HOLDS_OFFER.includes(from) && HOLDS_OFFER.includes(to))
		await adjustPlaces(db, next, 'offered', 1, input.seq);
	if (from !== 'contracted' && to === 'contracted') await adjustPlaces(db, next, 'contracted', 1, input.seq);
	await insertEvent(db, {
		requestId: row.id,
		at: input.now,
		actorId: input.actorId,
		actorRole: input.actorRole,
		event: input.event,
		from,
		to,
		reason: input.reason ?? null,
		seq: input.seq
	});
	return next;
}

export function toChildminderRequest(
	row: Selectable<ChildminderRequestsTable>,
	office: boolean
): ChildminderRequest {
	return {
		id: row.id,
		number: row.number,
		familyId: row.family_id,
		childId: row.child_id,
		startDate: row.start_date,
		weeklyHours: row.weekly_hours as WeeklyHours,
		comment: row.comment,
		status: row.status as ChildmindingStatus,
		submittedAt: row.submitted_at,
		updatedAt: row.updated_at,
		// Internal notes of the Fachberatung never reach the family.
		internalNote: office ? row.internal_note : null
	};
}
