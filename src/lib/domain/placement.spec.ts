import { describe, it, expect } from 'vitest';
import { defaultKitaYear, offerExpiresAt } from './kita-year';
import {
	reinstatedOnWithdrawal,
	ACTORS,
	OPEN_STATUSES,
	PLACEMENT_EVENTS,
	REFUSAL_CODES,
	REQUEST_STATUSES,
	TRANSITIONS,
	OFFER_CONFLICT_CODES,
	closedOnAcceptance,
	closesOnContractElsewhere,
	decide,
	oneHeldOffer,
	guardContextAt,
	isOpen,
	permittedEvents,
	transitionFor,
	type Actor,
	type GuardContext,
	type PlacementEvent,
	type RequestStatus
} from './placement';

// The machine of DESIGN.md written out independently of TRANSITIONS: "from event actor to".
const ALLOWED = `
	registered offer staff offered
	offered withdrawOffer staff registered
	offered accept parent accepted
	offered accept staff accepted
	offered decline parent declined
	offered decline staff declined
	accepted decline parent declined
	accepted decline staff declined
	offered expire system expired
	accepted contract staff contracted
	registered reject staff rejected
	registered withdraw parent withdrawn
	registered placeElsewhere system placedElsewhere
	offered placeElsewhere system placedElsewhere
	accepted placeElsewhere system placedElsewhere
	contracted endForChange system placedElsewhere
	registered update parent registered
	registered carryOver system registered
	offered release system released
	registered acceptElsewhere system withdrawn
	offered acceptElsewhere system withdrawn
	released reinstate system registered
`
	.trim()
	.split('\n')
	.map((line) => line.trim().split(/\s+/));

function expectedTo(status: string, event: string, actor: string): string | undefined {
	return ALLOWED.find(([f, e, a]) => f === status && e === event && a === actor)?.[3];
}

function someActorMay(status: string, event: string): boolean {
	return ALLOWED.some(([f, e]) => f === status && e === event);
}

const year = defaultKitaYear(2026);
// Expires 2026-01-24T09:00:00Z.
const expiresAt = offerExpiresAt(new Date('2026-01-10T09:00:00Z'), year);

/** Offers open, the offer made and not yet lapsed. */
const beforeExpiry: GuardContext = {
	today: '2026-01-15',
	now: new Date('2026-01-15T12:00:00Z'),
	kitaYear: year,
	offerExpiresAt: expiresAt
};
/** Offers open, the offer lapsed. */
const afterExpiry: GuardContext = {
	...beforeExpiry,
	today: '2026-01-24',
	now: expiresAt
};

// The only guards that pull in opposite directions are accept and expire.
const passing = (event: PlacementEvent): GuardContext => (event === 'expire' ? afterExpiry : beforeExpiry);

const combinations = REQUEST_STATUSES.flatMap((status) =>
	PLACEMENT_EVENTS.flatMap((event) => ACTORS.map((actor) => [status, event, actor] as const))
);

describe('decide for every status × event × actor', () => {
	it('covers all combinations', () => {
		expect(combinations).toHaveLength(10 * 15 * 3);
	});

	it.each(combinations)('%s + %s by %s', (status, event, actor) => {
		const result = decide({ status, event, actor, ctx: passing(event) });
		const to = expectedTo(status, event, actor);
		if (to !== undefined) {
			expect(result).toEqual({ ok: true, to });
		} else {
			expect(result).toEqual({
				ok: false,
				code: someActorMay(status, event) ? 'wrongActor' : 'notAllowed',
				current: status
			});
		}
	});
});

