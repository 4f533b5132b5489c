// Plays the allocation season of one Kita year (from the first day of offers to the start date,
// day by day) under three regimes and measures it. The families behave the same way in each:
// every delay is drawn from the seed, the child and the Kita, never from the order of events.
import type { BucketKey } from '../../src/lib/domain/allocation/buckets';
import { legalClaimLevel } from '../../src/lib/domain/allocation/criteria';
import {
	deferredAcceptance,
	type DaChild,
	type DaKita
} from '../../src/lib/domain/allocation/deferred-acceptance';
import { roundMarket } from '../../src/lib/domain/allocation/round';
import { addDays, daysBetween, dayParts } from '../../src/lib/domain/calendar-day';
import { roundInputOf, type District } from './district';
import { draw } from './random';

export const REGIMES = ['today', 'oneHeld', 'rounds'] as const;
export type Regime = (typeof REGIMES)[number];

/** Days an offer may stay unanswered today and with one held offer. */
const ANSWER_DAYS = 14;
/** In rounds, parents answer within this many days. */
const ROUND_ANSWER_DAYS = 3;
/** A round every this many days, as the youth office runs them. */
const ROUND_EVERY = 7;
/** Today: a Kita works on its queue on a working day with this probability. */
const KITA_WORK_SHARE = 0.5;
/** Today: days from accepting the top choice to the contract; from accepting a lower one. */
const CONTRACT_DAYS_TOP = 7;
const CONTRACT_DAYS_BACKUP = 21;
/** Rounds: parents who let the short answer time pass. */
const NO_ANSWER_SHARE = 0.03;

type OfferStatus = 'open' | 'accepted' | 'declined' | 'lapsed' | 'released';

interface Offer {
	kita: number;
	child: number;
	bucket: BucketKey;
	madeOn: number;
	status: OfferStatus;
	endedOn: number;
	acceptedOn: number;
	final: boolean;
}

interface ChildState {
	/** Offers open or accepted. */
	held: Offer[];
	/** Kitas the child has had an offer from that is over (declined, lapsed, released). */
	closed: Set<number>;
	/** The child's place is settled (contract, or accepted where that closes the rest). */
	final: Offer | null;
	/**
	 * Rounds: the rank of the best offer the family declined or let lapse. A round's offer is the
	 * best place the child can have, so this closes it and every request ranked below it; the ones
	 * ranked above stay in the next rounds. (Going down the list would take the places other
	 * children hold.)
	 */
	floor: number;
}

interface Market {
	kitaIds: string[];
	childIds: string[];
	/** Per Kita per bucket the candidates (child indices) best first. */
	lists: Map<BucketKey, number[]>[];
	/** Per Kita the position of each candidate in its ranking. */
	priority: Map<number, number>[];
	capacity: Map<BucketKey, number>[];
	/** Per child the Kitas it would take, best first, and the rank of each. */
	preference: number[][];
	prefRank: Map<number, number>[];
	/** Per child the bucket it needs at each of its Kitas. */
	bucketAt: Map<number, BucketKey>[];
	leaves: boolean[];
	walkIn: boolean[];
	legalClaim: boolean[];
	da: { kitas: DaKita[]; children: DaChild[] };
}

