import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BucketKey } from './buckets';
import {
	blockingPairs,
	deferredAcceptance,
	matchOf,
	type DaChild,
	type DaKita,
	type DaResult
} from './deferred-acceptance';

const B: BucketKey = 'ue3:35';

function kita(id: string, places: number, ranking: string[], bucket: BucketKey = B): DaKita {
	return { id, free: { [bucket]: places }, candidates: ranking.map((childId) => ({ childId, bucket })) };
}

function child(id: string, preference: string[]): DaChild {
	return { id, preference };
}

/** `{ A: ['y'], B: ['x'] }`: whom each Kita is to offer. */
function offers(result: DaResult): Record<string, string[]> {
	return Object.fromEntries(result.proposals.map((p) => [p.kitaId, p.offers.map((o) => o.childId)]));
}

describe('deferredAcceptance on textbook cases', () => {
	it('gives the Kita-optimal stable matching when two stable matchings exist', () => {
		// Children prefer x: A>B>C, y: B>A>C, z: A>B>C; Kitas rank A: y>x>z, B: x>y>z, C: x>y>z.
		// Stable are {A-x, B-y, C-z} (best for the children) and {A-y, B-x, C-z} (best for the Kitas).
		const kitas = [
			kita('A', 1, ['y', 'x', 'z']),
			kita('B', 1, ['x', 'y', 'z']),
			kita('C', 1, ['x', 'y', 'z'])
		];
		const children = [child('x', ['A', 'B', 'C']), child('y', ['B', 'A', 'C']), child('z', ['A', 'B', 'C'])];
		const result = deferredAcceptance(kitas, children);
		expect(offers(result)).toEqual({ A: ['y'], B: ['x'], C: ['z'] });
		expect(result.unmatched).toEqual([]);
		expect(blockingPairs(kitas, children, matchOf(result))).toEqual([]);
	});

	it('lets a child trade up: the Kita it leaves offers its next candidate', () => {
		// A offers x and y its two places; B offers x its one; x takes B, A goes on to z.
		const kitas = [kita('A', 2, ['x', 'y', 'z']), kita('B', 1, ['x', 'z'])];
		const children = [child('x', ['B', 'A']), child('y', ['A']), child('z', ['A', 'B'])];
		const result = deferredAcceptance(kitas, children);
		expect(offers(result)).toEqual({ A: ['y', 'z'], B: ['x'] });
	});

	it('never offers a place to a child that did not ask for the Kita', () => {
		const kitas = [kita('A', 2, ['x', 'y'])];
		const result = deferredAcceptance(kitas, [child('x', []), child('y', ['A'])]);
		expect(offers(result)).toEqual({ A: ['y'] });
		expect(result.unmatched).toEqual(['x']);
	});

	it('leaves children without a place when there are too few', () => {
		const kitas = [kita('A', 1, ['x', 'y', 'z'])];
		const children = [child('z', ['A']), child('y', ['A']), child('x', ['A'])];
		const result = deferredAcceptance(kitas, children);
		expect(offers(result)).toEqual({ A: ['x'] });
		expect(result.unmatched).toEqual(['y', 'z']);
	});
});

describe('deferredAcceptance with buckets', () => {
	it('fills each bucket up to its own free places, and no further', () => {
		const a: DaKita = {
			id: 'A',
			free: { 'u3:35': 1, 'ue3:35': 2, 'ue3:45': 0 },
			candidates: [
				{ childId: 'u1', bucket: 'u3:35' },
				{ childId: 'u2', bucket: 'u3:35' },
				{ childId: 'o1', bucket: 'ue3:45' },
				{ childId: 'o2', bucket: 'ue3:35' }
			]
		};
		const children = ['u1', 'u2', 'o1', 'o2'].map((id) => child(id, ['A']));
		const result = deferredAcceptance([a], children);
		// A free Ü3 35 h place stays free rather than go to a U3 child or a 45 h request.
		expect(offers(result)).toEqual({ A: ['u1', 'o2'] });
		expect(result.unmatched).toEqual(['o1', 'u2']);
		expect(blockingPairs([a], children, matchOf(result))).toEqual([]);
	});

	it('finds a blocking pair in a matching that is not stable', () => {
		const kitas = [kita('A', 1, ['x', 'y']), kita('B', 1, ['x', 'y'])];
		const children = [child('x', ['A', 'B']), child('y', ['A', 'B'])];
		const bad = new Map([
			['y', { kitaId: 'A', bucket: B }],
			['x', { kitaId: 'B', bucket: B }]
		]);
		expect(blockingPairs(kitas, children, bad)).toEqual([{ childId: 'x', kitaId: 'A', kind: 'envy' }]);
		const wasteful = new Map([['y', { kitaId: 'A', bucket: B }]]);
		expect(blockingPairs(kitas, children, wasteful)).toEqual([
			{ childId: 'x', kitaId: 'A', kind: 'envy' },
			{ childId: 'x', kitaId: 'B', kind: 'waste' }
		]);
	});

	it('refuses a child twice on one list', () => {
		expect(() => deferredAcceptance([kita('A', 1, ['x', 'x'])], [child('x', ['A'])])).toThrow(/twice/);
	});
});