describe('TRANSITIONS', () => {
	it('holds exactly the transitions of DESIGN.md', () => {
		const fromTable = TRANSITIONS.flatMap((row) =>
			row.actors.map((actor) => [row.from, row.event, actor, row.to].join(' '))
		).sort();
		expect(fromTable).toEqual(ALLOWED.map((parts) => parts.join(' ')).sort());
	});

	it('has one row per (from, event), each with at least one actor', () => {
		const keys = TRANSITIONS.map((row) => `${row.from} ${row.event}`);
		expect(new Set(keys).size).toBe(keys.length);
		expect(TRANSITIONS.every((row) => row.actors.length > 0)).toBe(true);
	});

	it.each(['rejected', 'declined', 'expired', 'withdrawn', 'placedElsewhere'] as const)(
		'%s is final',
		(status) => {
			expect(TRANSITIONS.filter((row) => row.from === status)).toEqual([]);
		}
	);

	it('finds rows by status and event', () => {
		expect(transitionFor('accepted', 'contract')?.to).toBe('contracted');
		expect(transitionFor('registered', 'contract')).toBeUndefined();
	});
});

describe('guards', () => {
	const offer = (ctx: GuardContext) => decide({ status: 'registered', event: 'offer', actor: 'staff', ctx });

	it.each([
		['2025-11-30', { ok: false, code: 'offersNotYetOpen', current: 'registered' }],
		['2025-12-01', { ok: true, to: 'offered' }],
		['2026-08-01', { ok: true, to: 'offered' }],
		['2027-07-31', { ok: true, to: 'offered' }],
		['2027-08-01', { ok: false, code: 'kitaYearEnded', current: 'registered' }]
	])('offer for 2026/27 on %s → %j', (today, expected) => {
		expect(offer({ ...beforeExpiry, today })).toEqual(expected);
	});

	it.each([
		['parent', 'accept', '2026-01-24T08:59:59.999Z', { ok: true, to: 'accepted' }],
		['staff', 'accept', '2026-01-24T08:59:59.999Z', { ok: true, to: 'accepted' }],
		['parent', 'accept', '2026-01-24T09:00:00.000Z', { ok: false, code: 'offerLapsed', current: 'offered' }],
		['staff', 'accept', '2026-02-01T00:00:00.000Z', { ok: false, code: 'offerLapsed', current: 'offered' }],
		['system', 'expire', '2026-01-24T08:59:59.999Z', { ok: false, code: 'offerNotDue', current: 'offered' }],
		['system', 'expire', '2026-01-24T09:00:00.000Z', { ok: true, to: 'expired' }],
		['system', 'expire', '2026-03-01T00:00:00.000Z', { ok: true, to: 'expired' }],
		// Declining is possible after the deadline too: the answer is the same as lapsing.
		['parent', 'decline', '2026-02-01T00:00:00.000Z', { ok: true, to: 'declined' }]
	] as const)('%s %s at %s → %j', (actor, event, now, expected) => {
		expect(decide({ status: 'offered', event, actor, ctx: { ...beforeExpiry, now: new Date(now) } })).toEqual(
			expected
		);
	});

	it('treats an offer without an expiry as open and never due', () => {
		const ctx: GuardContext = { ...afterExpiry, offerExpiresAt: null };
		expect(decide({ status: 'offered', event: 'accept', actor: 'parent', ctx })).toEqual({
			ok: true,
			to: 'accepted'
		});
		expect(decide({ status: 'offered', event: 'expire', actor: 'system', ctx })).toEqual({
			ok: false,
			code: 'offerNotDue',
			current: 'offered'
		});
	});

	it('checks the actor before the guard', () => {
		const closed: GuardContext = { ...beforeExpiry, today: '2025-10-15' };
		expect(decide({ status: 'registered', event: 'offer', actor: 'parent', ctx: closed })).toEqual({
			ok: false,
			code: 'wrongActor',
			current: 'registered'
		});
	});
});

