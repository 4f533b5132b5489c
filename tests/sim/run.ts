// `npm run simulate`: plays one Kita year's allocation in a district like the demo one under
// today's rules, with one held offer, and with rounds of deferred acceptance (issue 17), prints
// the figures and writes SVG charts and a README to --out (default docs/sim/).
//   npm run simulate -- --seed=2027 --out=docs/sim/ [--scale=1]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runRound } from '../../src/lib/domain/allocation/round';
import { generateDistrict, roundInputOf, type District } from './district';
import { figuresChart, fillChart, markdownTable, summary } from './report';
import { simulate, type SimulationResult } from './regimes';

export const DEFAULT_SEED = 2027;

function option(name: string): string | undefined {
	const prefix = `--${name}=`;
	return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

function integerOption(name: string, fallback: number): number {
	const raw = option(name);
	if (raw === undefined) return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got ${raw}`);
	return n;
}

/** Median milliseconds of one allocation round (ranking by criteria and deferred acceptance). */
function roundTime(district: District, repeats: number): { ms: number; offers: number } {
	const times: number[] = [];
	let offers = 0;
	for (let i = 0; i < repeats; i++) {
		const started = performance.now();
		const result = runRound(roundInputOf(district));
		times.push(performance.now() - started);
		offers = result.proposals.reduce((a, p) => a + p.offers.length, 0);
	}
	times.sort((a, b) => a - b);
	return { ms: times[Math.floor(times.length / 2)] ?? 0, offers };
}

function verdict(result: SimulationResult): string[] {
	const today = result.regimes.find((r) => r.regime === 'today');
	const rounds = result.regimes.find((r) => r.regime === 'rounds');
	if (!today || !rounds) return [];
	const fast = rounds.daysTo95 !== null && (today.daysTo95 === null || rounds.daysTo95 * 4 <= today.daysTo95);
	return [
		`- Rounds leave ${rounds.justifiedEnvy} children with justified envy (target 0): ${rounds.justifiedEnvy === 0 ? 'met' : 'NOT met'}.`,
		`- Rounds fill 95 % of the places on day ${rounds.daysTo95 ?? 'never'}, today's rules on day ${today.daysTo95 ?? 'never'} (target: at most a quarter): ${fast ? 'met' : 'NOT met'}.`,
		`- Places a round had to take back from a child holding them: ${rounds.guaranteeBreaks} (expected 0).`
	];
}

function main(): void {
	const started = performance.now();
	const seed = integerOption('seed', DEFAULT_SEED);
	const scale = Math.max(1, integerOption('scale', 1));
	const out = option('out') ?? 'docs/sim/';

	const district = generateDistrict({ seed, scale });
	const result = simulate(district);
	const table = markdownTable(result);
	const demo = scale === 1 ? district : generateDistrict({ seed, scale: 1 });
	const big = generateDistrict({ seed, scale: 10 });
	const demoRound = roundTime(demo, 5);
	const bigRound = roundTime(big, 3);
	const timings = [
		`- Demo district (${demo.kitas.length} Kitas, ${demo.children.length.toLocaleString('en')} children): ${demoRound.ms.toFixed(1)} ms (${demoRound.offers} offers proposed)`,
		`- Ten times its size (${big.kitas.length} Kitas, ${big.children.length.toLocaleString('en')} children): ${bigRound.ms.toFixed(1)} ms (${bigRound.offers} offers proposed)`
	];
	const command = `npm run simulate -- --seed=${seed}${scale === 1 ? '' : ` --scale=${scale}`}`;

	console.log(summary(result));
	console.log('');
	console.log(table);
	console.log('');
	for (const line of verdict(result)) console.log(line);
	console.log('');
	console.log('Run time of one round (ranking by the criteria and deferred acceptance, median):');
	for (const line of timings) console.log(line);

	mkdirSync(out, { recursive: true });
	writeFileSync(join(out, 'fill.svg'), fillChart(result));
	writeFileSync(join(out, 'figures.svg'), figuresChart(result));
	writeFileSync(join(out, 'README.md'), readme({ result, table, command, timings }));
	const seconds = (performance.now() - started) / 1000;
	console.log('');
	console.log(`Wrote ${join(out, 'README.md')}, fill.svg and figures.svg in ${seconds.toFixed(1)} s.`);
}