export function buildMarket(district: District): Market {
	const da = roundMarket(roundInputOf(district));
	const kitaIds = da.kitas.map((k) => k.id);
	const childIds = da.children.map((c) => c.id);
	const kitaIndex = new Map(kitaIds.map((id, i) => [id, i]));
	const childIndex = new Map(childIds.map((id, i) => [id, i]));
	const bucketAt = childIds.map(() => new Map<number, BucketKey>());
	const lists = da.kitas.map((k, ki) => {
		const byBucket = new Map<BucketKey, number[]>();
		for (const c of k.candidates) {
			const ci = childIndex.get(c.childId) as number;
			bucketAt[ci]?.set(ki, c.bucket);
			const list = byBucket.get(c.bucket) ?? [];
			list.push(ci);
			byBucket.set(c.bucket, list);
		}
		return byBucket;
	});
	const preference = da.children.map((c) => c.preference.map((id) => kitaIndex.get(id) as number));
	return {
		kitaIds,
		childIds,
		lists,
		priority: da.kitas.map(
			(k) => new Map(k.candidates.map((c, pos) => [childIndex.get(c.childId) as number, pos]))
		),
		capacity: da.kitas.map((k) => new Map(Object.entries(k.free).map(([b, n]) => [b as BucketKey, n ?? 0]))),
		preference,
		prefRank: preference.map((p) => new Map(p.map((k, r) => [k, r]))),
		bucketAt,
		leaves: district.children.map((c) => c.leaves),
		walkIn: district.children.map((c) => c.walkIn),
		legalClaim: district.children.map((c) => legalClaimLevel(c.birthDate, district.year.startsOn) >= 1),
		da
	};
}

export interface RegimeResult {
	regime: Regime;
	/** Day (from the first day of offers) on which 95 % of the fillable places were filled; null if never. */
	daysTo95: number | null;
	blockedPlaceDays: number;
	justifiedEnvy: number;
	legalClaimUnplaced: number;
	/** Of the children who stayed and ranked their Kitas. */
	firstChoiceShare: number;
	placed: number;
	offers: number;
	released: number;
	/** Rounds only: children whose held place a later round could not keep (0 expected). */
	guaranteeBreaks: number;
	/** The most offers (open or accepted) one child held at the end of any day. */
	maxHeld: number;
	/** Share of the fillable places filled at the end of each day. */
	curve: number[];
}

export interface SimulationResult {
	seed: number;
	kitas: number;
	children: number;
	places: number;
	/** Places a stable matching of the children who stay fills: the 100 % of "filled". */
	fillable: number;
	days: number;
	regimes: RegimeResult[];
}

function isWorkingDay(start: string, day: number): boolean {
	const { year, month, day: d } = dayParts(addDays(start, day));
	const weekday = new Date(Date.UTC(year, month - 1, d)).getUTCDay();
	return weekday !== 0 && weekday !== 6;
}

type Action = 'accept' | 'decide' | 'decline' | 'lapse' | 'contract';

class Season {
	readonly children: ChildState[];
	readonly used: Map<BucketKey, number>[];
	readonly settled: Map<BucketKey, number>[];
	readonly pointer: Map<BucketKey, number>[];
	readonly offers: Offer[] = [];
	readonly agenda: { action: Action; offer: Offer }[][];
	guaranteeBreaks = 0;
	maxHeld = 0;

	constructor(
		readonly m: Market,
		readonly seed: number,
		readonly regime: Regime,
		readonly days: number
	) {
		this.children = m.childIds.map(() => ({ held: [], closed: new Set(), final: null, floor: Infinity }));
		this.used = m.kitaIds.map(() => new Map());
		this.settled = m.kitaIds.map(() => new Map());
		this.pointer = m.kitaIds.map(() => new Map());
		this.agenda = Array.from({ length: days + 1 }, () => []);
	}

	u(kind: string, offer: Offer): number {
		return draw(this.seed, `${kind}:${this.m.childIds[offer.child]}:${this.m.kitaIds[offer.kita]}`);
	}

	schedule(day: number, action: Action, offer: Offer): void {
		if (day <= this.days) this.agenda[day]?.push({ action, offer });
	}

	add(map: Map<BucketKey, number>, bucket: BucketKey, n: number): void {
		map.set(bucket, (map.get(bucket) ?? 0) + n);
	}

	/** The best Kita the parents can still hope for: not closed, and not filled with contracts. */
	topOpen(child: number): number | undefined {
		const state = this.children[child] as ChildState;
		for (const k of this.m.preference[child] ?? []) {
			if (this.rank(child, k) >= state.floor) break;
			if (state.closed.has(k)) continue;
			const bucket = this.m.bucketAt[child]?.get(k) as BucketKey;
			const full = (this.settled[k]?.get(bucket) ?? 0) >= (this.m.capacity[k]?.get(bucket) ?? 0);
			if (full && !state.held.some((o) => o.kita === k)) continue;
			return k;
		}
		return undefined;
	}