describe('staleStatus', () => {
	it.each([
		// Someone else acted first: refused whatever the event, actor or guard would say.
		['accepted', 'offered', 'accept', 'parent'],
		['declined', 'offered', 'accept', 'parent'],
		['registered', 'offered', 'decline', 'staff'],
		['offered', 'registered', 'offer', 'staff'],
		['contracted', 'accepted', 'contract', 'staff'],
		['withdrawn', 'registered', 'withdraw', 'parent'],
		['registered', 'offered', 'offer', 'parent'],
		['expired', 'offered', 'expire', 'system']
	] as const)('status %s, expected %s: %s by %s is stale', (status, expectedStatus, event, actor) => {
		expect(decide({ status, expectedStatus, event, actor, ctx: passing(event) })).toEqual({
			ok: false,
			code: 'staleStatus',
			current: status
		});
	});

	it('goes on to the table when the expected status matches', () => {
		expect(
			decide({
				status: 'offered',
				expectedStatus: 'offered',
				event: 'accept',
				actor: 'parent',
				ctx: beforeExpiry
			})
		).toEqual({ ok: true, to: 'accepted' });
		expect(
			decide({
				status: 'offered',
				expectedStatus: 'offered',
				event: 'reject',
				actor: 'staff',
				ctx: beforeExpiry
			})
		).toEqual({ ok: false, code: 'notAllowed', current: 'offered' });
	});
});

describe('guardContextAt', () => {
	it('lets the accept button go once the answer time has passed, before any job ran', () => {
		const request = { offerExpiresAt: '2025-12-15T09:00:00.000Z' };
		const before = guardContextAt(request, beforeExpiry.kitaYear, new Date('2025-12-15T08:59:59Z'));
		const after = guardContextAt(request, beforeExpiry.kitaYear, new Date('2025-12-15T09:00:00Z'));
		expect(permittedEvents('offered', 'parent', before)).toEqual(['accept', 'decline']);
		expect(permittedEvents('offered', 'parent', after)).toEqual(['decline']);
		expect(after.today).toBe('2025-12-15');
	});
});

describe('permittedEvents', () => {
	const beforeOffers: GuardContext = { ...beforeExpiry, today: '2025-11-15' };

	it.each([
		['registered', 'staff', beforeExpiry, ['offer', 'reject']],
		['registered', 'staff', beforeOffers, ['reject']],
		['registered', 'parent', beforeExpiry, ['withdraw', 'update']],
		['registered', 'system', beforeExpiry, ['placeElsewhere', 'carryOver', 'acceptElsewhere']],
		['offered', 'parent', beforeExpiry, ['accept', 'decline']],
		['offered', 'parent', afterExpiry, ['decline']],
		['offered', 'staff', beforeExpiry, ['withdrawOffer', 'accept', 'decline']],
		['offered', 'system', beforeExpiry, ['placeElsewhere', 'release', 'acceptElsewhere']],
		['offered', 'system', afterExpiry, ['expire', 'placeElsewhere', 'release', 'acceptElsewhere']],
		['accepted', 'staff', beforeExpiry, ['decline', 'contract']],
		['accepted', 'parent', beforeExpiry, ['decline']],
		['contracted', 'staff', beforeExpiry, []],
		['contracted', 'system', beforeExpiry, ['endForChange']],
		['withdrawn', 'parent', beforeExpiry, []],
		['placedElsewhere', 'system', beforeExpiry, []],
		['released', 'staff', beforeExpiry, []],
		['released', 'system', beforeExpiry, ['reinstate']]
	] as [RequestStatus, Actor, GuardContext, PlacementEvent[]][])(
		'%s for %s → %j',
		(status, actor, ctx, expected) => {
			expect(permittedEvents(status, actor, ctx)).toEqual(expected);
		}
	);

	it('agrees with decide for every combination', () => {
		for (const ctx of [beforeExpiry, afterExpiry, beforeOffers]) {
			for (const status of REQUEST_STATUSES) {
				for (const actor of ACTORS) {
					const viaDecide = PLACEMENT_EVENTS.filter((event) => decide({ status, event, actor, ctx }).ok);
					expect(permittedEvents(status, actor, ctx)).toEqual(viaDecide);
				}
			}
		}
	});
});

describe('isOpen', () => {
	it.each(REQUEST_STATUSES.map((status) => [status, ['registered', 'offered', 'accepted'].includes(status)]))(
		'%s open: %s',
		(status, expected) => {
			expect(isOpen(status)).toBe(expected);
		}
	);

	it('lists the open statuses', () => {
		expect([...OPEN_STATUSES]).toEqual(['registered', 'offered', 'accepted']);
	});
});

