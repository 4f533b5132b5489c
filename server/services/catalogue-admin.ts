// Changes to the public catalogue by the youth office (and a Kita's own staff for its description
// and contact). Every change stamps the seq, so the finder of every client gets it at its next pull.
import type { Selectable } from 'kysely';
import type { Facility } from '../../src/lib/domain/facility';
import {
	facilityFromInput,
	withInfo,
	type FacilityInfoInput,
	type FacilityInput,
	type SetCapacitiesInput
} from '../../src/lib/domain/facility-admin';
import { checkKitaYear, kitaYearFromInput, type KitaYearInput } from '../../src/lib/domain/kita-year-admin';
import { OPEN_STATUSES } from '../../src/lib/domain/placement';
import type { Executor } from '../db/database';
import type { FacilitiesTable } from '../db/schema';
import { Refusal } from '../commands/refusal';
import { facilityRow, kitaYearRow, listKitaYears, toFacility, toKitaYear } from './catalogue';

async function facilityById(db: Executor, id: string): Promise<Selectable<FacilitiesTable> | undefined> {
	return db.selectFrom('facilities').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function openRequestCount(db: Executor, facilityId: string): Promise<number> {
	const row = await db
		.selectFrom('requests')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('facility_id', '=', facilityId)
		.where('status', 'in', [...OPEN_STATUSES])
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Creates or replaces a Kita's master data. Refuses an unknown municipality and — while families
 * still wait for an answer there — the deactivation (their requests would lose their Kita). */
export async function saveFacility(
	db: Executor,
	input: FacilityInput,
	seq: number,
	now: Date
): Promise<Facility> {
	const municipality = await db
		.selectFrom('municipalities')
		.select('id')
		.where('id', '=', input.municipalityId)
		.executeTakeFirst();
	if (!municipality) throw new Refusal('unknownMunicipality', 'facility.unknownMunicipality');
	const existing = await facilityById(db, input.id);
	if (existing && existing.active === 1 && !input.active) {
		const open = await openRequestCount(db, input.id);
		if (open > 0)
			throw new Refusal('openRequests', 'facility.openRequests', {
				count: open,
				current: toFacility(existing)
			});
	}
	const facility = facilityFromInput(input);
	const row = facilityRow(facility, seq, now.toISOString());
	if (existing) {
		const { id: _id, created_at: _created, ...changes } = row;
		await db.updateTable('facilities').set(changes).where('id', '=', input.id).execute();
	} else {
		await db.insertInto('facilities').values(row).execute();
	}
	return facility;
}

/** A Kita's own description, opening hours and contact; nothing else of its master data. */
export async function saveFacilityInfo(
	db: Executor,
	info: FacilityInfoInput,
	seq: number,
	now: Date
): Promise<Facility> {
	const existing = await facilityById(db, info.facilityId);
	if (!existing) throw new Refusal('notFound', 'facility.notFound');
	const next = withInfo(toFacility(existing), info);
	await db
		.updateTable('facilities')
		.set({
			description: next.description,
			opening_hours: next.openingHours,
			phone: next.phone,
			email: next.email,
			website: next.website,
			updated_at: now.toISOString(),
			seq
		})
		.where('id', '=', info.facilityId)
		.execute();
	return next;
}

/** Sets the places of the given age band × hours combinations; counters of contracts and offers stay. */
export async function setCapacities(db: Executor, input: SetCapacitiesInput, seq: number): Promise<void> {
	if (!(await facilityById(db, input.facilityId))) throw new Refusal('notFound', 'facility.notFound');
	const year = await db
		.selectFrom('kita_years')
		.select('id')
		.where('id', '=', input.kitaYearId)
		.executeTakeFirst();
	if (!year) throw new Refusal('notFound', 'kitaYear.notFound');
	for (const row of input.rows)
		await db
			.insertInto('capacities')
			.values({
				facility_id: input.facilityId,
				kita_year_id: input.kitaYearId,
				age_band: row.ageBand,
				weekly_hours: row.weeklyHours,
				places: row.places,
				contracted: 0,
				offered: 0,
				seq
			})
			.onConflict((oc) =>
				oc
					.columns(['facility_id', 'kita_year_id', 'age_band', 'weekly_hours'])
					.doUpdateSet({ places: row.places, seq })
			)
			.execute();
	// The finder lists a Kita's places with the facility; stamping it makes clients re-read both.
	await db.updateTable('facilities').set({ seq }).where('id', '=', input.facilityId).execute();
}

/**
 * Creates or changes a Kita year. Refuses dates out of order (checkKitaYear) and a range that
 * would leave requests of the year outside it.
 */
export async function saveKitaYear(db: Executor, input: KitaYearInput, seq: number) {
	const years = await listKitaYears(db);
	const issues = checkKitaYear(input, years);
	if (issues.length) throw new Refusal('invalidKitaYear', 'kitaYear.invalid', { issues });
	const outside = await db
		.selectFrom('requests')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('kita_year_id', '=', input.id)
		.where((eb) => eb.or([eb('start_date', '<', input.startsOn), eb('start_date', '>', input.endsOn)]))
		.executeTakeFirstOrThrow();
	if (Number(outside.n) > 0)
		throw new Refusal('requestsOutsideYear', 'kitaYear.requestsOutside', { count: Number(outside.n) });
	const year = kitaYearFromInput(input);
	const row = kitaYearRow(year, seq);
	const existing = years.find((y) => y.id === input.id);
	if (existing) {
		const { id: _id, ...changes } = row;
		await db.updateTable('kita_years').set(changes).where('id', '=', input.id).execute();
	} else await db.insertInto('kita_years').values(row).execute();
	return toKitaYear(row);
}