	rank(child: number, kita: number): number {
		return this.m.prefRank[child]?.get(kita) ?? Infinity;
	}

	makeOffer(kita: number, child: number, bucket: BucketKey, day: number): Offer {
		const offer: Offer = {
			kita,
			child,
			bucket,
			madeOn: day,
			status: 'open',
			endedOn: -1,
			acceptedOn: -1,
			final: false
		};
		this.offers.push(offer);
		this.add(this.used[kita] as Map<BucketKey, number>, bucket, 1);
		(this.children[child] as ChildState).held.push(offer);
		return offer;
	}

	end(offer: Offer, status: 'declined' | 'lapsed' | 'released', day: number): void {
		offer.status = status;
		offer.endedOn = day;
		this.add(this.used[offer.kita] as Map<BucketKey, number>, offer.bucket, -1);
		const state = this.children[offer.child] as ChildState;
		state.held = state.held.filter((o) => o !== offer);
		state.closed.add(offer.kita);
		if (this.regime === 'rounds' && status !== 'released')
			state.floor = Math.min(state.floor, this.rank(offer.child, offer.kita));
	}

	settle(offer: Offer): void {
		offer.final = true;
		(this.children[offer.child] as ChildState).final = offer;
		this.add(this.settled[offer.kita] as Map<BucketKey, number>, offer.bucket, 1);
	}

	// --- Today and one held offer: Kitas offer on their own; families answer in their own time

	/** A Kita works through its list: as many offers per bucket as it has places not held. */
	kitaWorks(kita: number, day: number): void {
		for (const [bucket, list] of this.m.lists[kita] ?? []) {
			const capacity = this.m.capacity[kita]?.get(bucket) ?? 0;
			const used = this.used[kita] as Map<BucketKey, number>;
			const pointer = this.pointer[kita] as Map<BucketKey, number>;
			let at = pointer.get(bucket) ?? 0;
			while ((used.get(bucket) ?? 0) < capacity && at < list.length) {
				const child = list[at++] as number;
				const state = this.children[child] as ChildState;
				// Contracts elsewhere are visible to every Kita; with one held offer, so is an acceptance.
				if (state.final || state.closed.has(kita)) continue;
				this.offerDirect(kita, child, bucket, day);
			}
			pointer.set(bucket, at);
		}
	}

	offerDirect(kita: number, child: number, bucket: BucketKey, day: number): void {
		const state = this.children[child] as ChildState;
		if (this.regime === 'oneHeld') {
			const held = state.held[0];
			if (held) {
				const offer = this.makeOffer(kita, child, bucket, day);
				if (this.rank(child, kita) < this.rank(child, held.kita)) this.end(held, 'released', day);
				else {
					this.end(offer, 'declined', day);
					return;
				}
				this.received(offer, day);
				return;
			}
		}
		this.received(this.makeOffer(kita, child, bucket, day), day);
	}

	received(offer: Offer, day: number): void {
		const child = offer.child;
		this.schedule(day + ANSWER_DAYS, 'lapse', offer);
		if (this.m.leaves[child]) {
			this.schedule(day + 2 + Math.floor(this.u('leave', offer) * 12), 'decline', offer);
		} else if (this.topOpen(child) === offer.kita) {
			this.schedule(day + 1 + Math.floor(this.u('top', offer) * 5), 'accept', offer);
		} else {
			const wait = 5 + Math.floor(this.u('lower', offer) * 12);
			if (wait <= ANSWER_DAYS) this.schedule(day + wait, 'decide', offer);
		}
	}

	bestAccepted(child: number): Offer | undefined {
		const held = (this.children[child] as ChildState).held.filter((o) => o.status === 'accepted');
		return held.sort((a, b) => this.rank(child, a.kita) - this.rank(child, b.kita))[0];
	}

