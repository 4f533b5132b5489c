// The parent and youth-office mutator tables only point at commands (issue 15): a mutator that
// writes in place instead of calling a command in server/commands/ fails here.
import { describe, expect, it } from 'vitest';
import { parentMutators } from './parent';
import { youthOfficeMutators } from './youth-office';

const modules = import.meta.glob<Record<string, unknown>>(
	['../../commands/*.ts', '!../../commands/*.spec.ts'],
	{
		eager: true
	}
);
const commands = new Set(Object.values(modules).flatMap((m) => Object.values(m)));

/** Steps through a state machine, moved by issue 15, point 2 (one transition command with its effects). */
const STEPS_MOVED_LATER = new Set([
	'updateRequest',
	'withdrawRequest',
	'answerOffer',
	'withdrawChildminding',
	'childmindingTransition'
]);

describe('mutator tables', () => {
	const tables = { parent: parentMutators, youthOffice: youthOfficeMutators };
	for (const [audience, table] of Object.entries(tables))
		it(`${audience}: every mutator is a command of server/commands/`, () => {
			const inPlace = Object.entries(table)
				.filter(([name, mutator]) => !STEPS_MOVED_LATER.has(name) && !commands.has(mutator.command))
				.map(([name]) => name);
			expect(commands.size).toBeGreaterThan(10);
			expect(inPlace).toEqual([]);
		});
});
