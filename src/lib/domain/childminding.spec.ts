import { describe, it, expect } from 'vitest';
import {
	CHILDMINDING_ACTORS,
	CHILDMINDING_EVENTS,
	CHILDMINDING_STATUSES,
	CHILDMINDING_TRANSITIONS,
	childmindingTransitionFor,
	decideChildminding,
	isChildmindingOpen,
	permittedChildmindingEvents,
	type ChildmindingActor,
	type ChildmindingEvent,
	type ChildmindingStatus
} from './childminding';

// DESIGN.md's child-minding machine written out independently of the table: "from event actor to".
const ALLOWED = `
	submitted contact childminding inContact
	inContact place childminding placed
	submitted close childminding closed
	inContact close childminding closed
	submitted withdraw parent withdrawn
	inContact withdraw parent withdrawn
`
	.trim()
	.split('\n')
	.map((line) => line.trim().split(/\s+/));

const combinations = CHILDMINDING_STATUSES.flatMap((status) =>
	CHILDMINDING_EVENTS.flatMap((event) => CHILDMINDING_ACTORS.map((actor) => [status, event, actor] as const))
);

describe('decideChildminding for every status × event × actor', () => {
	it('covers all combinations', () => {
		expect(combinations).toHaveLength(5 * 4 * 3);
	});

	it.each(combinations)('%s + %s by %s', (status, event, actor) => {
		const to = ALLOWED.find(([f, e, a]) => f === status && e === event && a === actor)?.[3];
		const someActorMay = ALLOWED.some(([f, e]) => f === status && e === event);
		const result = decideChildminding({ status, event, actor });
		if (to !== undefined) {
			expect(result).toEqual({ ok: true, to });
		} else {
			expect(result).toEqual({
				ok: false,
				code: someActorMay ? 'wrongActor' : 'notAllowed',
				current: status
			});
		}
	});
});

describe('CHILDMINDING_TRANSITIONS', () => {
	it('holds exactly the transitions of DESIGN.md', () => {
		const fromTable = CHILDMINDING_TRANSITIONS.flatMap((row) =>
			row.actors.map((actor) => [row.from, row.event, actor, row.to].join(' '))
		).sort();
		expect(fromTable).toEqual(ALLOWED.map((parts) => parts.join(' ')).sort());
	});

	it('has one row per (from, event)', () => {
		const keys = CHILDMINDING_TRANSITIONS.map((row) => `${row.from} ${row.event}`);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it.each(['placed', 'closed', 'withdrawn'] as const)('%s is final', (status) => {
		expect(CHILDMINDING_TRANSITIONS.filter((row) => row.from === status)).toEqual([]);
	});

	it('finds rows by status and event', () => {
		expect(childmindingTransitionFor('inContact', 'place')?.to).toBe('placed');
		expect(childmindingTransitionFor('submitted', 'place')).toBeUndefined();
	});
});

describe('staleStatus', () => {
	it.each([
		['inContact', 'submitted', 'contact', 'childminding'],
		['withdrawn', 'inContact', 'place', 'childminding'],
		['closed', 'submitted', 'withdraw', 'parent'],
		['placed', 'inContact', 'close', 'parent']
	] as const)('status %s, expected %s: %s by %s is stale', (status, expectedStatus, event, actor) => {
		expect(decideChildminding({ status, expectedStatus, event, actor })).toEqual({
			ok: false,
			code: 'staleStatus',
			current: status
		});
	});

	it('goes on to the table when the expected status matches', () => {
		expect(
			decideChildminding({
				status: 'inContact',
				expectedStatus: 'inContact',
				event: 'place',
				actor: 'childminding'
			})
		).toEqual({ ok: true, to: 'placed' });
		expect(
			decideChildminding({
				status: 'submitted',
				expectedStatus: 'submitted',
				event: 'place',
				actor: 'childminding'
			})
		).toEqual({ ok: false, code: 'notAllowed', current: 'submitted' });
	});
});

describe('permittedChildmindingEvents', () => {
	it.each([
		['submitted', 'childminding', ['contact', 'close']],
		['submitted', 'parent', ['withdraw']],
		['inContact', 'childminding', ['place', 'close']],
		['inContact', 'parent', ['withdraw']],
		['inContact', 'system', []],
		['placed', 'childminding', []],
		['withdrawn', 'parent', []]
	] as [ChildmindingStatus, ChildmindingActor, ChildmindingEvent[]][])(
		'%s for %s → %j',
		(status, actor, expected) => {
			expect(permittedChildmindingEvents(status, actor)).toEqual(expected);
		}
	);
});

describe('isChildmindingOpen', () => {
	it.each([
		['submitted', true],
		['inContact', true],
		['placed', false],
		['closed', false],
		['withdrawn', false]
	] as [ChildmindingStatus, boolean][])('%s open: %s', (status, expected) => {
		expect(isChildmindingOpen(status)).toBe(expected);
	});
});
