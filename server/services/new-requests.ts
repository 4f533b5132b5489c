// What a new request starts as, whether the family registers online or Kita staff enter it for a
// walk-in family: the registration rules it must meet, its registration, and its row with the
// first event of its history.
import type { Day } from '../../src/lib/domain/calendar-day';
import type { Facility, WeeklyHours } from '../../src/lib/domain/facility';
import { kitaYearFor, type KitaYear } from '../../src/lib/domain/kita-year';
import {
	checkRequestItem,
	hasErrors,
	type ItemFacts,
	type ItemIssue
} from '../../src/lib/domain/registration-rules';
import type { Executor } from '../db/database';
import { Refusal } from '../commands/refusal';
import { insertEvent } from './requests';

/**
 * The Kita year a requested start falls in, or a refusal. `detail` says what the refusal carries
 * beside the errors, so that the client can point at the Kita or the request concerned.
 */
export function kitaYearOfItem(
	item: ItemFacts,
	facility: Facility,
	birthDate: Day,
	years: readonly KitaYear[],
	today: Day,
	detail: (errors: ItemIssue[]) => object = (issues) => ({ issues })
): KitaYear {
	const issues = checkRequestItem(item, facility, birthDate, years, today);
	if (hasErrors(issues))
		throw new Refusal(
			'invalidRegistration',
			'registration.invalid',
			detail(issues.filter((i) => i.kind === 'error'))
		);
	const year = kitaYearFor(item.startDate, years);
	if (!year) throw new Refusal('noKitaYear', 'registration.noKitaYear');
	return year;
}

/** Tables whose ids the client chooses (UUIDs made on the device, see DESIGN "Outbox"). */
type ClientIdTable = 'registrations' | 'requests' | 'childminder_requests';

/**
 * A new row's client-chosen id that is already in use — another family's, or a bug on the device —
 * is refused as `idTaken` before any insert, instead of an unhandled UNIQUE error.
 */
export async function assertIdsFree(
	db: Executor,
	ids: Partial<Record<ClientIdTable, readonly string[]>>
): Promise<void> {
	for (const [table, list] of Object.entries(ids) as [ClientIdTable, readonly string[]][]) {
		if (!list.length) continue;
		const taken = await db.selectFrom(table).select('id').where('id', 'in', list).executeTakeFirst();
		if (taken || new Set(list).size !== list.length) throw new Refusal('idTaken', 'sync.idTaken');
	}
}

export interface NewRegistration {
	id: string;
	number: string;
	familyId: string;
	childId: string;
	submittedBy: string;
	source: 'online' | 'walkin';
}

export async function insertRegistration(
	db: Executor,
	r: NewRegistration,
	seq: number,
	now: Date
): Promise<void> {
	await db
		.insertInto('registrations')
		.values({
			id: r.id,
			number: r.number,
			family_id: r.familyId,
			child_id: r.childId,
			submitted_at: now.toISOString(),
			submitted_by: r.submittedBy,
			source: r.source,
			seq
		})
		.execute();
}

export interface NewRequest {
	id: string;
	registrationId: string;
	childId: string;
	facilityId: string;
	kitaYearId: string;
	rank: number;
	startDate: Day;
	weeklyHours: WeeklyHours;
	changeRequest: boolean;
	comment: string;
}

/** `by` is who registered it: the parent online, or staff for a walk-in (the event's reason). */
export async function insertRegisteredRequest(
	db: Executor,
	r: NewRequest,
	by: { actorId: string; actorRole: 'parent' | 'staff'; reason?: string },
	seq: number,
	now: Date
): Promise<void> {
	const at = now.toISOString();
	await db
		.insertInto('requests')
		.values({
			id: r.id,
			registration_id: r.registrationId,
			child_id: r.childId,
			facility_id: r.facilityId,
			kita_year_id: r.kitaYearId,
			rank: r.rank,
			start_date: r.startDate,
			weekly_hours: r.weeklyHours,
			change_request: r.changeRequest ? 1 : 0,
			comment: r.comment,
			status: 'registered',
			registered_at: at,
			offered_at: null,
			offer_expires_at: null,
			offer_start_date: null,
			offer_weekly_hours: null,
			offer_note: null,
			contracted_at: null,
			reject_reason: null,
			reject_note: null,
			updated_at: at,
			seq
		})
		.execute();
	await insertEvent(db, {
		requestId: r.id,
		at: now,
		...by,
		event: 'register',
		from: null,
		to: 'registered',
		seq
	});
}
