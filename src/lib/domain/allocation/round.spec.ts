import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADMISSION_CRITERIA, lotteryNumber } from './criteria';
import { blockingPairs, matchOf } from './deferred-acceptance';
import {
	childPreference,
	roundMarket,
	runRound,
	type RoundChild,
	type RoundKita,
	type RoundRequest
} from './round';

const START = '2027-08-01';

function request(kitaId: string, rank: number | null, over: Partial<RoundRequest> = {}): RoundRequest {
	return {
		kitaId,
		rank,
		startDate: START,
		weeklyHours: 35,
		registeredAt: '2026-11-01T10:00:00.000Z',
		...over
	};
}

function child(id: string, requests: RoundRequest[], over: Partial<RoundChild> = {}): RoundChild {
	return {
		id,
		birthDate: '2023-05-01',
		municipalityId: 'm1',
		hardship: false,
		guardiansEmployedOrTraining: false,
		siblingKitaIds: [],
		requests,
		...over
	};
}

function kita(
	id: string,
	free: RoundKita['free'],
	criteria: RoundKita['criteria'] = ['registrationDate']
): RoundKita {
	return { id, municipalityId: 'm1', free, criteria };
}

describe('childPreference', () => {
	it('takes the ranked Kitas by rank, then the unranked ones in a seeded lottery order', () => {
		const c = child('c', [request('K3', null), request('K2', 2), request('K4', null), request('K1', 1)]);
		const unranked = ['K3', 'K4'].sort((a, b) => lotteryNumber(5, `c|${a}`) - lotteryNumber(5, `c|${b}`));
		expect(childPreference(c, 5)).toEqual(['K1', 'K2', ...unranked]);
	});

	it('orders a walk-in without any ranking the same way for the same seed, whatever the order given', () => {
		const requests = ['A', 'B', 'C', 'D', 'E'].map((k) => request(k, null));
		const walkIn = child('w', requests);
		const order = childPreference(walkIn, 9);
		expect([...order].sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
		expect(childPreference(child('w', [...requests].reverse()), 9)).toEqual(order);
	});
});

describe('runRound', () => {
	it('records its seed and proposes by criteria, buckets from the age at the start date', () => {
		const kitas = [kita('K', { 'u3:35': 1, 'ue3:35': 1 }, ['siblingAtKita', 'livesInMunicipality'])];
		const children = [
			// Two and a half at the start: U3. The sibling comes first.
			child('u3-sibling', [request('K', 1)], { birthDate: '2025-02-01', siblingKitaIds: ['K'] }),
			child('u3-local', [request('K', 1)], { birthDate: '2025-02-01' }),
			// Third birthday on the start date: Ü3.
			child('ue3', [request('K', 1)], { birthDate: '2024-08-01', municipalityId: 'm2' })
		];
		const result = runRound({ kitas, children, seed: 11 });
		expect(result.seed).toBe(11);
		expect(result.proposals).toEqual([
			{
				kitaId: 'K',
				offers: [
					{ childId: 'u3-sibling', bucket: 'u3:35' },
					{ childId: 'ue3', bucket: 'ue3:35' }
				]
			}
		]);
		expect(result.unmatched).toEqual(['u3-local']);
	});

	it('honours a Kita’s manual moves after its criteria', () => {
		const kitas = [kita('K', { 'u3:35': 1 }, ['siblingAtKita'])];
		const children = [
			child('sibling', [request('K', 1)], { birthDate: '2025-02-01', siblingKitaIds: ['K'] }),
			child('moved', [request('K', 1)], { birthDate: '2025-02-01' })
		];
		expect(matchOf(runRound({ kitas, children, seed: 1 })).get('sibling')?.kitaId).toBe('K');
		const moved = [
			{
				...(kitas[0] as RoundKita),
				moves: [{ id: 'm', subject: 'moved', anchor: 'sibling', placement: 'before' as const, at: 't' }]
			}
		];
		const result = runRound({ kitas: moved, children, seed: 1 });
		expect(matchOf(result).get('moved')?.kitaId).toBe('K');
		expect(result.unmatched).toEqual(['sibling']);
	});

	it('gives a walk-in a place at an unranked Kita only after the ranked children who want it there', () => {
		const kitas = [kita('A', { 'ue3:35': 1 }, ['hardship']), kita('B', { 'ue3:35': 1 }, ['hardship'])];
		// The walk-in ranks first at both Kitas (hardship); whichever it comes to first in its
		// lottery order it keeps; the other child gets the other place.
		const children = [
			child('walk', [request('A', null), request('B', null)], { hardship: true }),
			child('x', [request('A', 1), request('B', 2)])
		];
		const result = runRound({ kitas, children, seed: 3 });
		const first = childPreference(children[0] as RoundChild, 3)[0];
		expect(matchOf(result).get('walk')?.kitaId).toBe(first);
		expect(matchOf(result).get('x')?.kitaId).toBe(first === 'A' ? 'B' : 'A');
	});

	const district = fc
		.record({
			seed: fc.integer(),
			kitas: fc.array(
				fc.record({
					free: fc.record({ 'u3:35': fc.nat(2), 'ue3:35': fc.nat(3), 'ue3:45': fc.nat(2) }),
					criteria: fc.shuffledSubarray([...ADMISSION_CRITERIA]),
					municipality: fc.constantFrom('m1', 'm2')
				}),
				{ minLength: 1, maxLength: 4 }
			),
			children: fc.array(
				fc.record({
					birth: fc.constantFrom('2023-01-15', '2024-09-01', '2025-10-10', '2026-12-24'),
					hours: fc.constantFrom(35 as const, 45 as const),
					municipality: fc.constantFrom('m1', 'm2'),
					hardship: fc.boolean(),
					employed: fc.boolean(),
					sibling: fc.nat(5),
					// Up to four requests; a rank of 0 stands for "no rank given".
					requests: fc.array(
						fc.record({ kita: fc.nat(3), rank: fc.nat(4), day: fc.integer({ min: 10, max: 28 }) }),
						{
							maxLength: 4
						}
					)
				}),
				{ maxLength: 12 }
			)
		})
		.map(({ seed, kitas, children }) => {
			const roundKitas: RoundKita[] = kitas.map((k, i) => ({
				id: `K${i}`,
				municipalityId: k.municipality,
				free: k.free,
				criteria: k.criteria
			}));
			const roundChildren: RoundChild[] = children.map((c, i) => ({
				id: `c${i}`,
				birthDate: c.birth,
				municipalityId: c.municipality,
				hardship: c.hardship,
				guardiansEmployedOrTraining: c.employed,
				siblingKitaIds: [`K${c.sibling}`],
				requests: c.requests.map((r) =>
					request(`K${r.kita}`, r.rank === 0 ? null : r.rank, {
						weeklyHours: c.hours,
						registeredAt: `2026-10-${r.day}T09:00:00.000Z`
					})
				)
			}));
			return { seed, kitas: roundKitas, children: roundChildren };
		});

	it('is stable and places no child twice (property)', () => {
		fc.assert(
			fc.property(district, (input) => {
				const result = runRound(input);
				const market = roundMarket(input);
				const offered = result.proposals.flatMap((p) => p.offers.map((o) => o.childId));
				expect(new Set(offered).size).toBe(offered.length);
				expect(blockingPairs(market.kitas, market.children, matchOf(result))).toEqual([]);
			})
		);
	});

	it('gives the same proposal for the same input and seed in any order (property)', () => {
		fc.assert(
			fc.property(
				district.chain((input) =>
					fc.record({
						input: fc.constant(input),
						kitas: fc.shuffledSubarray(input.kitas, { minLength: input.kitas.length }),
						children: fc.shuffledSubarray(input.children, { minLength: input.children.length }),
						flip: fc.boolean()
					})
				),
				({ input, kitas, children, flip }) => {
					const permuted = {
						seed: input.seed,
						kitas,
						children: children.map((c) => ({ ...c, requests: flip ? [...c.requests].reverse() : c.requests }))
					};
					expect(runRound(permuted)).toEqual(runRound(input));
				}
			)
		);
	});
});
