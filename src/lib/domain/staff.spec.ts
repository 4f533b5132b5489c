import { describe, expect, it } from 'vitest';
import { decideDuplicateStep, DUPLICATE_STATUSES, type DuplicateStatus, type DuplicateStep } from './staff';

// Every allowed step of a possible duplicate; every other (status, step) pair is refused.
const ALLOWED: [DuplicateStatus, DuplicateStep, DuplicateStatus][] = [
	['open', { actor: 'staff', decision: 'ask', confirmer: 'family' }, 'askedFamily'],
	['open', { actor: 'staff', decision: 'ask', confirmer: 'office' }, 'awaitingOffice'],
	['open', { actor: 'staff', decision: 'separate', confirmer: 'family' }, 'separate'],
	['open', { actor: 'staff', decision: 'separate', confirmer: 'office' }, 'separate'],
	['askedFamily', { actor: 'parent', answer: 'mine' }, 'linked'],
	['askedFamily', { actor: 'parent', answer: 'notMine' }, 'separate'],
	['awaitingOffice', { actor: 'admin', decision: 'link' }, 'linked'],
	['awaitingOffice', { actor: 'admin', decision: 'separate' }, 'separate'],
	['askedFamily', { actor: 'system', event: 'walkinClaimed' }, 'awaitingOffice']
];

const STEPS: DuplicateStep[] = [
	{ actor: 'staff', decision: 'ask', confirmer: 'family' },
	{ actor: 'staff', decision: 'ask', confirmer: 'office' },
	{ actor: 'staff', decision: 'separate', confirmer: 'family' },
	{ actor: 'staff', decision: 'separate', confirmer: 'office' },
	{ actor: 'parent', answer: 'mine' },
	{ actor: 'parent', answer: 'notMine' },
	{ actor: 'admin', decision: 'link' },
	{ actor: 'admin', decision: 'separate' },
	{ actor: 'system', event: 'walkinClaimed' }
];

describe('decideDuplicateStep', () => {
	it.each(ALLOWED)('%s + %o → %s', (from, step, to) => {
		expect(decideDuplicateStep(from, step)).toBe(to);
	});

	it('refuses every other pair: staff never link, and nobody decides twice', () => {
		const allowed = new Set(ALLOWED.map(([from, step]) => `${from}|${JSON.stringify(step)}`));
		for (const from of DUPLICATE_STATUSES)
			for (const step of STEPS)
				if (!allowed.has(`${from}|${JSON.stringify(step)}`))
					expect(decideDuplicateStep(from, step), `${from} ${JSON.stringify(step)}`).toBeNull();
	});
});
