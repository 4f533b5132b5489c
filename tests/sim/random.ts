// Seeded randomness for the simulation: a stream for generating districts, and keyed draws for
// behaviour, so that the same family draws the same delay for the same offer in every regime.
import { hashString, mulberry32 } from '../../server/demo/facilities';

export type Rng = () => number;

export function rng(seed: number, key: string): Rng {
	return mulberry32(hashString(`kita-sim:${seed}:${key}`));
}

/** A number in [0, 1) fixed by the seed and the key. */
export function draw(seed: number, key: string): number {
	return rng(seed, key)();
}

export function pick<T>(r: Rng, items: readonly T[]): T {
	const item = items[Math.floor(r() * items.length)];
	if (item === undefined) throw new Error('pick from an empty list');
	return item;
}

/** An index drawn with the given weights. */
export function weighted(r: Rng, weights: readonly number[]): number {
	const total = weights.reduce((a, w) => a + w, 0);
	let x = r() * total;
	for (let i = 0; i < weights.length; i++) {
		x -= weights[i] ?? 0;
		if (x < 0) return i;
	}
	return weights.length - 1;
}

/** Standard Gumbel noise: the random part of a utility, so that choices follow a logit model. */
export function gumbel(r: Rng): number {
	return -Math.log(-Math.log(Math.max(1e-12, r())));
}
