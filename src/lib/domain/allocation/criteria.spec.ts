import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageInMonths } from '../kita-year';
import {
	ADMISSION_CRITERIA,
	compareCandidates,
	legalClaimLevel,
	lotteryNumber,
	orderedCriteria,
	rankCandidates,
	type CandidateFacts
} from './criteria';

function facts(childId: string, over: Partial<CandidateFacts> = {}): CandidateFacts {
	return {
		childId,
		siblingAtKita: false,
		livesInMunicipality: false,
		birthDate: '2023-03-01',
		startDate: '2027-08-01',
		hardship: false,
		guardiansEmployedOrTraining: false,
		registeredAt: '2026-11-01T10:00:00.000Z',
		...over
	};
}

const ids = (list: readonly CandidateFacts[]): string[] => list.map((c) => c.childId);

describe('legalClaimLevel', () => {
	it('is 0 before the first birthday, 1 from it, 2 from the third (at the start date)', () => {
		expect(legalClaimLevel('2026-08-02', '2027-08-01')).toBe(0);
		expect(legalClaimLevel('2026-08-01', '2027-08-01')).toBe(1);
		expect(legalClaimLevel('2024-08-02', '2027-08-01')).toBe(1);
		expect(legalClaimLevel('2024-08-01', '2027-08-01')).toBe(2);
	});
});

describe('orderedCriteria', () => {
	it('keeps the Kita order, drops repeats and puts the registration date last', () => {
		expect(orderedCriteria(['registrationDate', 'hardship', 'siblingAtKita', 'hardship'])).toEqual([
			'hardship',
			'siblingAtKita',
			'registrationDate'
		]);
		expect(orderedCriteria(['livesInMunicipality'])).toEqual(['livesInMunicipality']);
	});
});

describe('rankCandidates', () => {
	const sibling = facts('sib', { siblingAtKita: true });
	const local = facts('local', { livesInMunicipality: true });
	const hardship = facts('hard', { hardship: true });
	const baby = facts('baby', { birthDate: '2026-12-01', livesInMunicipality: true });
	const toddler = facts('toddler', { birthDate: '2025-06-01' });
	const working = facts('work', { guardiansEmployedOrTraining: true });

	it('ranks by the criteria the Kita chose, in its order', () => {
		const all = [local, sibling, hardship, working];
		expect(
			ids(rankCandidates(['siblingAtKita', 'hardship', 'livesInMunicipality'], all, 1)).slice(0, 3)
		).toEqual(['sib', 'hard', 'local']);
		expect(
			ids(rankCandidates(['livesInMunicipality', 'hardship', 'siblingAtKita'], all, 1)).slice(0, 3)
		).toEqual(['local', 'hard', 'sib']);
		expect(ids(rankCandidates(['guardiansEmployedOrTraining'], all, 1))[0]).toBe('work');
	});

	it('ranks the legal claim by age: Kindergarten claim before the claim from age one before none', () => {
		const ranked = rankCandidates(['legalClaimByAge', 'livesInMunicipality'], [baby, toddler, local], 7);
		expect(ids(ranked)).toEqual(['local', 'toddler', 'baby']);
	});

	it('takes earlier registrations first, and only after the other criteria', () => {
		const early = facts('early', { registeredAt: '2026-10-02T08:00:00.000Z' });
		const lateLocal = facts('lateLocal', {
			livesInMunicipality: true,
			registeredAt: '2026-11-20T08:00:00.000Z'
		});
		expect(ids(rankCandidates(['registrationDate', 'livesInMunicipality'], [early, lateLocal], 3))).toEqual([
			'lateLocal',
			'early'
		]);
		expect(ids(rankCandidates(['registrationDate'], [lateLocal, early], 3))).toEqual(['early', 'lateLocal']);
	});

	it('breaks ties by the seeded lottery: the same seed the same order, another seed may differ', () => {
		const tied = Array.from({ length: 20 }, (_, i) => facts(`c${i}`));
		const one = ids(rankCandidates(['hardship'], tied, 42));
		expect(ids(rankCandidates(['hardship'], [...tied].reverse(), 42))).toEqual(one);
		expect(one).toEqual([...one].sort((a, b) => lotteryNumber(42, a) - lotteryNumber(42, b)));
		expect(ids(rankCandidates(['hardship'], tied, 43))).not.toEqual(one);
	});

	it('agrees with compareCandidates and does not depend on the input order', () => {
		const candidate = fc
			.record({
				siblingAtKita: fc.boolean(),
				livesInMunicipality: fc.boolean(),
				hardship: fc.boolean(),
				guardiansEmployedOrTraining: fc.boolean(),
				birth: fc.integer({ min: 0, max: 5 }),
				registered: fc.integer({ min: 1, max: 3 })
			})
			.map((r) => ({
				...r,
				birthDate: `202${r.birth}-08-01`,
				startDate: '2027-08-01',
				registeredAt: `2026-11-0${r.registered}T10:00:00.000Z`
			}));
		fc.assert(
			fc.property(
				fc.array(candidate, { maxLength: 12 }),
				fc.shuffledSubarray([...ADMISSION_CRITERIA]),
				fc.integer(),
				(list, criteria, seed) => {
					const cs = list.map((c, i) => ({ ...c, childId: `c${i}` }));
					const ranked = rankCandidates(criteria, cs, seed);
					expect(ranked).toEqual([...cs].sort(compareCandidates(criteria, seed)));
					expect(rankCandidates(criteria, [...cs].reverse(), seed)).toEqual(ranked);
					// The age given by the caller ranks as the age computed from the dates.
					const withAge = cs.map((c) => ({ ...c, ageMonthsAtStart: ageInMonths(c.birthDate, c.startDate) }));
					expect(ids(rankCandidates(criteria, withAge, seed))).toEqual(ids(ranked));
				}
			)
		);
	});

	it('refuses a child twice', () => {
		expect(() => rankCandidates([], [local, local], 1)).toThrow(/twice/);
	});
});