// ---------------------------------------------------------------------------------------------
// Property tests on random markets

const BUCKETS: BucketKey[] = ['u3:35', 'ue3:35', 'ue3:45'];

const market = fc
	.record({
		kitaCount: fc.integer({ min: 1, max: 5 }),
		childCount: fc.integer({ min: 0, max: 14 })
	})
	.chain(({ kitaCount, childCount }) => {
		const kitaIds = Array.from({ length: kitaCount }, (_, i) => `k${i}`);
		const childIds = Array.from({ length: childCount }, (_, i) => `c${i}`);
		return fc.record({
			kitas: fc.tuple(
				...kitaIds.map((id) =>
					fc.record({
						id: fc.constant(id),
						free: fc.record({
							'u3:35': fc.integer({ min: 0, max: 3 }),
							'ue3:35': fc.integer({ min: 0, max: 3 }),
							'ue3:45': fc.integer({ min: 0, max: 3 })
						}),
						ranking: fc.shuffledSubarray(childIds),
						buckets: fc.array(fc.constantFrom(...BUCKETS), { minLength: childCount, maxLength: childCount })
					})
				)
			),
			children: fc.tuple(
				...childIds.map((id) => fc.record({ id: fc.constant(id), preference: fc.shuffledSubarray(kitaIds) }))
			)
		});
	})
	.map(({ kitas, children }) => ({
		kitas: kitas.map((k): DaKita => ({
			id: k.id,
			free: k.free,
			candidates: k.ranking.map((childId) => ({
				childId,
				bucket: k.buckets[Number(childId.slice(1))] ?? 'u3:35'
			}))
		})),
		children: children.map((c): DaChild => ({ id: c.id, preference: c.preference }))
	}));

describe('deferredAcceptance, properties', () => {
	it('gives a stable matching: no child and Kita would both rather have each other', () => {
		fc.assert(
			fc.property(market, ({ kitas, children }) => {
				const result = deferredAcceptance(kitas, children);
				expect(blockingPairs(kitas, children, matchOf(result))).toEqual([]);
			})
		);
	});

	it('offers no child two places and no Kita more than a bucket holds, only to children who want it', () => {
		fc.assert(
			fc.property(market, ({ kitas, children }) => {
				const result = deferredAcceptance(kitas, children);
				const offered = result.proposals.flatMap((p) => p.offers.map((o) => o.childId));
				expect(new Set(offered).size).toBe(offered.length);
				expect(offered.length + result.unmatched.length).toBe(children.length);
				for (const p of result.proposals) {
					const k = kitas.find((x) => x.id === p.kitaId) as DaKita;
					for (const bucket of BUCKETS)
						expect(p.offers.filter((o) => o.bucket === bucket).length).toBeLessThanOrEqual(
							k.free[bucket] ?? 0
						);
					for (const o of p.offers) {
						expect(children.find((c) => c.id === o.childId)?.preference).toContain(p.kitaId);
						expect(k.candidates).toContainEqual(o);
					}
				}
			})
		);
	});

	it('gives the same proposal in any order of Kitas and children', () => {
		fc.assert(
			fc.property(
				market.chain((m) =>
					fc.record({
						m: fc.constant(m),
						kitas: fc.shuffledSubarray(m.kitas, { minLength: m.kitas.length }),
						children: fc.shuffledSubarray(m.children, { minLength: m.children.length })
					})
				),
				({ m, kitas, children }) => {
					expect(deferredAcceptance(kitas, children)).toEqual(deferredAcceptance(m.kitas, m.children));
				}
			)
		);
	});
});