	accept(offer: Offer, day: number): void {
		const child = offer.child;
		const state = this.children[child] as ChildState;
		const top = this.topOpen(child) === offer.kita;
		offer.status = 'accepted';
		offer.acceptedOn = day;
		if (this.regime === 'oneHeld') {
			// Accepting closes the child's other requests at once.
			this.settle(offer);
			return;
		}
		// Today: the parents keep what they hold and decline the worse acceptances late.
		for (const other of state.held)
			if (
				other !== offer &&
				other.status === 'accepted' &&
				this.rank(child, other.kita) > this.rank(child, offer.kita)
			)
				this.schedule(day + 1 + Math.floor(this.u('late', other) * 21), 'decline', other);
		this.schedule(day + (top ? CONTRACT_DAYS_TOP : CONTRACT_DAYS_BACKUP), 'contract', offer);
	}

	act(action: Action, offer: Offer, day: number): void {
		const state = this.children[offer.child] as ChildState;
		switch (action) {
			case 'accept':
				if (offer.status !== 'open') return;
				if (state.final) this.end(offer, 'declined', day);
				else this.accept(offer, day);
				return;
			case 'decide': {
				if (offer.status !== 'open') return;
				const better = this.bestAccepted(offer.child);
				if (
					state.final ||
					(better && this.rank(offer.child, better.kita) < this.rank(offer.child, offer.kita))
				)
					this.end(offer, 'declined', day);
				else this.accept(offer, day);
				return;
			}
			case 'decline':
				if ((offer.status === 'open' || offer.status === 'accepted') && state.final !== offer)
					this.end(offer, 'declined', day);
				return;
			case 'lapse':
				if (offer.status === 'open') this.end(offer, 'lapsed', day);
				return;
			case 'contract': {
				if (offer.status !== 'accepted' || state.final) return;
				if (this.bestAccepted(offer.child) !== offer) return;
				this.settle(offer);
				for (const other of state.held)
					if (other !== offer)
						this.schedule(day + 1 + Math.floor(this.u('late', other) * 21), 'decline', other);
				return;
			}
		}
	}

	// --- Rounds: the youth office runs deferred acceptance; the platform keeps the best offer

