// Admission criteria ("Aufnahmekriterien"): the catalogue the youth office keeps, the facts of a
// candidate they are read from, and the order in which a Kita ranks its candidates by the
// criteria it chose. Ties left by the criteria are broken by a seeded lottery, so that the same
// candidates and the same seed always give the same ranking, whatever order they come in.
import type { Day } from '../calendar-day';
import { ageInMonths } from '../kita-year';
import { orderedCriteria, type AdmissionCriterion } from './catalogue';

export { ADMISSION_CRITERIA, orderedCriteria, type AdmissionCriterion } from './catalogue';

/** What the criteria read about one child's request at one Kita. */
export interface CandidateFacts {
	childId: string;
	/** A brother or sister attends (has a contract at) this Kita. */
	siblingAtKita: boolean;
	/** The family lives in the municipality of this Kita. */
	livesInMunicipality: boolean;
	birthDate: Day;
	/** The desired start at this Kita: the legal claim is judged on this day. */
	startDate: Day;
	/**
	 * `ageInMonths(birthDate, startDate)` when the caller has it already (a round computes it once
	 * per child rather than once per Kita); computed when absent.
	 */
	ageMonthsAtStart?: number;
	/** A hardship case as decided by the youth office (never by the Kita). */
	hardship: boolean;
	/** All guardians work, train or study. */
	guardiansEmployedOrTraining: boolean;
	/** The instant of the registration (ISO 8601, UTC), as stored. */
	registeredAt: string;
}

/**
 * The legal claim at the start date by age (SGB VIII § 24): 2 from the third birthday (claim to a
 * place in a Kita), 1 from the first (claim to early childhood care, Kita or childminder), else 0.
 */
export function legalClaimLevel(birthDate: Day, startDate: Day): 0 | 1 | 2 {
	return legalClaimLevelAt(ageInMonths(birthDate, startDate));
}

/** `legalClaimLevel` from the completed months at the start date. */
export function legalClaimLevelAt(months: number): 0 | 1 | 2 {
	return months >= 36 ? 2 : months >= 12 ? 1 : 0;
}

/** FNV-1a, 32 bit, then a murmur3 finaliser so that near keys spread over the whole range. */
function hash32(value: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < value.length; i++) {
		h ^= value.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/**
 * A child's lottery number for a seed: one number per child for every Kita (a single lottery, so a
 * child is not lucky at one Kita and unlucky at the next by chance). Lower wins.
 */
export function lotteryNumber(seed: number, key: string): number {
	return hash32(`${seed >>> 0}:${key}`);
}

/** One number per criterion, lower ranks first; then the lottery and the child id as last resort. */
function sortKey(criteria: readonly AdmissionCriterion[], facts: CandidateFacts): number[] {
	return criteria.map((criterion) => {
		switch (criterion) {
			case 'siblingAtKita':
				return facts.siblingAtKita ? 0 : 1;
			case 'livesInMunicipality':
				return facts.livesInMunicipality ? 0 : 1;
			case 'legalClaimByAge':
				return 2 - legalClaimLevelAt(facts.ageMonthsAtStart ?? ageInMonths(facts.birthDate, facts.startDate));
			case 'hardship':
				return facts.hardship ? 0 : 1;
			case 'guardiansEmployedOrTraining':
				return facts.guardiansEmployedOrTraining ? 0 : 1;
			case 'registrationDate': {
				const at = Date.parse(facts.registeredAt);
				if (Number.isNaN(at)) throw new RangeError(`Not an instant: ${facts.registeredAt}`);
				return at;
			}
		}
	});
}

interface Keyed<F extends CandidateFacts> {
	facts: F;
	key: number[];
	lottery: number;
}

function compareKeyed<F extends CandidateFacts>(a: Keyed<F>, b: Keyed<F>): number {
	for (let i = 0; i < a.key.length; i++) {
		const d = (a.key[i] ?? 0) - (b.key[i] ?? 0);
		if (d !== 0) return d;
	}
	if (a.lottery !== b.lottery) return a.lottery - b.lottery;
	return a.facts.childId < b.facts.childId ? -1 : a.facts.childId > b.facts.childId ? 1 : 0;
}

/**
 * A comparator for one Kita's candidates: by the criteria the Kita chose, in its order
 * (`orderedCriteria`), then by the seeded lottery, then by child id. Negative when `a` ranks first.
 */
export function compareCandidates(
	criteria: readonly AdmissionCriterion[],
	seed: number
): (a: CandidateFacts, b: CandidateFacts) => number {
	const ordered = orderedCriteria(criteria);
	return (a, b) =>
		compareKeyed(
			{ facts: a, key: sortKey(ordered, a), lottery: lotteryNumber(seed, a.childId) },
			{ facts: b, key: sortKey(ordered, b), lottery: lotteryNumber(seed, b.childId) }
		);
}

/** The candidates of one Kita, best first; the same for any input order. A child appears once. */
export function rankCandidates<F extends CandidateFacts>(
	criteria: readonly AdmissionCriterion[],
	candidates: readonly F[],
	seed: number
): F[] {
	const ordered = orderedCriteria(criteria);
	const seen = new Set<string>();
	for (const c of candidates) {
		if (seen.has(c.childId)) throw new Error(`Child ${c.childId} is a candidate twice`);
		seen.add(c.childId);
	}
	return candidates
		.map((facts) => ({ facts, key: sortKey(ordered, facts), lottery: lotteryNumber(seed, facts.childId) }))
		.sort(compareKeyed)
		.map((k) => k.facts);
}
