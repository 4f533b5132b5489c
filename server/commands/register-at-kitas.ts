// One registration of a child at one or more Kitas, whether the family sends it online or Kita staff
// enter it at the desk for a walk-in family: the same checks (same Kita twice, ids in use, the Kitas
// exist, the registration rules, already waiting there), one number, the rows with the first event of
// each request's history, the confirmation mail and the poke of each Kita's staff.
import type { Day } from '../../src/lib/domain/calendar-day';
import type { Facility } from '../../src/lib/domain/facility';
import { kitaYearFor, type KitaYear } from '../../src/lib/domain/kita-year';
import { isOpen, type RequestStatus } from '../../src/lib/domain/placement';
import {
	checkRequestItem,
	hasErrors,
	type ItemFacts,
	type ItemIssue
} from '../../src/lib/domain/registration-rules';
import type { Executor } from '../db/database';
import { staffOf } from '../services/audiences';
import { listKitaYears, toFacility } from '../services/catalogue';
import { notifyRegistration } from '../services/notifications';
import { insertEvent } from './request-records';
import { pokeAll } from './audit';
import type { UserCommandContext } from './context';
import { nextNumber } from './family';
import { Refusal } from './refusal';

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

/** One Kita of a registration, with the request's client-chosen id. */
export interface KitaChoice extends ItemFacts {
	facilityId: string;
	requestId: string;
	changeRequest: boolean;
	comment: string;
}

export interface Registration {
	registrationId: string;
	familyId: string;
	child: { id: string; firstName: string; birthDate: Day };
	/** In the family's order of preference. */
	items: readonly KitaChoice[];
	/** Online by the parent, or entered by Kita staff for a walk-in family. */
	source: 'online' | 'walkin';
}

/** What the checks found per Kita: everything the writes need, nothing written yet. */
interface Planned {
	item: KitaChoice;
	facility: Facility;
	year: KitaYear;
	rank: number;
}

async function check(ctx: UserCommandContext, r: Registration): Promise<Planned[]> {
	const ids = r.items.map((i) => i.facilityId);
	if (new Set(ids).size !== ids.length) throw new Refusal('duplicateKita', 'registration.duplicateKita');
	await assertIdsFree(ctx.tx, {
		registrations: [r.registrationId],
		requests: r.items.map((i) => i.requestId)
	});
	const facilities = new Map(
		(await ctx.tx.selectFrom('facilities').selectAll().where('id', 'in', ids).execute()).map((row) => [
			row.id,
			toFacility(row)
		])
	);
	const years = await listKitaYears(ctx.tx);
	const earlier = await ctx.tx
		.selectFrom('requests')
		.select(['facility_id', 'kita_year_id', 'status', 'rank'])
		.where('child_id', '=', r.child.id)
		.execute();
	return r.items.map((item, index) => {
		const facility = facilities.get(item.facilityId);
		if (!facility)
			throw new Refusal('facilityNotFound', 'registration.facilityNotFound', { facilityId: item.facilityId });
		const year = kitaYearOfItem(item, facility, r.child.birthDate, years, ctx.today, (issues) => ({
			facilityId: item.facilityId,
			issues
		}));
		const sameYear = earlier.filter((e) => e.kita_year_id === year.id);
		if (sameYear.some((e) => e.facility_id === item.facilityId && isOpen(e.status as RequestStatus)))
			throw new Refusal('alreadyRegistered', 'registration.alreadyRegistered', {
				facilityId: item.facilityId
			});
		// Behind the child's requests of that year, in the order given.
		return { item, facility, year, rank: Math.max(0, ...sameYear.map((e) => e.rank)) + index + 1 };
	});
}

/**
 * Registers the child at the Kitas (the family and child exist in this transaction); returns the
 * registration's number. Every check runs before the first write.
 */
export async function registerAtKitas(ctx: UserCommandContext, r: Registration): Promise<string> {
	const planned = await check(ctx, r);
	const seq = await ctx.seq();
	const at = ctx.now.toISOString();
	const number = await nextNumber(ctx.tx, `KP-${ctx.today.slice(0, 4)}`);
	await ctx.tx
		.insertInto('registrations')
		.values({
			id: r.registrationId,
			number,
			family_id: r.familyId,
			child_id: r.child.id,
			submitted_at: at,
			submitted_by: ctx.actor.userId,
			source: r.source,
			seq
		})
		.execute();
	// Who registered it: the parent online, or staff for a walk-in (the first event's reason).
	const by =
		r.source === 'online'
			? { actorId: ctx.actor.userId, actorRole: 'parent' as const }
			: { actorId: ctx.actor.userId, actorRole: 'staff' as const, reason: 'walkin' };
	for (const { item, year, rank } of planned) {
		await ctx.tx
			.insertInto('requests')
			.values({
				id: item.requestId,
				registration_id: r.registrationId,
				child_id: r.child.id,
				facility_id: item.facilityId,
				kita_year_id: year.id,
				rank,
				start_date: item.startDate,
				weekly_hours: item.weeklyHours,
				change_request: item.changeRequest ? 1 : 0,
				comment: item.comment,
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
		await insertEvent(ctx.tx, {
			requestId: item.requestId,
			at: ctx.now,
			...by,
			event: 'register',
			from: null,
			to: 'registered',
			seq
		});
	}
	pokeAll(ctx, await staffOf(ctx.tx, [...new Set(planned.map((p) => p.item.facilityId))]));
	// Families with an address get the confirmation, walk-ins too (proof under KiBiz § 3b).
	await notifyRegistration(
		ctx.tx,
		{
			familyId: r.familyId,
			registrationId: r.registrationId,
			number,
			childFirstName: r.child.firstName,
			kitas: planned.map(({ facility: f }) => `${f.name}, ${f.postcode} ${f.town}`)
		},
		ctx.now,
		ctx.origin
	);
	return number;
}
