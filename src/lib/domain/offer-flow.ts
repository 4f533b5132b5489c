// How offers moved in a Kita year (issue 17, point 5): the place-days held by offers that ended
// without a place — declined, lapsed or released in favour of a higher choice — how many offers were
// released, and how many days after the first day of offers 95 % of the places were filled; per
// municipality and for the district. The same figures `npm run simulate` reports for its regimes,
// here from the year's real history. No I/O: the server loads the rows (services/reports.ts).
import { dayOfInstant, daysBetween, type Day } from './calendar-day';

/** The share of a municipality's places that counts as filled. */
export const FILLED_SHARE = 0.95;
const MS_PER_DAY = 86_400_000;

/** Statuses in which a request holds a place for its child without a contract. */
const HOLDING = new Set(['offered', 'accepted']);
/** How a held offer ended without a place, by the status it went to. */
const WASTED = { declined: 'declined', expired: 'lapsed', released: 'released' } as const;
export type WastedEnding = (typeof WASTED)[keyof typeof WASTED];

export interface OfferFlowInput {
	/** The Kita year's first day of offers: days to fill count from here. */
	offersFrom: Day;
	municipalities: readonly { id: string; name: string }[];
	/** A Kita switched off (`active: false`) has no places to fill, as in the demand report. */
	facilities: readonly { id: string; municipalityId: string; active?: boolean }[];
	/** The year's places per Kita (summed over age bands and hours). */
	capacities: readonly { facilityId: string; places: number }[];
	requests: readonly { id: string; facilityId: string }[];
	/** The requests' status changes (request_events), any order. */
	events: readonly { requestId: string; toStatus: string; at: string }[];
	/** One municipality's row only, or every municipality and the district when absent. */
	municipalityId?: string | null;
}

export interface OfferFlowRow {
	/** null: the whole district. */
	municipalityId: string | null;
	municipalityName: string;
	places: number;
	/** Places with a contract now. */
	filled: number;
	/** Days from the first day of offers until 95 % of the places had a contract; null if not (yet). */
	daysToFill: number | null;
	/** Place-days held by offers that ended without a place, by how they ended. */
	blocked: Record<WastedEnding, number>;
	/** Offers released in favour of a higher choice. */
	released: number;
}

interface Tally {
	places: number;
	contractDays: Day[];
	blocked: Record<WastedEnding, number>;
	released: number;
}

const emptyTally = (): Tally => ({
	places: 0,
	contractDays: [],
	blocked: { declined: 0, lapsed: 0, released: 0 },
	released: 0
});

export function computeOfferFlow(input: OfferFlowInput): OfferFlowRow[] {
	const municipalityOf = new Map(input.facilities.map((f) => [f.id, f.municipalityId]));
	const facilityOf = new Map(input.requests.map((r) => [r.id, r.facilityId]));
	const tallies = new Map<string, Tally>(input.municipalities.map((m) => [m.id, emptyTally()]));
	const tallyOfFacility = (facilityId: string | undefined) => {
		const municipalityId = facilityId === undefined ? undefined : municipalityOf.get(facilityId);
		return municipalityId === undefined ? undefined : tallies.get(municipalityId);
	};
	const closed = new Set(input.facilities.filter((f) => f.active === false).map((f) => f.id));
	for (const c of input.capacities) {
		if (closed.has(c.facilityId)) continue;
		const tally = tallyOfFacility(c.facilityId);
		if (tally) tally.places += c.places;
	}
	const byRequest = new Map<string, { toStatus: string; at: string }[]>();
	for (const e of input.events) {
		const list = byRequest.get(e.requestId) ?? [];
		list.push(e);
		byRequest.set(e.requestId, list);
	}
	for (const [requestId, events] of byRequest) {
		const tally = tallyOfFacility(facilityOf.get(requestId));
		if (!tally) continue;
		events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
		// The instant the request began to hold a place, while it does.
		let heldSince: string | null = null;
		for (const e of events) {
			if (HOLDING.has(e.toStatus)) {
				heldSince ??= e.at;
				continue;
			}
			if (e.toStatus === 'contracted') tally.contractDays.push(dayOfInstant(new Date(e.at)));
			const wasted = WASTED[e.toStatus as keyof typeof WASTED] as WastedEnding | undefined;
			if (heldSince !== null && wasted) {
				tally.blocked[wasted] += Math.max(0, Date.parse(e.at) - Date.parse(heldSince)) / MS_PER_DAY;
				if (wasted === 'released') tally.released += 1;
			}
			heldSince = null;
		}
	}
	const rowOf = (municipalityId: string | null, municipalityName: string, tally: Tally): OfferFlowRow => {
		const days = [...tally.contractDays].sort();
		const needed = Math.ceil(tally.places * FILLED_SHARE);
		const filledOn = needed > 0 ? days[needed - 1] : undefined;
		return {
			municipalityId,
			municipalityName,
			places: tally.places,
			filled: days.length,
			daysToFill: filledOn === undefined ? null : Math.max(0, daysBetween(input.offersFrom, filledOn)),
			blocked: tally.blocked,
			released: tally.released
		};
	};
	const rows = [...input.municipalities]
		.filter((m) => !input.municipalityId || m.id === input.municipalityId)
		.sort((a, b) => a.name.localeCompare(b.name, 'de'))
		.map((m) => rowOf(m.id, m.name, tallies.get(m.id) ?? emptyTally()));
	if (input.municipalityId) return rows;
	const district = emptyTally();
	for (const tally of tallies.values()) {
		district.places += tally.places;
		district.contractDays.push(...tally.contractDays);
		for (const key of Object.keys(district.blocked) as WastedEnding[])
			district.blocked[key] += tally.blocked[key];
		district.released += tally.released;
	}
	return [...rows, rowOf(null, '', district)];
}