	round(day: number): void {
		const m = this.m;
		const participants: DaChild[] = [];
		const holding = new Map<number, Offer>();
		m.childIds.forEach((id, child) => {
			const state = this.children[child] as ChildState;
			if (state.final || state.held.some((o) => o.status === 'open')) return;
			const held = state.held[0];
			if (held) holding.set(child, held);
			const preference: string[] = [];
			for (const k of m.preference[child] ?? []) {
				const isHeld = held !== undefined && k === held.kita;
				if (state.closed.has(k) || (this.rank(child, k) >= state.floor && !isHeld)) continue;
				preference.push(m.kitaIds[k] as string);
				if (isHeld) break;
			}
			participants.push({ id, preference });
		});
		// Places held by children in this round are theirs to keep or to pass on.
		const heldHere = m.kitaIds.map(() => new Map<BucketKey, number>());
		for (const o of holding.values()) this.add(heldHere[o.kita] as Map<BucketKey, number>, o.bucket, 1);
		const kitas: DaKita[] = m.da.kitas.map((k, kita) => {
			const free: Partial<Record<BucketKey, number>> = {};
			for (const [bucket, capacity] of m.capacity[kita] ?? [])
				free[bucket] = capacity - (this.used[kita]?.get(bucket) ?? 0) + (heldHere[kita]?.get(bucket) ?? 0);
			return { id: k.id, free, candidates: k.candidates };
		});
		const kitaIndex = new Map(m.kitaIds.map((id, i) => [id, i]));
		const childIndex = new Map(m.childIds.map((id, i) => [id, i]));
		const result = deferredAcceptance(kitas, participants);
		const news: { kita: number; child: number; bucket: BucketKey }[] = [];
		const matched = new Set<number>();
		for (const p of result.proposals)
			for (const o of p.offers) {
				const child = childIndex.get(o.childId) as number;
				const kita = kitaIndex.get(p.kitaId) as number;
				matched.add(child);
				const held = holding.get(child);
				if (held && held.kita === kita) continue;
				// The better offer releases the held one at once.
				if (held) this.end(held, 'released', day);
				news.push({ kita, child, bucket: o.bucket });
			}
		// Second chance: requests below a declined or lapsed offer get the places that no one else
		// in the round wanted, so the family's "no" takes no place from another child.
		const vacant = kitas.map((k) => ({ ...k, free: { ...k.free } }));
		for (const p of result.proposals) {
			const k = vacant[kitaIndex.get(p.kitaId) as number] as DaKita;
			for (const o of p.offers) (k.free as Record<string, number>)[o.bucket] = (k.free[o.bucket] ?? 0) - 1;
		}
		const again: DaChild[] = [];
		for (const p of participants) {
			const child = childIndex.get(p.id) as number;
			const state = this.children[child] as ChildState;
			if (matched.has(child) || holding.has(child) || state.floor === Infinity) continue;
			const below = (m.preference[child] ?? []).filter(
				(k) => this.rank(child, k) > state.floor && !state.closed.has(k)
			);
			if (below.length > 0) again.push({ id: p.id, preference: below.map((k) => m.kitaIds[k] as string) });
		}
		if (again.length > 0)
			for (const p of deferredAcceptance(vacant, again).proposals)
				for (const o of p.offers)
					news.push({
						kita: kitaIndex.get(p.kitaId) as number,
						child: childIndex.get(o.childId) as number,
						bucket: o.bucket
					});
		for (const child of holding.keys()) if (!matched.has(child)) this.guaranteeBreaks++;
		for (const n of news) {
			const offer = this.makeOffer(n.kita, n.child, n.bucket, day);
			if (this.m.leaves[n.child]) {
				const wait = 2 + Math.floor(this.u('leave', offer) * 12);
				this.schedule(
					day + Math.min(wait, ROUND_ANSWER_DAYS),
					wait <= ROUND_ANSWER_DAYS ? 'decline' : 'lapse',
					offer
				);
			} else if (this.u('silent', offer) < NO_ANSWER_SHARE) {
				this.schedule(day + ROUND_ANSWER_DAYS, 'lapse', offer);
			} else {
				this.schedule(day + Math.floor(this.u('answer', offer) * (ROUND_ANSWER_DAYS + 1)), 'accept', offer);
			}
		}
	}

	acceptInRound(offer: Offer, day: number): void {
		if (offer.status !== 'open') return;
		const top = this.topOpen(offer.child) === offer.kita;
		offer.status = 'accepted';
		offer.acceptedOn = day;
		// The first choice still open settles the place; otherwise the next rounds may improve it.
		if (top) this.settle(offer);
	}

	play(start: string): void {
		for (let day = 0; day <= this.days; day++) {
			if (this.regime === 'rounds') {
				if (day % ROUND_EVERY === 0) this.round(day);
			} else if (isWorkingDay(start, day)) {
				this.m.kitaIds.forEach((id, kita) => {
					if (draw(this.seed, `work:${id}:${day}`) < KITA_WORK_SHARE) this.kitaWorks(kita, day);
				});
			}
			// Actions of the same day happen in the order they were planned.
			const todo = this.agenda[day] ?? [];
			for (let i = 0; i < todo.length; i++) {
				const { action, offer } = todo[i] as { action: Action; offer: Offer };
				if (this.regime === 'rounds' && action === 'accept') this.acceptInRound(offer, day);
				else this.act(action, offer, day);
			}
			for (const state of this.children)
				if (state.held.length > this.maxHeld) this.maxHeld = state.held.length;
		}
		// At the start date whatever is accepted is the place; a second acceptance is given up.
		this.children.forEach((state, child) => {
			if (state.final) return;
			const best = this.bestAccepted(child);
			if (best) this.settle(best);
		});
	}
}

