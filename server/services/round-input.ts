// Loads what one offer round of a Kita year is computed from (src/lib/domain/allocation/round.ts):
// every active Kita's free places per age band × hours, its published criteria and its staff's
// moves in its ranking, and every child still waiting with its open requests and the facts the
// criteria read. Queries and mapping only.
import type { Capacity } from '../../src/lib/domain/facility';
import type { AdmissionCriterion } from '../../src/lib/domain/allocation/catalogue';
import { freeByBucket } from '../../src/lib/domain/allocation/buckets';
import { rankMoveOf, type RankMove } from '../../src/lib/domain/allocation/moves';
import { movesOfKitaYear } from './queue-moves';
import type { RoundChild, RoundInput, RoundKita } from '../../src/lib/domain/allocation/round';
import type { Day } from '../../src/lib/domain/calendar-day';
import { residenceOfFamilies, type GuardianAddress } from '../../src/lib/domain/residence';
import { employedFamilies, type GuardianEmployment } from '../../src/lib/domain/employment';
import { chunks } from '../db/chunks';
import type { Executor } from '../db/database';

/** A request of the round: whom a proposal names (child and Kita) is one of these. */
export interface RoundRequestRow {
	requestId: string;
	childId: string;
	facilityId: string;
}

/**
 * The round's input for a Kita year, or null if the year is unknown. A child that holds an offer
 * takes part only with the requests its parents ranked higher (one held offer); a child with an
 * acceptance or a contract in the year does not take part. Residence is the municipality of the
 * first guardian's postcode (residenceOfFamilies); hardship is the youth office's decision on the
 * child; employment is every guardian's declaration (employedFamilies).
 */
