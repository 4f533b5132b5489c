// Repository of the public catalogue: rows in, domain objects out (the one place that maps columns).
import type { Selectable } from 'kysely';
import type { Capacity, Facility, Municipality } from '../../src/lib/domain/facility';
import type { KitaYear } from '../../src/lib/domain/kita-year';
import type { FacilityId, KitaYearId, MunicipalityId } from '../../src/lib/domain/ids';
import { finderFacility, type FinderFacility } from '../../src/lib/domain/finder-catalogue';
import type { Executor } from '../db/database';
import type { CapacitiesTable, FacilitiesTable, KitaYearsTable, MunicipalitiesTable } from '../db/schema';

export function toFacility(row: Selectable<FacilitiesTable>): Facility {
	return {
		id: row.id as FacilityId,
		name: row.name,
		municipalityId: row.municipality_id as MunicipalityId,
		provider: row.provider,
		providerType: row.provider_type as Facility['providerType'],
		street: row.street,
		postcode: row.postcode,
		town: row.town,
		lat: row.lat,
		lon: row.lon,
		minAgeMonths: row.min_age_months,
		maxAgeMonths: row.max_age_months,
		weeklyHours: JSON.parse(row.weekly_hours) as Facility['weeklyHours'],
		features: JSON.parse(row.features) as Facility['features'],
		phone: row.phone,
		email: row.email,
		website: row.website,
		openingHours: row.opening_hours,
		description: row.description,
		meetingRequired: row.meeting_required === 1,
		isDemo: row.is_demo === 1,
		active: row.active === 1,
		admissionCriteria: JSON.parse(row.admission_criteria) as Facility['admissionCriteria']
	};
}

export function facilityRow(f: Facility, seq: number, now: string): Selectable<FacilitiesTable> {
	return {
		id: f.id,
		name: f.name,
		municipality_id: f.municipalityId,
		provider: f.provider,
		provider_type: f.providerType,
		street: f.street,
		postcode: f.postcode,
		town: f.town,
		lat: f.lat,
		lon: f.lon,
		min_age_months: f.minAgeMonths,
		max_age_months: f.maxAgeMonths,
		weekly_hours: JSON.stringify(f.weeklyHours),
		features: JSON.stringify(f.features),
		phone: f.phone,
		email: f.email,
		website: f.website,
		opening_hours: f.openingHours,
		description: f.description,
		meeting_required: f.meetingRequired ? 1 : 0,
		is_demo: f.isDemo ? 1 : 0,
		active: f.active ? 1 : 0,
		admission_criteria: JSON.stringify(f.admissionCriteria),
		created_at: now,
		updated_at: now,
		seq
	};
}

export function toMunicipality(row: Selectable<MunicipalitiesTable>): Municipality {
	return {
		id: row.id as MunicipalityId,
		name: row.name,
		postcodes: JSON.parse(row.postcodes) as Municipality['postcodes']
	};
}

export function toKitaYear(row: Selectable<KitaYearsTable>): KitaYear {
	return {
		id: row.id as KitaYearId,
		label: row.label,
		startsOn: row.starts_on,
		endsOn: row.ends_on,
		registrationOpensOn: row.registration_opens_on,
		preferredDeadline: row.preferred_deadline,
		reviewEndsOn: row.review_ends_on,
		offersFrom: row.offers_from,
		allocationEndsOn: row.allocation_ends_on,
		offerResponseDays: row.offer_response_days
	};
}

export function kitaYearRow(y: KitaYear, seq: number): Selectable<KitaYearsTable> {
	return {
		id: y.id,
		label: y.label,
		starts_on: y.startsOn,
		ends_on: y.endsOn,
		registration_opens_on: y.registrationOpensOn,
		preferred_deadline: y.preferredDeadline,
		review_ends_on: y.reviewEndsOn,
		offers_from: y.offersFrom,
		allocation_ends_on: y.allocationEndsOn,
		offer_response_days: y.offerResponseDays,
		seq
	};
}

export function toCapacity(row: Selectable<CapacitiesTable>): Capacity {
	return {
		facilityId: row.facility_id as FacilityId,
		kitaYearId: row.kita_year_id as KitaYearId,
		ageBand: row.age_band as Capacity['ageBand'],
		weeklyHours: row.weekly_hours as Capacity['weeklyHours'],
		places: row.places,
		contracted: row.contracted,
		offered: row.offered
	};
}

export async function listKitaYears(db: Executor): Promise<KitaYear[]> {
	const rows = await db.selectFrom('kita_years').selectAll().orderBy('starts_on').execute();
	return rows.map(toKitaYear);
}

export async function countFacilities(db: Executor): Promise<number> {
	const row = await db
		.selectFrom('facilities')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** What the finder shows of the catalogue: active Kitas with the finder's fields, the municipalities. */
export interface PublicCatalogue {
	facilities: FinderFacility[];
	municipalities: Municipality[];
}

/**
 * The finder's catalogue for a page rendered on the server, which inlines it for hydration: active
 * Kitas (only what the finder reads of them) and the municipalities.
 */
export async function publicCatalogue(db: Executor): Promise<PublicCatalogue> {
	const [facilities, municipalities] = await Promise.all([
		db.selectFrom('facilities').selectAll().where('active', '=', 1).orderBy('name').execute(),
		db.selectFrom('municipalities').selectAll().execute()
	]);
	return {
		facilities: facilities.map((row) => finderFacility(toFacility(row))),
		municipalities: municipalities.map(toMunicipality)
	};
}

/** One active Kita's page: the Kita, its municipality, the Kita years and its places. */
export interface PublicFacility {
	facility: Facility;
	municipality: Municipality | undefined;
	years: KitaYear[];
	capacities: Capacity[];
}

/** A Kita's public page rendered on the server; undefined for an unknown or inactive Kita. */
export async function publicFacility(db: Executor, id: string): Promise<PublicFacility | undefined> {
	const row = await db
		.selectFrom('facilities')
		.selectAll()
		.where('id', '=', id)
		.where('active', '=', 1)
		.executeTakeFirst();
	if (!row) return undefined;
	const [municipality, years, capacities] = await Promise.all([
		db.selectFrom('municipalities').selectAll().where('id', '=', row.municipality_id).executeTakeFirst(),
		db.selectFrom('kita_years').selectAll().orderBy('id').execute(),
		db.selectFrom('capacities').selectAll().where('facility_id', '=', id).execute()
	]);
	return {
		facility: toFacility(row),
		municipality: municipality && toMunicipality(municipality),
		years: years.map(toKitaYear),
		capacities: capacities.map(toCapacity)
	};
}
