// The youth office's reports for one Kita year, computed from plain rows so that the numbers can be
// checked by hand: demand against places, children with a legal claim still without a place, Kitas
// per child, offers, and how long families wait. No I/O; the server loads the rows, the page draws.
import { dayOfInstant, daysBetween, compareDays, type Day } from './calendar-day';
import type { AgeBand, WeeklyHours } from './facility';
import { ageBandAt, ageInMonths, hasLegalClaim } from './kita-year';
import { computeOfferFlow, type OfferFlowRow } from './offer-flow';
import type { RequestStatus } from './placement';

/** An offer is "lapsing" when its answer is due within this many days. */
export const LAPSING_DAYS = 3;
const MS_PER_DAY = 86_400_000;

export interface ReportInput {
	now: Date;
	municipalities: readonly { id: string; name: string }[];
	facilities: readonly { id: string; name: string; municipalityId: string; active: boolean }[];
	/** Places of the year. */
	capacities: readonly {
		facilityId: string;
		ageBand: AgeBand;
		weeklyHours: WeeklyHours;
		places: number;
		contracted: number;
		offered: number;
	}[];
	children: readonly { id: string; birthDate: Day }[];
	/** Requests of the year. */
	requests: readonly {
		id: string;
		childId: string;
		facilityId: string;
		registrationNumber: string;
		status: RequestStatus;
		rank: number;
		startDate: Day;
		weeklyHours: WeeklyHours;
		registeredAt: string;
		offerExpiresAt: string | null;
	}[];
	/** The Kita year's first day of offers (the offer flow's days to fill count from it). */
	offersFrom: Day;
	/** The status changes of those requests (request_events): the event and the status it led to. */
	events: readonly { requestId: string; event: string; toStatus: string; at: string }[];
	/** Children with a contract in this or an earlier year: they have a place. */
	contractedChildIds: readonly string[];
	/**
	 * One municipality's view, or the whole district when absent. Every figure is still judged on
	 * all rows (a child with a place in another municipality has a place), then only that part is
	 * shown: its demand cells; the children who registered at one of its Kitas (Kitas per child
	 * counted over all their Kitas); its Kitas' offers; the durations of requests at its Kitas.
	 */
	municipalityId?: string | null;
}

export interface DemandRow {
	municipalityId: string;
	municipalityName: string;
	ageBand: AgeBand;
	weeklyHours: WeeklyHours;
	places: number;
	contracted: number;
	offered: number;
	/** places − contracted − open offers, not below 0 */
	free: number;
	/** Children without contract or open offer whose first choice is in this cell. */
	waiting: number;
	/** free − waiting: negative means too few places. */
	balance: number;
}

export interface LegalClaimChild {
	childId: string;
	registrationNumbers: string[];
	ageMonths: number;
	desiredStart: Day;
	municipalityNames: string[];
	kitas: number;
}

export interface Stats {
	n: number;
	min: number | null;
	q1: number | null;
	median: number | null;
	q3: number | null;
	max: number | null;
}

export interface OfferRow {
	facilityId: string;
	facilityName: string;
	/** Waiting for the family's answer. */
	open: number;
	/** Of those, due within LAPSING_DAYS (or already overdue for the expiry job). */
	lapsing: number;
	/** Accepted, the contract still to be signed. */
	accepted: number;
	/** Lapsed without an answer. */
	lapsed: number;
}

export interface YearReport {
	demand: {
		rows: DemandRow[];
		totals: Omit<DemandRow, 'municipalityId' | 'municipalityName' | 'ageBand' | 'weeklyHours'>;
	};
	legalClaim: LegalClaimChild[];
	kitasPerChild: {
		children: number;
		distribution: { kitas: number; children: number }[];
		mean: number | null;
		median: number | null;
	};
	offers: { rows: OfferRow[]; totals: Omit<OfferRow, 'facilityId' | 'facilityName'> };
	durations: { toOffer: Stats; toContract: Stats };
	/** Municipalities (one when the report is for one), and the district unless it is. */
	offerFlow: { rows: OfferFlowRow[]; district: OfferFlowRow | null };
}

const HOLDS_PLACE: readonly RequestStatus[] = ['offered', 'accepted', 'contracted'];

/**
 * Quartiles by linear interpolation between closest ranks (R-7, as spreadsheets' QUARTILE.INC):
 * the p-quantile of sorted x is x[h] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]) with h = (n − 1)·p.
 */
export function quantile(sorted: readonly number[], p: number): number | null {
	if (sorted.length === 0) return null;
	const h = (sorted.length - 1) * p;
	const lo = Math.floor(h);
	const a = sorted[lo] as number;
	const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
	return a + (h - lo) * (b - a);
}

