// Repository of requests: row mappers and lookups. Every status change is a command
// (server/commands/transition-request.ts), which writes the request's history (commands/request-records.ts).
import type { Selectable } from 'kysely';
import type { Facility, WeeklyHours } from '../../src/lib/domain/facility';
import type { KitaYear } from '../../src/lib/domain/kita-year';
import type { RequestStatus } from '../../src/lib/domain/placement';
import type { ChildmindingStatus } from '../../src/lib/domain/childminding';
import type { ChildminderRequest, Registration, Request, RequestEvent } from '../../src/lib/domain/request';
import type { Executor } from '../db/database';
import type {
	ChildminderRequestsTable,
	RegistrationsTable,
	RequestEventsTable,
	RequestsTable
} from '../db/schema';
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
