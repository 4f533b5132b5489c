// One offer round of a Kita year: from every Kita's free places and chosen criteria and every
// child's requests, the proposal of whom each Kita should offer its places (issue 17). Pure and
// deterministic: the same input and seed give the same proposal in any input order, and the seed
// is part of the result so that a round can be recomputed.
import type { Day } from '../calendar-day';
import type { AgeBand, WeeklyHours } from '../facility';
import { ageBandAt, ageInMonths } from '../kita-year';
import { bucketKey, type BucketKey, type FreeByBucket } from './buckets';
import { lotteryNumber, rankCandidates, type AdmissionCriterion, type CandidateFacts } from './criteria';
import { applyMoves, type RankMove } from './moves';
import { deferredAcceptance, type DaChild, type DaKita, type DaProposal } from './deferred-acceptance';

export interface RoundKita {
	id: string;
	municipalityId: string;
	free: FreeByBucket;
	/** Its published criteria, in its order. */
	criteria: readonly AdmissionCriterion[];
	/** Its staff's moves in its ranking, by child id (moves.ts); applied after the criteria. */
	moves?: readonly RankMove[];
}

export interface RoundRequest {
	kitaId: string;
	/** The parents' ranking (1 = first choice); null when they gave none (walk-in). */
	rank: number | null;
	startDate: Day;
	weeklyHours: WeeklyHours;
	registeredAt: string;
}

export interface RoundChild {
	id: string;
	birthDate: Day;
	municipalityId: string;
	hardship: boolean;
	guardiansEmployedOrTraining: boolean;
	/** Kitas where a brother or sister has a contract. */
	siblingKitaIds: readonly string[];
	/** The child's open requests of the Kita year. */
	requests: readonly RoundRequest[];
}

export interface RoundInput {
	kitas: readonly RoundKita[];
	children: readonly RoundChild[];
	seed: number;
}

export interface RoundResult {
	/** The seed the ties were broken with. */
	seed: number;
	/** One per Kita, by Kita id: whom to offer, in the Kita's ranking. */
	proposals: DaProposal[];
	/** Children with open requests whom no Kita is to offer a place, by id. */
	unmatched: string[];
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One request per Kita: of several for the same Kita the best-ranked counts (ranked before
 * unranked), then the earliest registered, so the order they are given in does not matter.
 */
export function requestPerKita(requests: readonly RoundRequest[]): RoundRequest[] {
	const best = new Map<string, RoundRequest>();
	for (const r of requests) {
		const other = best.get(r.kitaId);
		if (
			!other ||
			(r.rank ?? Infinity) - (other.rank ?? Infinity) < 0 ||
			(r.rank === other.rank &&
				(compareText(r.registeredAt, other.registeredAt) ||
					compareText(r.startDate, other.startDate) ||
					r.weeklyHours - other.weeklyHours) < 0)
		)
			best.set(r.kitaId, r);
	}
	return [...best.values()].sort((a, b) => compareText(a.kitaId, b.kitaId));
}

/**
 * The order in which a child would take its Kitas: the ranked requests by rank (ties by Kita id),
 * then the unranked ones (a walk-in's, or any the parents left unranked) in the order of a seeded
 * lottery per child and Kita — documented, reproducible, and favouring no Kita. Requests for a
 * Kita not in the round are left out.
 */
export function childPreference(child: Pick<RoundChild, 'id' | 'requests'>, seed: number): string[] {
	const ranked = child.requests
		.filter((r) => r.rank !== null)
		.sort(
			(a, b) => (a.rank ?? 0) - (b.rank ?? 0) || (a.kitaId < b.kitaId ? -1 : a.kitaId > b.kitaId ? 1 : 0)
		);
	const unranked = child.requests
		.filter((r) => r.rank === null)
		.map((r) => ({ kitaId: r.kitaId, lot: lotteryNumber(seed, `${child.id}|${r.kitaId}`) }))
		.sort((a, b) => a.lot - b.lot || (a.kitaId < b.kitaId ? -1 : a.kitaId > b.kitaId ? 1 : 0));
	const order = [...ranked.map((r) => r.kitaId), ...unranked.map((r) => r.kitaId)];
	return [...new Set(order)];
}

export interface RankedCandidate extends CandidateFacts {
	bucket: BucketKey;
}

/** Each Kita's candidates (children with a request there), best first by its criteria and moves. */
export function rankedCandidates(input: RoundInput): Map<string, RankedCandidate[]> {
	const kitas = new Map(input.kitas.map((k) => [k.id, k]));
	const facts = new Map<string, RankedCandidate[]>();
	for (const child of input.children) {
		// The age is worked out once per start date, not once per Kita.
		const ages = new Map<Day, { months: number; band: AgeBand }>();
		for (const r of requestPerKita(child.requests)) {
			const kita = kitas.get(r.kitaId);
			if (!kita) continue;
			let age = ages.get(r.startDate);
			if (!age) {
				age = {
					months: ageInMonths(child.birthDate, r.startDate),
					band: ageBandAt(child.birthDate, r.startDate)
				};
				ages.set(r.startDate, age);
			}
			const list = facts.get(kita.id) ?? [];
			list.push({
				childId: child.id,
				siblingAtKita: child.siblingKitaIds.includes(kita.id),
				livesInMunicipality: child.municipalityId === kita.municipalityId,
				birthDate: child.birthDate,
				startDate: r.startDate,
				ageMonthsAtStart: age.months,
				hardship: child.hardship,
				guardiansEmployedOrTraining: child.guardiansEmployedOrTraining,
				registeredAt: r.registeredAt,
				bucket: bucketKey(age.band, r.weeklyHours)
			});
			facts.set(kita.id, list);
		}
	}
	const ranked = new Map<string, RankedCandidate[]>();
	for (const kita of input.kitas)
		ranked.set(
			kita.id,
			applyMoves(
				rankCandidates(kita.criteria, facts.get(kita.id) ?? [], input.seed),
				(c) => c.childId,
				kita.moves ?? []
			)
		);
	return ranked;
}

/** The input of deferred acceptance that a round's input stands for (also used to check stability). */
export function roundMarket(input: RoundInput): { kitas: DaKita[]; children: DaChild[] } {
	const ids = new Set(input.kitas.map((k) => k.id));
	const ranked = rankedCandidates(input);
	return {
		kitas: input.kitas.map((k) => ({
			id: k.id,
			free: k.free,
			candidates: (ranked.get(k.id) ?? []).map((c) => ({ childId: c.childId, bucket: c.bucket }))
		})),
		children: input.children.map((c) => ({
			id: c.id,
			preference: childPreference(c, input.seed).filter((id) => ids.has(id))
		}))
	};
}

/** Runs one round: Kita-proposing deferred acceptance over the round's market. */
export function runRound(input: RoundInput): RoundResult {
	const market = roundMarket(input);
	const result = deferredAcceptance(market.kitas, market.children);
	return { seed: input.seed, proposals: result.proposals, unmatched: result.unmatched };
}