describe('closesOnContractElsewhere', () => {
	const contractAt = '2026-03-01T10:00:00.000Z';

	it.each([
		['registered', false, '2025-11-01T08:00:00.000Z', true],
		['offered', false, '2025-11-01T08:00:00.000Z', true],
		['accepted', false, '2025-11-01T08:00:00.000Z', true],
		// Made after the contract: unaffected only if it is a change request.
		['registered', false, '2026-04-01T08:00:00.000Z', true],
		['registered', true, '2026-04-01T08:00:00.000Z', false],
		['offered', true, '2026-03-01T10:00:00.001Z', false],
		// A change request from before (or at) the contract was overtaken by it.
		['registered', true, '2026-02-01T08:00:00.000Z', true],
		['accepted', true, '2026-03-01T10:00:00.000Z', true],
		// Offsets are compared as instants, not as text.
		['registered', true, '2026-03-01T11:30:00+01:00', false],
		['registered', true, '2026-03-01T10:30:00+01:00', true],
		// Closed requests stay as they are.
		['contracted', false, '2025-11-01T08:00:00.000Z', false],
		['rejected', false, '2025-11-01T08:00:00.000Z', false],
		['declined', false, '2025-11-01T08:00:00.000Z', false],
		['expired', false, '2025-11-01T08:00:00.000Z', false],
		['withdrawn', false, '2025-11-01T08:00:00.000Z', false],
		['placedElsewhere', false, '2025-11-01T08:00:00.000Z', false],
		['released', false, '2025-11-01T08:00:00.000Z', false]
	] as [RequestStatus, boolean, string, boolean][])(
		'%s, change request %s, registered %s → %s',
		(status, changeRequest, registeredAt, expected) => {
			expect(closesOnContractElsewhere({ status, changeRequest, registeredAt }, contractAt)).toBe(expected);
		}
	);

	it('refuses timestamps it cannot read', () => {
		expect(() =>
			closesOnContractElsewhere(
				{ status: 'registered', changeRequest: true, registeredAt: 'yesterday' },
				contractAt
			)
		).toThrow(RangeError);
	});
});

describe('REFUSAL_CODES', () => {
	it('names every code decide can return', () => {
		expect([...REFUSAL_CODES].sort()).toEqual(
			[
				'staleStatus',
				'notAllowed',
				'wrongActor',
				'offersNotYetOpen',
				'kitaYearEnded',
				'offerLapsed',
				'offerNotDue'
			].sort()
		);
	});
});

// Issue 17, point 1: one child, one held offer per Kita year.
describe('oneHeldOffer', () => {
	const offered = { id: 'new', kitaYearId: '2026', rank: 2, rankedByParents: true };
	const other = (
		id: string,
		status: RequestStatus,
		rank: number,
		more: { kitaYearId?: string; rankedByParents?: boolean } = {}
	) => ({
		id,
		status,
		rank,
		kitaYearId: more.kitaYearId ?? '2026',
		rankedByParents: more.rankedByParents ?? true
	});

	it('lets the offer through when the child holds nothing else', () => {
		expect(oneHeldOffer(offered, [other('a', 'registered', 1), other('b', 'declined', 3)])).toEqual({
			kind: 'free'
		});
	});

	it('releases a held offer the parents ranked lower', () => {
		expect(oneHeldOffer(offered, [other('a', 'offered', 3), other('b', 'registered', 1)])).toEqual({
			kind: 'release',
			ids: ['a']
		});
	});

	it('refuses the offer when the child holds one the parents ranked higher', () => {
		expect(oneHeldOffer(offered, [other('a', 'offered', 1), other('b', 'offered', 3)])).toEqual({
			kind: 'refuse',
			code: 'holdsHigherChoice'
		});
	});

	it('never overtakes an acceptance, whatever the ranking', () => {
		expect(oneHeldOffer(offered, [other('a', 'accepted', 5)])).toEqual({
			kind: 'refuse',
			code: 'acceptedElsewhere'
		});
		expect(oneHeldOffer(offered, [other('a', 'accepted', 1, { rankedByParents: false })])).toEqual({
			kind: 'refuse',
			code: 'acceptedElsewhere'
		});
	});

	it('looks at the same Kita year only', () => {
		expect(oneHeldOffer(offered, [other('a', 'offered', 1, { kitaYearId: '2027' })])).toEqual({
			kind: 'free'
		});
		expect(oneHeldOffer(offered, [other('a', 'accepted', 1, { kitaYearId: '2027' })])).toEqual({
			kind: 'free'
		});
	});

	it('keeps today’s behaviour where the parents gave no ranking (walk-ins)', () => {
		expect(oneHeldOffer(offered, [other('a', 'offered', 1, { rankedByParents: false })])).toEqual({
			kind: 'free'
		});
		expect(oneHeldOffer({ ...offered, rankedByParents: false }, [other('a', 'offered', 3)])).toEqual({
			kind: 'free'
		});
	});

	it('ignores the offered request itself', () => {
		expect(oneHeldOffer(offered, [other('new', 'offered', 2)])).toEqual({ kind: 'free' });
	});

	it('names its codes', () => {
		expect([...OFFER_CONFLICT_CODES].sort()).toEqual(['acceptedElsewhere', 'holdsHigherChoice']);
	});
});