function measure(season: Season, fillable: number): RegimeResult {
	const m = season.m;
	const placedAt = season.children.map((s) => s.final);
	const curve = new Array<number>(season.days + 1).fill(0);
	for (const offer of placedAt) if (offer) curve[offer.acceptedOn] = (curve[offer.acceptedOn] ?? 0) + 1;
	let sum = 0;
	let daysTo95: number | null = null;
	for (let d = 0; d < curve.length; d++) {
		sum += curve[d] ?? 0;
		curve[d] = fillable === 0 ? 1 : sum / fillable;
		if (daysTo95 === null && sum >= 0.95 * fillable) daysTo95 = d;
	}
	const blocked = season.offers
		.filter((o) => o.status === 'declined' || o.status === 'lapsed' || o.status === 'released')
		.reduce((a, o) => a + (o.endedOn - o.madeOn), 0);
	// Who got a place where, by Kita and bucket: the lowest priority placed there.
	const lowest = m.kitaIds.map(() => new Map<BucketKey, number>());
	for (const o of placedAt) {
		if (!o) continue;
		const pos = m.priority[o.kita]?.get(o.child) ?? -1;
		const map = lowest[o.kita] as Map<BucketKey, number>;
		map.set(o.bucket, Math.max(map.get(o.bucket) ?? -1, pos));
	}
	const offeredBy = m.childIds.map(() => new Set<number>());
	// The best-ranked offer each family declined or let lapse: what it ranked below, it gave up.
	const letGo = m.childIds.map(() => Infinity);
	for (const o of season.offers) {
		offeredBy[o.child]?.add(o.kita);
		if (o.status === 'declined' || o.status === 'lapsed')
			letGo[o.child] = Math.min(letGo[o.child] ?? Infinity, season.rank(o.child, o.kita));
	}
	let envy = 0;
	let claimUnplaced = 0;
	let ranked = 0;
	let first = 0;
	m.childIds.forEach((_, child) => {
		if (m.leaves[child]) return;
		const place = placedAt[child];
		if (!place && m.legalClaim[child]) claimUnplaced++;
		if (!m.walkIn[child]) {
			ranked++;
			if (place && place.kita === m.preference[child]?.[0]) first++;
		}
		const own = place ? season.rank(child, place.kita) : Infinity;
		const prefs = m.preference[child] ?? [];
		for (let r = 0; r < Math.min(own, prefs.length, letGo[child] ?? Infinity); r++) {
			const kita = prefs[r] as number;
			// A Kita the family had an offer from and let go is their own choice, not envy.
			if (offeredBy[child]?.has(kita)) continue;
			const bucket = m.bucketAt[child]?.get(kita) as BucketKey;
			const mine = m.priority[kita]?.get(child) ?? Infinity;
			if ((lowest[kita]?.get(bucket) ?? -1) > mine) {
				envy++;
				break;
			}
		}
	});
	return {
		regime: season.regime,
		daysTo95,
		blockedPlaceDays: blocked,
		justifiedEnvy: envy,
		legalClaimUnplaced: claimUnplaced,
		firstChoiceShare: ranked === 0 ? 0 : first / ranked,
		placed: placedAt.filter(Boolean).length,
		offers: season.offers.length,
		released: season.offers.filter((o) => o.status === 'released').length,
		guaranteeBreaks: season.guaranteeBreaks,
		maxHeld: season.maxHeld,
		curve
	};
}

/** Plays the season under each regime. */
export function simulate(district: District, regimes: readonly Regime[] = REGIMES): SimulationResult {
	const m = buildMarket(district);
	const days = daysBetween(district.year.offersFrom, district.year.startsOn);
	const stayers = m.da.children.filter((_, i) => !m.leaves[i]);
	const fillable = deferredAcceptance(m.da.kitas, stayers).proposals.reduce((a, p) => a + p.offers.length, 0);
	const places = m.capacity.reduce((a, c) => a + [...c.values()].reduce((x, n) => x + n, 0), 0);
	return {
		seed: district.seed,
		kitas: m.kitaIds.length,
		children: m.childIds.length,
		places,
		fillable,
		days,
		regimes: regimes.map((regime) => {
			const season = new Season(m, district.seed, regime, days);
			season.play(district.year.offersFrom);
			return measure(season, fillable);
		})
	};
}
