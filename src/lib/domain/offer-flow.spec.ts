import { describe, expect, it } from 'vitest';
import { computeOfferFlow, type OfferFlowInput } from './offer-flow';
import type { Day } from './calendar-day';

const base: OfferFlowInput = {
	offersFrom: '2026-03-01' as Day,
	municipalities: [
		{ id: 'werl', name: 'Werl' },
		{ id: 'anroechte', name: 'Anröchte' }
	],
	facilities: [
		{ id: 'k1', municipalityId: 'werl' },
		{ id: 'k2', municipalityId: 'werl' },
		{ id: 'k3', municipalityId: 'anroechte' }
	],
	capacities: [
		{ facilityId: 'k1', places: 2 },
		{ facilityId: 'k2', places: 2 },
		{ facilityId: 'k3', places: 1 }
	],
	requests: [],
	events: []
};

/** Noon in Berlin (11:00 UTC in winter) on a March day. */
const at = (day: number, hour = 11) =>
	`2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

describe('computeOfferFlow', () => {
	it('counts the place-days of offers that ended without a place, by how they ended', () => {
		const rows = computeOfferFlow({
			...base,
			requests: [
				{ id: 'declined', facilityId: 'k1' },
				{ id: 'lapsed', facilityId: 'k1' },
				{ id: 'released', facilityId: 'k2' },
				{ id: 'acceptedThenReleased', facilityId: 'k2' },
				{ id: 'contracted', facilityId: 'k3' },
				{ id: 'stillOpen', facilityId: 'k3' }
			],
			events: [
				// Given out of order: sorted per request by time.
				{ requestId: 'declined', toStatus: 'declined', at: at(5) },
				{ requestId: 'declined', toStatus: 'offered', at: at(2) },
				{ requestId: 'lapsed', toStatus: 'offered', at: at(1) },
				{ requestId: 'lapsed', toStatus: 'expired', at: at(15) },
				{ requestId: 'released', toStatus: 'offered', at: at(3) },
				{ requestId: 'released', toStatus: 'released', at: at(3, 23) },
				{ requestId: 'acceptedThenReleased', toStatus: 'offered', at: at(1) },
				{ requestId: 'acceptedThenReleased', toStatus: 'accepted', at: at(2) },
				{ requestId: 'acceptedThenReleased', toStatus: 'released', at: at(4) },
				{ requestId: 'contracted', toStatus: 'offered', at: at(1) },
				{ requestId: 'contracted', toStatus: 'accepted', at: at(3) },
				{ requestId: 'contracted', toStatus: 'contracted', at: at(9) },
				{ requestId: 'stillOpen', toStatus: 'offered', at: at(10) }
			]
		});
		const werl = rows.find((r) => r.municipalityId === 'werl');
		expect(werl?.blocked).toEqual({ declined: 3, lapsed: 14, released: 0.5 + 3 });
		expect(werl?.released).toBe(2);
		expect(werl?.filled).toBe(0);
		const anroechte = rows.find((r) => r.municipalityId === 'anroechte');
		// A place that became a contract was not blocked; an offer still open is not counted yet.
		expect(anroechte?.blocked).toEqual({ declined: 0, lapsed: 0, released: 0 });
		expect(anroechte).toMatchObject({ places: 1, filled: 1, daysToFill: 8 });
		// Municipalities by name, the district last.
		expect(rows.map((r) => r.municipalityId)).toEqual(['anroechte', 'werl', null]);
		expect(rows.at(-1)).toMatchObject({
			places: 5,
			filled: 1,
			daysToFill: null,
			released: 2,
			blocked: { declined: 3, lapsed: 14, released: 3.5 }
		});
	});

	it('gives the days until 95 % of the places had a contract, on Berlin days', () => {
		const requests = Array.from({ length: 20 }, (_, i) => ({ id: `r${i}`, facilityId: 'k1' }));
		const rows = computeOfferFlow({
			...base,
			capacities: [{ facilityId: 'k1', places: 20 }],
			requests,
			// One contract a day from 1 March; the 19th (95 % of 20) on 19 March, signed at 23:30 UTC on
			// the 18th — already the 19th in Berlin.
			events: requests.map((r, i) => ({
				requestId: r.id,
				toStatus: 'contracted',
				at: i === 18 ? '2026-03-18T23:30:00.000Z' : at(i + 1)
			}))
		});
		expect(rows.find((r) => r.municipalityId === 'werl')).toMatchObject({
			places: 20,
			filled: 20,
			daysToFill: 18
		});
	});

	it('shows one municipality alone when asked, without the district', () => {
		const rows = computeOfferFlow({ ...base, municipalityId: 'werl' });
		expect(rows.map((r) => r.municipalityId)).toEqual(['werl']);
		expect(rows[0]).toMatchObject({ places: 4, filled: 0, daysToFill: null, released: 0 });
	});

	it('counts no places of a Kita that is switched off', () => {
		const rows = computeOfferFlow({
			...base,
			facilities: base.facilities.map((f) => (f.id === 'k2' ? { ...f, active: false } : f))
		});
		expect(rows.find((r) => r.municipalityId === 'werl')?.places).toBe(2);
	});

	it('leaves out requests of Kitas it does not know', () => {
		const rows = computeOfferFlow({
			...base,
			requests: [{ id: 'x', facilityId: 'elsewhere' }],
			events: [
				{ requestId: 'x', toStatus: 'offered', at: at(1) },
				{ requestId: 'x', toStatus: 'declined', at: at(2) }
			]
		});
		expect(rows.at(-1)?.blocked.declined).toBe(0);
	});
});
