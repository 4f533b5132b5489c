// Loads the rows a Kita year's report is computed from (src/lib/domain/reports.ts does the sums).
import type { AgeBand, WeeklyHours } from '../../src/lib/domain/facility';
import type { RequestStatus } from '../../src/lib/domain/placement';
import { computeYearReport, type YearReport } from '../../src/lib/domain/reports';
import { chunks } from '../db/chunks';
import type { Executor } from '../db/database';

/** The report of a Kita year, for the district or one municipality; null if either is unknown. */
export async function yearReport(
	db: Executor,
	kitaYearId: string,
	now: Date,
	municipalityId: string | null = null
): Promise<YearReport | null> {
	const year = await db
		.selectFrom('kita_years')
		.select(['id', 'starts_on', 'offers_from'])
		.where('id', '=', kitaYearId)
		.executeTakeFirst();
	if (!year) return null;
	if (
		municipalityId !== null &&
		!(await db.selectFrom('municipalities').select('id').where('id', '=', municipalityId).executeTakeFirst())
	)
		return null;
	const [municipalities, facilities, capacities, requests] = await Promise.all([
		db.selectFrom('municipalities').select(['id', 'name']).execute(),
		db.selectFrom('facilities').select(['id', 'name', 'municipality_id', 'active']).execute(),
		db
			.selectFrom('capacities')
			.select(['facility_id', 'age_band', 'weekly_hours', 'places', 'contracted', 'offered'])
			.where('kita_year_id', '=', kitaYearId)
			.execute(),
		db
			.selectFrom('requests')
			.innerJoin('registrations', 'registrations.id', 'requests.registration_id')
			.select([
				'requests.id',
				'requests.child_id',
				'requests.facility_id',
				'registrations.number',
				'requests.status',
				'requests.rank',
				'requests.start_date',
				'requests.weekly_hours',
				'requests.registered_at',
				'requests.offer_expires_at'
			])
			.where('requests.kita_year_id', '=', kitaYearId)
			.execute()
	]);
	const childIds = [...new Set(requests.map((r) => r.child_id))];
	const requestIds = requests.map((r) => r.id);
	const children = [];
	const contracted = [];
	for (const chunk of chunks(childIds)) {
		children.push(
			...(await db.selectFrom('children').select(['id', 'birth_date']).where('id', 'in', chunk).execute())
		);
		// A contract of this or an earlier year that is still in force: the child has a place.
		contracted.push(
			...(await db
				.selectFrom('requests')
				.innerJoin('kita_years', 'kita_years.id', 'requests.kita_year_id')
				.select('requests.child_id')
				.where('requests.child_id', 'in', chunk)
				.where('requests.status', '=', 'contracted')
				.where('kita_years.starts_on', '<=', year.starts_on)
				.execute())
		);
	}
	const events = [];
	for (const chunk of chunks(requestIds))
		events.push(
			...(await db
				.selectFrom('request_events')
				.select(['request_id', 'event', 'to_status', 'at'])
				.where('request_id', 'in', chunk)
				.execute())
		);
	return computeYearReport({
		now,
		offersFrom: year.offers_from,
		municipalities,
		facilities: facilities.map((f) => ({
			id: f.id,
			name: f.name,
			municipalityId: f.municipality_id,
			active: f.active === 1
		})),
		capacities: capacities.map((c) => ({
			facilityId: c.facility_id,
			ageBand: c.age_band as AgeBand,
			weeklyHours: c.weekly_hours as WeeklyHours,
			places: c.places,
			contracted: c.contracted,
			offered: c.offered
		})),
		children: children.map((c) => ({ id: c.id, birthDate: c.birth_date })),
		requests: requests.map((r) => ({
			id: r.id,
			childId: r.child_id,
			facilityId: r.facility_id,
			registrationNumber: r.number,
			status: r.status as RequestStatus,
			rank: r.rank,
			startDate: r.start_date,
			weeklyHours: r.weekly_hours as WeeklyHours,
			registeredAt: r.registered_at,
			offerExpiresAt: r.offer_expires_at
		})),
		events: events.map((e) => ({ requestId: e.request_id, event: e.event, toStatus: e.to_status, at: e.at })),
		contractedChildIds: [...new Set(contracted.map((c) => c.child_id))],
		municipalityId
	});
}