export async function roundInput(
	db: Executor,
	kitaYearId: string,
	seed: number
): Promise<{ input: RoundInput; requests: RoundRequestRow[] } | null> {
	const year = await db.selectFrom('kita_years').select('id').where('id', '=', kitaYearId).executeTakeFirst();
	if (!year) return null;
	const [facilities, capacities, municipalities, requests, moves] = await Promise.all([
		db
			.selectFrom('facilities')
			.select(['id', 'municipality_id', 'admission_criteria'])
			.where('active', '=', 1)
			.execute(),
		db
			.selectFrom('capacities')
			.select(['facility_id', 'age_band', 'weekly_hours', 'places', 'contracted', 'offered'])
			.where('kita_year_id', '=', kitaYearId)
			.execute(),
		db.selectFrom('municipalities').select(['id', 'postcodes']).execute(),
		db
			.selectFrom('requests')
			.innerJoin('registrations', 'registrations.id', 'requests.registration_id')
			.select([
				'requests.id',
				'requests.child_id',
				'requests.facility_id',
				'requests.status',
				'requests.rank',
				'requests.start_date',
				'requests.weekly_hours',
				'requests.registered_at',
				'registrations.source'
			])
			.where('requests.kita_year_id', '=', kitaYearId)
			.where('requests.status', 'in', ['registered', 'offered', 'accepted', 'contracted'])
			.execute(),
		movesOfKitaYear(db, kitaYearId)
	]);
	// Each Kita's moves, by child: the round ranks children (one request per child and Kita).
	const childOfRequest = new Map(requests.map((r) => [r.id as string, r.child_id]));
	const movesOf = new Map<string, RankMove[]>();
	for (const move of moves) {
		const subject = childOfRequest.get(move.requestId);
		const anchor = childOfRequest.get(move.anchorRequestId);
		if (!subject || !anchor) continue;
		movesOf.set(move.facilityId, [
			...(movesOf.get(move.facilityId) ?? []),
			{ ...rankMoveOf(move), subject, anchor }
		]);
	}
	const kitas: RoundKita[] = facilities.map((f) => ({
		id: f.id as string,
		municipalityId: f.municipality_id,
		criteria: JSON.parse(f.admission_criteria) as AdmissionCriterion[],
		moves: movesOf.get(f.id as string) ?? [],
		free: freeByBucket(
			capacities
				.filter((c) => c.facility_id === f.id)
				.map((c) => ({
					ageBand: c.age_band as Capacity['ageBand'],
					weeklyHours: c.weekly_hours as Capacity['weeklyHours'],
					places: c.places,
					contracted: c.contracted,
					offered: c.offered
				}))
		)
	}));
	const areas = municipalities.map((m) => ({
		id: m.id,
		postcodes: JSON.parse(m.postcodes) as { postcode: string }[]
	}));

	// Per child: out if it has an acceptance or contract this year; else its waiting requests, only
	// those ranked above a held offer.
	const byChild = new Map<string, typeof requests>();
	for (const r of requests) byChild.set(r.child_id, [...(byChild.get(r.child_id) ?? []), r]);
	const waiting = new Map<string, typeof requests>();
	for (const [childId, list] of byChild) {
		if (list.some((r) => r.status === 'accepted' || r.status === 'contracted')) continue;
		const held = list.find((r) => r.status === 'offered');
		const open = list.filter(
			(r) =>
				r.status === 'registered' &&
				(!held || (r.source === 'online' && held.source === 'online' && r.rank < held.rank))
		);
		if (open.length) waiting.set(childId, open);
	}
	const childIds = [...waiting.keys()];
	const children: {
		id: string;
		birth_date: string;
		family_id: string;
		hardship_decided_on: string | null;
	}[] = [];
	for (const chunk of chunks(childIds))
		children.push(
			...(await db
				.selectFrom('children')
				.select(['id', 'birth_date', 'family_id', 'hardship_decided_on'])
				.where('id', 'in', chunk)
				.execute()
				.then((rows) => rows.map((r) => ({ ...r, id: r.id as string }))))
		);
	const familyIds = [...new Set(children.map((c) => c.family_id))];
	const guardians: (GuardianAddress & GuardianEmployment)[] = [];
	const siblingKitas = new Map<string, { childId: string; facilityId: string }[]>();
	for (const chunk of chunks(familyIds)) {
		for (const g of await db
			.selectFrom('guardians')
			.select(['family_id', 'position', 'postcode', 'employed_or_training'])
			.where('family_id', 'in', chunk)
			.execute())
			guardians.push({
				familyId: g.family_id,
				position: g.position,
				postcode: g.postcode,
				employedOrTraining: g.employed_or_training === 1
			});
		// A brother's or sister's contract, of any year, at a Kita.
		for (const s of await db
			.selectFrom('requests')
			.innerJoin('children', 'children.id', 'requests.child_id')
			.select(['children.family_id', 'requests.child_id', 'requests.facility_id'])
			.where('children.family_id', 'in', chunk)
			.where('requests.status', '=', 'contracted')
			.execute())
			siblingKitas.set(s.family_id, [
				...(siblingKitas.get(s.family_id) ?? []),
				{ childId: s.child_id, facilityId: s.facility_id }
			]);
	}
	const residence = residenceOfFamilies(guardians, areas);
	const employed = employedFamilies(guardians);
	const roundChildren: RoundChild[] = children.map((c) => ({
		id: c.id,
		birthDate: c.birth_date as Day,
		municipalityId: residence.get(c.family_id) ?? '',
		// Decided by the youth office (server/commands/hardship.ts).
		hardship: c.hardship_decided_on !== null,
		guardiansEmployedOrTraining: employed.has(c.family_id),
		siblingKitaIds: (siblingKitas.get(c.family_id) ?? [])
			.filter((s) => s.childId !== c.id)
			.map((s) => s.facilityId),
		requests: (waiting.get(c.id) ?? []).map((r) => ({
			kitaId: r.facility_id,
			// A walk-in's rank is the order staff entered it in, not the parents' choice.
			rank: r.source === 'online' ? r.rank : null,
			startDate: r.start_date as Day,
			weeklyHours: r.weekly_hours as Capacity['weeklyHours'],
			registeredAt: r.registered_at
		}))
	}));
	return {
		input: { kitas, children: roundChildren, seed },
		requests: [...waiting.values()].flat().map((r) => ({
			requestId: r.id as string,
			childId: r.child_id,
			facilityId: r.facility_id
		}))
	};
}