function readme(parts: {
	result: SimulationResult;
	table: string;
	command: string;
	timings: string[];
}): string {
	return `# Simulation of a Kita year's allocation (issue 17)

Written by \`${parts.command}\` (tests/sim/run.ts); the same seed gives the same figures. The run
times below depend on the machine.

${summary(parts.result)}

${parts.table}

${verdict(parts.result).join('\n')}

![Places filled by day](fill.svg)

![The figures compared](figures.svg)

Run time of one round — ranking every Kita's candidates by its criteria and running deferred
acceptance (src/lib/domain/allocation) — median of several runs on the machine that wrote this:

${parts.timings.join('\n')}

## What is measured

- **Days until 95 % filled**: days from the first day of offers (${'1 Dec'}) until 95 % of the
  fillable places hold a child whose acceptance stays to the end. Fillable are the places a stable
  matching of all children who stay can fill (the same number for every stable matching).
- **Place-days blocked**: for every offer that ends declined, lapsed or released, the days from
  the offer to its end — a place held for nothing meanwhile.
- **Justified envy**: children (who stay) who would rather have a Kita that placed, in the same age
  band and hours, a child it ranks lower by its own criteria — not counting a Kita whose offer the
  family let go, nor Kitas ranked below an offer the family declined or let lapse.
- **Legal claim, no place**: children who stay, at least one year old at the start date, without
  a place at the start of the Kita year.
- **Placed at first choice**: of the children who stay and ranked their Kitas (walk-ins have no
  first choice).

## The model

- District: the demo data set's 11 municipalities and 66 Kitas (server/demo) with their places per
  age band and weekly hours; half the U3 places and a quarter of the Ü3 places are free for
  newcomers. Larger districts are copies of it side by side.
- Children: 1,500 per district, living near the Kitas (more where there are more places); 5 %
  under one at the start date, 30 % one or two, 65 % three or four; 25/35/45 hours in 15/50/35 %.
  Parents rank 1–6 of the Kitas that take their child's age and hours, by distance, a favourite
  feature and the provider type, with logit noise; a sibling's Kita comes first more often. 5 %
  are walk-ins without a ranking (their order is the round's documented lottery order), 6 % find
  another solution and decline whatever they are offered. Criteria facts: 18 % siblings, 3 %
  hardship, 65 % guardians in work or training, registration between 1 Oct and 30 Nov.
- Kitas choose and order criteria from the catalogue (src/lib/domain/allocation/criteria.ts);
  the same ranking, with the same seeded lottery for ties, is used under every regime.
- **Today**: on a working day a Kita works on its list with probability ½ and offers every place
  not held to its next candidates (it sees contracts elsewhere, not offers). Parents accept their
  best open choice after 1–5 days; a lower offer they answer after 5–16 days (after 14 it has
  lapsed): declined if they hold a better acceptance, else accepted as a backup. The contract
  follows 7 days after accepting the best open choice, 21 days after a backup; the other offers
  and acceptances are declined 1–21 days later.
- **One held offer**: the same, but a child holds at most one offer: a better-ranked new offer
  releases the held one at once, a lower one is declined at once, and accepting closes the
  child's other requests.
- **Rounds**: every 7 days the youth office runs deferred acceptance over all free places and all
  children without a settled place; children keep the place they hold unless the round gives
  them a better one, which releases it at once. Parents answer within 3 days (3 % do not and the
  offer lapses). An accepted offer from the best Kita still open settles the place; others stay
  open for better ones. A declined or lapsed round offer closes that request and those ranked
  below it, except for places no one else in the round wants.
- The same delays are drawn for the same family and Kita under every regime; the only
  randomness is the seed.
`;
}

main();