describe('closedOnAcceptance', () => {
	const accepted = { id: 'x', kitaYearId: '2026' };

	it('closes the child’s other open requests of the same Kita year, and nothing else', () => {
		const others = [
			{ id: 'x', kitaYearId: '2026', status: 'accepted' as const },
			{ id: 'a', kitaYearId: '2026', status: 'registered' as const },
			{ id: 'b', kitaYearId: '2026', status: 'offered' as const },
			{ id: 'c', kitaYearId: '2026', status: 'declined' as const },
			{ id: 'd', kitaYearId: '2026', status: 'contracted' as const },
			{ id: 'e', kitaYearId: '2027', status: 'registered' as const }
		];
		expect(closedOnAcceptance(accepted, others)).toEqual(['a', 'b']);
	});

	it('closes only what the machine can close that way', () => {
		for (const status of REQUEST_STATUSES) {
			const closes = closedOnAcceptance(accepted, [{ id: 'a', kitaYearId: '2026', status }]).length > 0;
			expect(closes).toBe(transitionFor(status, 'acceptElsewhere') !== undefined);
		}
	});
});

describe('reinstatedOnWithdrawal', () => {
	const withdrawn = { id: 'x', kitaYearId: '2027-28', offeredAt: '2027-03-01T09:00:00.000Z' };
	const other = (id: string, over: Partial<Parameters<typeof reinstatedOnWithdrawal>[1][number]> = {}) => ({
		id,
		kitaYearId: '2027-28',
		facilityId: `kita-${id}`,
		status: 'released' as RequestStatus,
		changedAt: '2027-03-01T09:00:00.000Z',
		...over
	});

	it('lets the requests the offer released wait again, and only those', () => {
		expect(
			reinstatedOnWithdrawal(withdrawn, [
				other('x', { status: 'registered' }),
				// Released by this offer, at once or while it was held.
				other('y'),
				other('z', { changedAt: '2027-03-05T10:00:00.000Z' }),
				// Released before: another offer did it.
				other('old', { changedAt: '2027-02-20T10:00:00.000Z' }),
				// Another year, another status.
				other('next', { kitaYearId: '2028-29' }),
				other('declined', { status: 'declined' })
			])
		).toEqual(['y', 'z']);
	});

	it('leaves it released where the family has registered at that Kita again', () => {
		expect(
			reinstatedOnWithdrawal(withdrawn, [
				other('y', { facilityId: 'kita-y' }),
				other('again', { facilityId: 'kita-y', status: 'registered', changedAt: '2027-03-02T10:00:00.000Z' })
			])
		).toEqual([]);
	});
});
