import { describe, expect, it } from 'vitest';
import { isOpenOffer, nextStep, stageStates, type FamilyState } from './parent-overview';

const NOW = new Date('2026-12-05T10:00:00Z');
const child = (id: string) => ({ id });
const request = (
	childId: string,
	status: FamilyState['requests'][number]['status'],
	offerExpiresAt: string | null = null
) => ({ childId, status, offerExpiresAt });

function family(over: Partial<FamilyState> = {}): FamilyState {
	return { guardians: 1, children: [child('a')], requests: [], childminding: [], ...over };
}

describe('nextStep', () => {
	it('asks for the family first, then for a child', () => {
		expect(nextStep(family({ guardians: 0, children: [] }), NOW)).toBe('family');
		// A child entered before any guardian: the guardian is still missing.
		expect(nextStep(family({ guardians: 0 }), NOW)).toBe('family');
		expect(nextStep(family({ children: [] }), NOW)).toBe('child');
	});

	it('asks to register a child that has no request in play', () => {
		expect(nextStep(family(), NOW)).toBe('register');
		// Every Kita said no (FAQ: add further Kitas or child-minding).
		expect(nextStep(family({ requests: [request('a', 'rejected'), request('a', 'withdrawn')] }), NOW)).toBe(
			'register'
		);
		// One of two children is registered: the other one is next.
		expect(
			nextStep(family({ children: [child('a'), child('b')], requests: [request('a', 'registered')] }), NOW)
		).toBe('register');
	});

	it('waits for offers once every child is registered somewhere', () => {
		expect(nextStep(family({ requests: [request('a', 'registered')] }), NOW)).toBe('wait');
		expect(nextStep(family({ childminding: [{ childId: 'a', status: 'submitted' }] }), NOW)).toBe('wait');
		expect(nextStep(family({ requests: [request('a', 'accepted')] }), NOW)).toBe('wait');
		// A child with a contract and one still waiting: still waiting.
		expect(
			nextStep(
				family({
					children: [child('a'), child('b')],
					requests: [request('a', 'contracted'), request('b', 'registered')]
				}),
				NOW
			)
		).toBe('wait');
	});

	it('puts an offer that can still be answered before everything else but the family', () => {
		const offered = request('a', 'offered', '2026-12-10T10:00:00Z');
		expect(nextStep(family({ children: [child('a'), child('b')], requests: [offered] }), NOW)).toBe(
			'answerOffer'
		);
		// Its answer time is over: only the server closes it, but there is nothing to answer.
		const lapsed = request('a', 'offered', '2026-12-01T10:00:00Z');
		expect(nextStep(family({ requests: [lapsed] }), NOW)).toBe('wait');
	});

	it('is done when every child has a contract or a child-minder', () => {
		expect(
			nextStep(
				family({
					children: [child('a'), child('b')],
					requests: [request('a', 'contracted'), request('a', 'placedElsewhere')],
					childminding: [{ childId: 'b', status: 'placed' }]
				}),
				NOW
			)
		).toBe('done');
	});
});

describe('isOpenOffer', () => {
	it('is an offer before its answer time', () => {
		expect(isOpenOffer({ status: 'offered', offerExpiresAt: '2026-12-05T10:00:01Z' }, NOW)).toBe(true);
		expect(isOpenOffer({ status: 'offered', offerExpiresAt: '2026-12-05T10:00:00Z' }, NOW)).toBe(false);
		expect(isOpenOffer({ status: 'accepted', offerExpiresAt: '2026-12-10T10:00:00Z' }, NOW)).toBe(false);
	});
});

describe('stageStates', () => {
	it('marks the stages before the step done and the step’s own stage current', () => {
		expect(stageStates('family').map((s) => s.state)).toEqual(['current', 'upcoming', 'upcoming']);
		expect(stageStates('child').map((s) => s.state)).toEqual(['current', 'upcoming', 'upcoming']);
		expect(stageStates('register').map((s) => s.state)).toEqual(['done', 'current', 'upcoming']);
		expect(stageStates('answerOffer').map((s) => s.state)).toEqual(['done', 'done', 'current']);
		expect(stageStates('wait').map((s) => s.state)).toEqual(['done', 'done', 'current']);
		expect(stageStates('done').map((s) => s.state)).toEqual(['done', 'done', 'done']);
	});
});
