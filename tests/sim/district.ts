// Districts like the demo one for the simulation: the demo's 11 municipalities and 66 Kitas with
// their places (server/demo), copied side by side for bigger districts, and generated children
// whose parents rank nearby Kitas that fit them, with the facts the admission criteria read.
import { demoCapacities } from '../../server/demo/capacities';
import { demoFacilities } from '../../server/demo/facilities';
import { DEMO_MUNICIPALITIES } from '../../server/demo/municipalities';
import { ADMISSION_CRITERIA, type AdmissionCriterion } from '../../src/lib/domain/allocation/criteria';
import {
	bucketKey,
	bucketOf,
	type BucketKey,
	type FreeByBucket
} from '../../src/lib/domain/allocation/buckets';
import type { RoundChild, RoundInput, RoundKita, RoundRequest } from '../../src/lib/domain/allocation/round';
import { addDays, addMonths } from '../../src/lib/domain/calendar-day';
import type { Feature, ProviderType, WeeklyHours } from '../../src/lib/domain/facility';
import { distanceKm } from '../../src/lib/domain/geo';
import type { KitaYearId } from '../../src/lib/domain/ids';
import { ageInMonths, defaultKitaYear, type KitaYear } from '../../src/lib/domain/kita-year';
import { gumbel, pick, rng, weighted, type Rng } from './random';

export interface SimKita extends RoundKita {
	lat: number;
	lon: number;
	features: readonly Feature[];
	providerType: ProviderType;
	minAgeMonths: number;
	maxAgeMonths: number;
	/** All places per bucket (what the Kita offers at all) and the free ones for the year. */
	places: FreeByBucket;
}

export interface SimChild extends RoundChild {
	lat: number;
	lon: number;
	/** Registered at the desk without a ranking. */
	walkIn: boolean;
	/** The family finds another solution (childminder, a move) and declines every offer. */
	leaves: boolean;
}

export interface District {
	seed: number;
	year: KitaYear;
	kitas: SimKita[];
	children: SimChild[];
}

export interface DistrictOptions {
	seed: number;
	/** Copies of the demo district side by side: 1 = 66 Kitas, 10 = 660. */
	scale: number;
	/** Children per copy; 1,500 like the demo district. */
	childrenPerCopy?: number;
	/** Kitas per copy to keep (the first n of the demo's 66), for small test districts. */
	kitasPerCopy?: number;
}

/** The Kita year played: offers from 1 Dec 2026, start on 1 Aug 2027. */
export const SIM_YEAR = defaultKitaYear(2027);

/**
 * Share of all places that are free for newcomers: U3 places half (the others' children stay
 * and move up), Ü3 places a quarter (those leaving for school, less the children moving up).
 */
const FREE_SHARE = { u3: 0.5, ue3: 0.25 } as const;

const HOURS: readonly WeeklyHours[] = [25, 35, 45];
const HOUR_WEIGHTS = [0.15, 0.5, 0.35];
/** How many Kitas parents rank: 1 to 6. */
const REQUEST_COUNT_WEIGHTS = [0.12, 0.2, 0.25, 0.2, 0.13, 0.1];
const WALK_IN_SHARE = 0.05;
const LEAVE_SHARE = 0.06;
const SIBLING_SHARE = 0.18;
const HARDSHIP_SHARE = 0.03;
const EMPLOYED_SHARE = 0.65;

function copyOffset(copy: number): { lat: number; lon: number } {
	return { lat: Math.floor(copy / 5) * 0.3, lon: (copy % 5) * 0.75 };
}

function criteriaFor(r: Rng): AdmissionCriterion[] {
	// Most Kitas put siblings and hardship first; the rest varies; the registration date closes.
	const head: AdmissionCriterion[] =
		r() < 0.7 ? ['siblingAtKita', 'hardship'] : ['hardship', 'siblingAtKita'];
	const middle = ADMISSION_CRITERIA.filter(
		(c) => c !== 'siblingAtKita' && c !== 'hardship' && c !== 'registrationDate'
	)
		.map((c) => ({ c, k: r() }))
		.sort((a, b) => a.k - b.k)
		.map((x) => x.c);
	const chosen = [...head, ...middle].filter(() => r() < 0.85);
	return r() < 0.9 ? [...chosen, 'registrationDate'] : chosen;
}

function kitasOf(seed: number, copies: number, perCopy: number): SimKita[] {
	const facilities = demoFacilities().slice(0, perCopy);
	const capacities = demoCapacities(facilities, [SIM_YEAR.id as KitaYearId]);
	const kitas: SimKita[] = [];
	for (let copy = 0; copy < copies; copy++) {
		const offset = copyOffset(copy);
		for (const f of facilities) {
			const id = copies === 1 ? f.id : `${f.id}~${copy}`;
			const r = rng(seed, `kita:${id}`);
			const places: FreeByBucket = {};
			const free: FreeByBucket = {};
			for (const c of capacities) {
				if (c.facilityId !== f.id || c.places <= 0) continue;
				const key = bucketKey(c.ageBand, c.weeklyHours);
				places[key] = c.places;
				free[key] = Math.floor(c.places * FREE_SHARE[c.ageBand] + r());
			}
			kitas.push({
				id,
				municipalityId: copies === 1 ? f.municipalityId : `${f.municipalityId}~${copy}`,
				lat: f.lat + offset.lat,
				lon: f.lon + offset.lon,
				features: f.features,
				providerType: f.providerType,
				minAgeMonths: f.minAgeMonths,
				maxAgeMonths: f.maxAgeMonths,
				places,
				free,
				criteria: criteriaFor(r)
			});
		}
	}
	return kitas;
}

