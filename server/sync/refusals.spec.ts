// Every refusal code the server can give has a text in the "needs attention" list: the list of
// reasons per mutation (src/lib/sync/refusals.ts) must know each code thrown here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHILDMINDING_REFUSAL_CODES } from '../../src/lib/domain/childminding';
import { REFUSAL_CODES } from '../../src/lib/domain/placement';
import { ANY_MUTATION_REFUSALS, REFUSALS_BY_MUTATION } from '../../src/lib/sync/refusals';

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) return sources(path);
		return entry.endsWith('.ts') && !entry.endsWith('.spec.ts') ? [path] : [];
	});
}

describe('refusal reasons', () => {
	const listed = new Set<string>([
		...ANY_MUTATION_REFUSALS,
		...Object.values(REFUSALS_BY_MUTATION).flat(),
		// A name this server does not know: only a newer client sends one.
		'unknownMutation'
	]);

	it('lists every code the server throws as a Refusal or refuses in sync.push', () => {
		const thrown = new Set<string>();
		for (const file of sources(resolve(import.meta.dirname, '..'))) {
			const text = readFileSync(file, 'utf8');
			for (const match of text.matchAll(/(?:new Refusal|\brefuse)\(\s*'([A-Za-z]+)'/g)) thrown.add(match[1]!);
		}
		expect(thrown.size).toBeGreaterThan(15);
		expect([...thrown].filter((code) => !listed.has(code))).toEqual([]);
	});

	it('lists the state machines’ codes', () => {
		const machines = [...REFUSAL_CODES, ...CHILDMINDING_REFUSAL_CODES].filter(
			// offerNotDue guards the expiry job only; no mutation sends `expire`.
			(code) => code !== 'offerNotDue'
		);
		expect(machines.filter((code) => !listed.has(code))).toEqual([]);
	});
});