export function stats(values: readonly number[]): Stats {
	const sorted = [...values].sort((a, b) => a - b);
	return {
		n: sorted.length,
		min: sorted[0] ?? null,
		q1: quantile(sorted, 0.25),
		median: quantile(sorted, 0.5),
		q3: quantile(sorted, 0.75),
		max: sorted.at(-1) ?? null
	};
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const item of items) {
		const k = key(item);
		const list = out.get(k);
		if (list) list.push(item);
		else out.set(k, [item]);
	}
	return out;
}

const cellKey = (municipalityId: string, band: AgeBand, hours: number) =>
	`${municipalityId}|${band}|${hours}`;

export function computeYearReport(input: ReportInput): YearReport {
	const facilities = new Map(input.facilities.map((f) => [f.id, f]));
	const municipalityName = new Map(input.municipalities.map((m) => [m.id, m.name]));
	const birth = new Map(input.children.map((c) => [c.id, c.birthDate]));
	const contractedBefore = new Set(input.contractedChildIds);
	const byChild = groupBy(input.requests, (r) => r.childId);
	const scope = input.municipalityId ?? null;
	const inScope = (facilityId: string) =>
		scope === null || facilities.get(facilityId)?.municipalityId === scope;
	/** The children with a request at a Kita of the municipality (all children for the district). */
	const childrenInScope = [...byChild.entries()].filter(([, requests]) =>
		requests.some((r) => inScope(r.facilityId))
	);

	// Demand against places ------------------------------------------------------------------
	const cells = new Map<string, DemandRow>();
	const cell = (municipalityId: string, ageBand: AgeBand, weeklyHours: WeeklyHours): DemandRow => {
		const key = cellKey(municipalityId, ageBand, weeklyHours);
		let row = cells.get(key);
		if (!row) {
			row = {
				municipalityId,
				municipalityName: municipalityName.get(municipalityId) ?? municipalityId,
				ageBand,
				weeklyHours,
				places: 0,
				contracted: 0,
				offered: 0,
				free: 0,
				waiting: 0,
				balance: 0
			};
			cells.set(key, row);
		}
		return row;
	};
	for (const c of input.capacities) {
		const f = facilities.get(c.facilityId);
		// A deactivated Kita gives no places.
		if (!f?.active) continue;
		const row = cell(f.municipalityId, c.ageBand, c.weeklyHours);
		row.places += c.places;
		row.contracted += c.contracted;
		row.offered += c.offered;
	}
	const waitingChildren = new Set<string>();
	for (const [childId, requests] of byChild) {
		const birthDate = birth.get(childId);
		if (!birthDate) continue;
		if (requests.some((r) => HOLDS_PLACE.includes(r.status)) || contractedBefore.has(childId)) continue;
		// Counted once, in the cell of the family's first choice among the requests still waiting.
		const first = requests
			.filter((r) => r.status === 'registered')
			.sort(
				(a, b) => a.rank - b.rank || a.registeredAt.localeCompare(b.registeredAt) || a.id.localeCompare(b.id)
			)[0];
		const f = first && facilities.get(first.facilityId);
		if (!first || !f) continue;
		cell(f.municipalityId, ageBandAt(birthDate, first.startDate), first.weeklyHours).waiting++;
		waitingChildren.add(childId);
	}
	const rows = [...cells.values()]
		.filter((r) => scope === null || r.municipalityId === scope)
		.map((r) => {
			const free = Math.max(0, r.places - r.contracted - r.offered);
			return { ...r, free, balance: free - r.waiting };
		})
		.sort(
			(a, b) =>
				a.municipalityName.localeCompare(b.municipalityName, 'de') ||
				a.ageBand.localeCompare(b.ageBand) ||
				a.weeklyHours - b.weeklyHours
		);
	const totals = rows.reduce(
		(t, r) => ({
			places: t.places + r.places,
			contracted: t.contracted + r.contracted,
			offered: t.offered + r.offered,
			free: t.free + r.free,
			waiting: t.waiting + r.waiting,
			balance: t.balance + r.balance
		}),
		{ places: 0, contracted: 0, offered: 0, free: 0, waiting: 0, balance: 0 }
	);

	// Legal claim without a place ------------------------------------------------------------
	const legalClaim: LegalClaimChild[] = [];
	for (const [childId, requests] of childrenInScope) {
		const birthDate = birth.get(childId);
		if (!birthDate || contractedBefore.has(childId)) continue;
		if (requests.some((r) => HOLDS_PLACE.includes(r.status))) continue;
		// A family that withdrew everywhere, or whose child got a place elsewhere, has no open demand.
		const wanted = requests.filter((r) => r.status !== 'withdrawn' && r.status !== 'placedElsewhere');
		if (!wanted.some((r) => inScope(r.facilityId))) continue;
		const desiredStart = wanted.map((r) => r.startDate).sort(compareDays)[0] as Day;
		if (!hasLegalClaim(birthDate, desiredStart)) continue;
		legalClaim.push({
			childId,
			registrationNumbers: [...new Set(wanted.map((r) => r.registrationNumber))].sort(),
			ageMonths: ageInMonths(birthDate, desiredStart),
			desiredStart,
			municipalityNames: [
				...new Set(
					wanted.flatMap((r) => {
						const f = facilities.get(r.facilityId);
						return f ? [municipalityName.get(f.municipalityId) ?? f.municipalityId] : [];
					})
				)
			].sort((a, b) => a.localeCompare(b, 'de')),
			kitas: new Set(wanted.map((r) => r.facilityId)).size
		});
	}
	legalClaim.sort(
		(a, b) =>
			compareDays(a.desiredStart, b.desiredStart) ||
			a.registrationNumbers.join().localeCompare(b.registrationNumbers.join())
	);

	// Kitas per registered child ---------------------------------------------------------------
	const perChild = childrenInScope.map(([, requests]) => new Set(requests.map((r) => r.facilityId)).size);
	const distribution = [...groupBy(perChild, String).entries()]
		.map(([kitas, list]) => ({ kitas: Number(kitas), children: list.length }))
		.sort((a, b) => a.kitas - b.kitas);
	const perChildStats = stats(perChild);

	// Offers ---------------------------------------------------------------------------------
	const lapsingBefore = input.now.getTime() + LAPSING_DAYS * MS_PER_DAY;
	const offerRows = new Map<string, OfferRow>();
	for (const r of input.requests) {
		if (r.status !== 'offered' && r.status !== 'accepted' && r.status !== 'expired') continue;
		if (!inScope(r.facilityId)) continue;
		let row = offerRows.get(r.facilityId);
		if (!row) {
			row = {
				facilityId: r.facilityId,
				facilityName: facilities.get(r.facilityId)?.name ?? r.facilityId,
				open: 0,
				lapsing: 0,
				accepted: 0,
				lapsed: 0
			};
			offerRows.set(r.facilityId, row);
		}
		if (r.status === 'offered') {
			row.open++;
			if (r.offerExpiresAt && Date.parse(r.offerExpiresAt) <= lapsingBefore) row.lapsing++;
		} else if (r.status === 'accepted') row.accepted++;
		else row.lapsed++;
	}
	const offerList = [...offerRows.values()].sort((a, b) =>
		a.facilityName.localeCompare(b.facilityName, 'de')
	);
	const offerTotals = offerList.reduce(
		(t, r) => ({
			open: t.open + r.open,
			lapsing: t.lapsing + r.lapsing,
			accepted: t.accepted + r.accepted,
			lapsed: t.lapsed + r.lapsed
		}),
		{ open: 0, lapsing: 0, accepted: 0, lapsed: 0 }
	);

	// How offers held places, per municipality (offer-flow.ts) -------------------------------
	const offerFlow = computeOfferFlow({
		offersFrom: input.offersFrom,
		municipalities: input.municipalities,
		facilities: input.facilities,
		capacities: input.capacities,
		requests: input.requests,
		events: input.events,
		municipalityId: input.municipalityId
	});

	// Days from registration to the first offer and to the contract, per child ---------------
	const eventsByRequest = groupBy(input.events, (e) => e.requestId);
	const toOffer: number[] = [];
	const toContract: number[] = [];
	for (const [, all] of childrenInScope) {
		const requests = all.filter((r) => inScope(r.facilityId));
		const registered = requests.map((r) => r.registeredAt).sort()[0];
		if (!registered) continue;
		const first = (event: string) =>
			requests
				.flatMap((r) => eventsByRequest.get(r.id) ?? [])
				.filter((e) => e.event === event)
				.map((e) => e.at)
				.sort()[0];
		const days = (at: string) => daysBetween(dayOfInstant(new Date(registered)), dayOfInstant(new Date(at)));
		const offer = first('offer');
		const contract = first('contract');
		if (offer) toOffer.push(days(offer));
		if (contract) toContract.push(days(contract));
	}

	return {
		demand: { rows, totals },
		legalClaim,
		kitasPerChild: {
			children: perChild.length,
			distribution,
			mean: perChild.length ? perChild.reduce((s, k) => s + k, 0) / perChild.length : null,
			median: perChildStats.median
		},
		offers: { rows: offerList, totals: offerTotals },
		durations: { toOffer: stats(toOffer), toContract: stats(toContract) },
		offerFlow: {
			rows: offerFlow.filter((row) => row.municipalityId !== null),
			district: offerFlow.find((row) => row.municipalityId === null) ?? null
		}
	};
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * A CSV file as spreadsheet programs in Germany open it: UTF-8 with a byte order mark (so umlauts
 * survive), semicolons (the comma is the decimal separator), CRLF line ends, fields quoted when
 * they hold a separator, a quote or a line break.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
	const field = (value: string | number) => {
		let s = String(value);
		// A text cell starting like a formula would be run by the spreadsheet (CSV injection).
		if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s) && !/^-?\d+([.,]\d+)?$/.test(s)) s = `'${s}`;
		return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	const lines = [header, ...rows].map((row) => row.map(field).join(';'));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