function ageAtStart(r: Rng): number {
	const x = r();
	if (x < 0.05) return 6 + Math.floor(r() * 6);
	if (x < 0.35) return 12 + Math.floor(r() * 24);
	return 36 + Math.floor(r() * 19);
}

function takes(kita: SimKita, ageMonths: number, bucket: BucketKey): boolean {
	return kita.minAgeMonths <= ageMonths && ageMonths <= kita.maxAgeMonths && (kita.places[bucket] ?? 0) > 0;
}

function childrenOf(seed: number, kitas: readonly SimKita[], copies: number, perCopy: number): SimChild[] {
	const year = SIM_YEAR;
	const children: SimChild[] = [];
	for (let copy = 0; copy < copies; copy++) {
		const own = copies === 1 ? kitas : kitas.filter((k) => k.id.endsWith(`~${copy}`));
		// Families live near the Kitas, more of them where there are more places.
		const weights = own.map((k) => Object.values(k.places).reduce((a, n) => a + (n ?? 0), 0));
		for (let i = 0; i < perCopy; i++) {
			const id = `child-${copy}-${String(i).padStart(5, '0')}`;
			const r = rng(seed, id);
			const near = own[weighted(r, weights)] as SimKita;
			const angle = r() * 2 * Math.PI;
			const km = 2.5 * Math.sqrt(r());
			const lat = near.lat + (km * Math.cos(angle)) / 111.2;
			const lon = near.lon + (km * Math.sin(angle)) / (111.2 * Math.cos((near.lat * Math.PI) / 180));
			const age = ageAtStart(r);
			const birthDate = addDays(addMonths(year.startsOn, -age - 1), 1 + Math.floor(r() * 28));
			const months = ageInMonths(birthDate, year.startsOn);
			const weeklyHours = HOURS[weighted(r, HOUR_WEIGHTS)] as WeeklyHours;
			const bucket = bucketOf(birthDate, year.startsOn, weeklyHours);
			const liked = pick<Feature | null>(r, [
				'bilingual',
				'waldkita',
				'montessori',
				'bewegungskita',
				'mint',
				'inklusiv',
				null
			]);
			const churchy = r() < 0.3;
			const fitting = own.filter((k) => takes(k, months, bucket));
			const utility = (k: SimKita): number =>
				-distanceKm(k, { lat, lon }) / 1.5 +
				(liked !== null && k.features.includes(liked) ? 1.5 : 0) +
				(churchy && (k.providerType === 'katholisch' || k.providerType === 'evangelisch') ? 0.8 : 0) +
				gumbel(r);
			const scored = fitting.map((k) => ({ k, u: utility(k) })).sort((a, b) => b.u - a.u);
			let sibling: SimKita | null = null;
			if (r() < SIBLING_SHARE && scored.length > 0)
				sibling = scored[Math.floor(r() * Math.min(3, scored.length))]?.k ?? null;
			if (sibling) {
				const s = scored.find((x) => x.k === sibling);
				if (s) s.u += 3;
				scored.sort((a, b) => b.u - a.u);
			}
			const walkIn = r() < WALK_IN_SHARE;
			const count = walkIn ? 1 + Math.floor(r() * 2) : 1 + weighted(r, REQUEST_COUNT_WEIGHTS);
			const late = r() < 0.15;
			const registeredOn = late
				? addDays(year.preferredDeadline, 1 + Math.floor(r() * 15))
				: addDays(year.registrationOpensOn, Math.floor(r() * 46));
			const registeredAt = `${registeredOn}T${String(7 + Math.floor(r() * 12)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}:00.000Z`;
			const requests: RoundRequest[] = scored.slice(0, count).map((s, rank) => ({
				kitaId: s.k.id,
				rank: walkIn ? null : rank + 1,
				startDate: year.startsOn,
				weeklyHours,
				registeredAt
			}));
			const municipality = own.reduce(
				(best, k) => (distanceKm(k, { lat, lon }) < distanceKm(best, { lat, lon }) ? k : best),
				near
			).municipalityId;
			children.push({
				id,
				birthDate,
				municipalityId: municipality,
				hardship: r() < HARDSHIP_SHARE,
				guardiansEmployedOrTraining: r() < EMPLOYED_SHARE,
				siblingKitaIds: sibling ? [sibling.id] : [],
				requests,
				lat,
				lon,
				walkIn,
				leaves: r() < LEAVE_SHARE
			});
		}
	}
	return children;
}

/** A district, the same for the same options. */
export function generateDistrict(options: DistrictOptions): District {
	const perCopy = options.kitasPerCopy ?? 66;
	const kitas = kitasOf(options.seed, options.scale, perCopy);
	const children = childrenOf(options.seed, kitas, options.scale, options.childrenPerCopy ?? 1500);
	return { seed: options.seed, year: SIM_YEAR, kitas, children };
}

/** The district as the input of one allocation round at the start of the season. */
export function roundInputOf(district: District, seed = district.seed): RoundInput {
	return { kitas: district.kitas, children: district.children, seed };
}

/** The demo district's municipalities, one set per copy. */
export const MUNICIPALITIES_PER_COPY = DEMO_MUNICIPALITIES.length;
