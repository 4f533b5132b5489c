import { describe, expect, it } from 'vitest';
import { generateDistrict } from './district';
import { simulate } from './regimes';
import { figuresChart, fillChart, markdownTable } from './report';

// A small district: 12 Kitas and 250 children in each of two copies, played in well under a second.
const small = (seed: number) => generateDistrict({ seed, scale: 2, kitasPerCopy: 12, childrenPerCopy: 250 });

describe('npm run simulate', () => {
	it('gives the same table and charts for the same seed', () => {
		const first = simulate(small(7));
		const again = simulate(small(7));
		expect(markdownTable(again)).toBe(markdownTable(first));
		expect(fillChart(again)).toBe(fillChart(first));
		expect(figuresChart(again)).toBe(figuresChart(first));
		expect(markdownTable(simulate(small(8)))).not.toBe(markdownTable(first));
	});

	it('leaves no justified envy with rounds and never takes a held place back', () => {
		for (const seed of [1, 2, 3]) {
			const rounds = simulate(small(seed), ['rounds']).regimes[0];
			expect(rounds?.justifiedEnvy).toBe(0);
			expect(rounds?.guaranteeBreaks).toBe(0);
		}
	});

	it("lets a child hold several offers only under today's rules", () => {
		const result = simulate(small(5));
		const by = Object.fromEntries(result.regimes.map((r) => [r.regime, r]));
		expect(by.today?.maxHeld).toBeGreaterThan(1);
		expect(by.today?.released).toBe(0);
		expect(by.oneHeld?.maxHeld).toBe(1);
		expect(by.rounds?.maxHeld).toBe(1);
		for (const r of result.regimes) expect(r.placed).toBeLessThanOrEqual(result.places);
	});
});
