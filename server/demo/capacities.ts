// Places of the demo Kitas per Kita year, age band and weekly hours. Deterministic: every number
// is drawn from a PRNG seeded by the facility id (and year), so the input order does not matter.
import type { AgeBand, Capacity, Facility, WeeklyHours } from '../../src/lib/domain/facility';
import type { FacilityId, KitaYearId } from '../../src/lib/domain/ids';
import { demoGroupCount, demoRandom, hashString } from './facilities';

/** Age bands a facility takes: U3 when it takes children under three, Ü3 when it keeps them past three. */
export function ageBandsOf(f: Pick<Facility, 'minAgeMonths' | 'maxAgeMonths'>): AgeBand[] {
	const bands: AgeBand[] = [];
	if (f.minAgeMonths < 36) bands.push('u3');
	if (f.maxAgeMonths >= 36) bands.push('ue3');
	return bands;
}

/** Places of the first year per age band, from the number of groups (about 20–24 children per group). */
function bandTotals(f: Facility, rnd: () => number): Map<AgeBand, number> {
	const groups = demoGroupCount(f);
	const bands = ageBandsOf(f);
	const totals = new Map<AgeBand, number>();
	if (bands.length === 2) {
		const total = groups * (20 + Math.floor(rnd() * 5));
		const share =
			f.minAgeMonths < 12
				? 0.28 + rnd() * 0.06
				: f.minAgeMonths < 24
					? 0.22 + rnd() * 0.06
					: 0.12 + rnd() * 0.06;
		const u3 = Math.max(2, Math.round(total * share));
		totals.set('u3', u3);
		totals.set('ue3', total - u3);
	} else if (bands[0] === 'u3') {
		totals.set('u3', groups * (10 + Math.floor(rnd() * 3)));
	} else if (bands[0] === 'ue3') {
		const perGroup = f.features.includes('waldkita')
			? 15 + Math.floor(rnd() * 6)
			: 22 + Math.floor(rnd() * 4);
		totals.set('ue3', groups * perGroup);
	}
	return totals;
}

/** Relative demand per weekly hours: 35 h is the most common, 25 h the least. */
function hourWeights(f: Facility, rnd: () => number): Record<WeeklyHours, number> {
	if (f.features.includes('waldkita')) return { 25: 0.4, 35: 0.6, 45: 0 };
	return { 25: 0.1 + rnd() * 0.15, 35: 0.4 + rnd() * 0.2, 45: 0.25 + rnd() * 0.2 };
}

/** Splits total places over the offered hours (largest remainder), at least one place each. */
function split(total: number, hours: WeeklyHours[], weights: Record<WeeklyHours, number>): number[] {
	const sum = hours.reduce((acc, h) => acc + weights[h], 0);
	const exact = hours.map((h) => (sum > 0 ? (total * weights[h]) / sum : total / hours.length));
	const parts = exact.map(Math.floor);
	let rest = total - parts.reduce((acc, n) => acc + n, 0);
	const byRemainder = exact
		.map((x, i) => ({ i, r: x - Math.floor(x) }))
		.sort((a, b) => b.r - a.r || a.i - b.i);
	for (const { i } of byRemainder) {
		if (rest <= 0) break;
		parts[i] = (parts[i] ?? 0) + 1;
		rest--;
	}
	for (let i = 0; i < parts.length; i++) {
		if ((parts[i] ?? 0) > 0) continue;
		const largest = parts.indexOf(Math.max(...parts));
		if ((parts[largest] ?? 0) <= 1) break;
		parts[largest] = (parts[largest] ?? 0) - 1;
		parts[i] = 1;
	}
	return parts;
}

/** About one Kita in thirteen (five of 66) has not yet reported places for the second year. */
function withoutSecondYear(facilities: Facility[]): Set<FacilityId> {
	const count = Math.round(facilities.length / 13);
	const ranked = [...facilities].sort(
		(a, b) => hashString(`second-year:${a.id}`) - hashString(`second-year:${b.id}`) || (a.id < b.id ? -1 : 1)
	);
	return new Set(ranked.slice(0, count).map((f) => f.id));
}

/**
 * Capacities of the demo Kitas: one row per facility, Kita year, age band it takes and weekly
 * hours it offers, with contracted and offered at 0. A few facilities have no rows for the second
 * year, so the finder shows "keine Angabe" there.
 */
export function demoCapacities(facilities: Facility[], kitaYearIds: KitaYearId[]): Capacity[] {
	const skip = withoutSecondYear(facilities);
	const capacities: Capacity[] = [];
	for (const f of facilities) {
		const rnd = demoRandom(`capacity:${f.id}`);
		const totals = bandTotals(f, rnd);
		const weights = hourWeights(f, rnd);
		kitaYearIds.forEach((kitaYearId, yearIndex) => {
			if (yearIndex === 1 && skip.has(f.id)) return;
			const yearRnd = demoRandom(`capacity:${f.id}:${kitaYearId}`);
			for (const [ageBand, base] of totals) {
				const change = yearIndex === 0 ? 0 : Math.floor(yearRnd() * 5) - 2;
				const total = Math.max(f.weeklyHours.length, base + change);
				const places = split(total, f.weeklyHours, weights);
				f.weeklyHours.forEach((weeklyHours, i) =>
					capacities.push({
						facilityId: f.id,
						kitaYearId,
						ageBand,
						weeklyHours,
						places: places[i] ?? 0,
						contracted: 0,
						offered: 0
					})
				);
			}
		});
	}
	return capacities;
}
