// Kita-proposing deferred acceptance (Gale–Shapley) with places per bucket: every Kita offers its
// free places of a bucket to its best candidates of that bucket; a child keeps the offer it ranks
// highest and turns the others down, and the Kita offers the next candidate. The result is the
// stable matching best for the Kitas' rankings; it is unique, so neither the order of the input
// nor the order in which Kitas are served changes it.
import type { BucketKey, FreeByBucket } from './buckets';

export interface DaCandidate {
	childId: string;
	/** The bucket whose places the child needs at this Kita. */
	bucket: BucketKey;
}

export interface DaKita {
	id: string;
	free: FreeByBucket;
	/** Best first; a child appears at most once. */
	candidates: readonly DaCandidate[];
}

export interface DaChild {
	id: string;
	/** Kitas the child would take, best first; any other Kita is never offered to it. */
	preference: readonly string[];
}

export interface DaMatch {
	childId: string;
	kitaId: string;
	bucket: BucketKey;
}

export interface DaProposal {
	kitaId: string;
	/** Whom the Kita should offer its free places, in its ranking. */
	offers: DaCandidate[];
}

export interface DaResult {
	/** One per Kita of the input, by Kita id. */
	proposals: DaProposal[];
	/** Children of the input that no Kita offers a place, by id. */
	unmatched: string[];
}

interface Slot {
	kitaId: string;
	bucket: BucketKey;
	capacity: number;
	/** Child ids in the Kita's ranking, only children who would take this Kita. */
	list: string[];
	next: number;
	held: number;
}

function byId(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Rank of each Kita in each child's preference (0 is best). */
function preferenceRanks(children: readonly DaChild[]): Map<string, Map<string, number>> {
	const ranks = new Map<string, Map<string, number>>();
	for (const child of children) {
		if (ranks.has(child.id)) throw new Error(`Child ${child.id} is given twice`);
		const own = new Map<string, number>();
		child.preference.forEach((kitaId, i) => {
			if (!own.has(kitaId)) own.set(kitaId, i);
		});
		ranks.set(child.id, own);
	}
	return ranks;
}

export function deferredAcceptance(kitas: readonly DaKita[], children: readonly DaChild[]): DaResult {
	const ranks = preferenceRanks(children);
	const slots: Slot[] = [];
	const sortedKitas = [...kitas].sort((a, b) => byId(a.id, b.id));
	for (let i = 1; i < sortedKitas.length; i++)
		if (sortedKitas[i]?.id === sortedKitas[i - 1]?.id)
			throw new Error(`Kita ${sortedKitas[i]?.id} is given twice`);
	for (const kita of sortedKitas) {
		const lists = new Map<BucketKey, string[]>();
		const seen = new Set<string>();
		for (const c of kita.candidates) {
			if (seen.has(c.childId)) throw new Error(`Child ${c.childId} is a candidate of ${kita.id} twice`);
			seen.add(c.childId);
			if (ranks.get(c.childId)?.has(kita.id) !== true) continue;
			const list = lists.get(c.bucket) ?? [];
			list.push(c.childId);
			lists.set(c.bucket, list);
		}
		for (const bucket of [...lists.keys()].sort()) {
			const capacity = Math.max(0, Math.floor(kita.free[bucket] ?? 0));
			if (capacity > 0)
				slots.push({ kitaId: kita.id, bucket, capacity, list: lists.get(bucket) ?? [], next: 0, held: 0 });
		}
	}

	// holder[child] = index of the slot whose offer the child holds
	const holder = new Map<string, number>();
	const queue: number[] = slots.map((_, i) => i);
	while (queue.length > 0) {
		const s = queue.pop() as number;
		const slot = slots[s] as Slot;
		while (slot.held < slot.capacity && slot.next < slot.list.length) {
			const childId = slot.list[slot.next++] as string;
			const own = ranks.get(childId) as Map<string, number>;
			const current = holder.get(childId);
			if (current === undefined) {
				holder.set(childId, s);
				slot.held++;
				continue;
			}
			const other = slots[current] as Slot;
			if ((own.get(slot.kitaId) as number) < (own.get(other.kitaId) as number)) {
				holder.set(childId, s);
				slot.held++;
				other.held--;
				queue.push(current);
			}
		}
	}

	const offersByKita = new Map<string, DaCandidate[]>();
	for (const kita of sortedKitas) offersByKita.set(kita.id, []);
	// Walk each Kita's own ranking so the offers come out in its order.
	for (const kita of sortedKitas) {
		const offers = offersByKita.get(kita.id) as DaCandidate[];
		for (const c of kita.candidates) {
			const s = holder.get(c.childId);
			if (s !== undefined && slots[s]?.kitaId === kita.id)
				offers.push({ childId: c.childId, bucket: c.bucket });
		}
	}
	return {
		proposals: sortedKitas.map((k) => ({ kitaId: k.id, offers: offersByKita.get(k.id) ?? [] })),
		unmatched: children
			.map((c) => c.id)
			.filter((id) => !holder.has(id))
			.sort(byId)
	};
}

/** Child → Kita of a matching, from the proposals. */
export function matchOf(result: Pick<DaResult, 'proposals'>): Map<string, DaMatch> {
	const match = new Map<string, DaMatch>();
	for (const p of result.proposals)
		for (const o of p.offers)
			match.set(o.childId, { childId: o.childId, kitaId: p.kitaId, bucket: o.bucket });
	return match;
}

export interface BlockingPair {
	childId: string;
	kitaId: string;
	/**
	 * `envy`: the Kita placed a child it ranks lower in the same bucket (justified envy); `waste`:
	 * the bucket still has a free place.
	 */
	kind: 'envy' | 'waste';
}

/**
 * The pairs of child and Kita that both prefer each other to what a matching gave them: the child
 * ranks the Kita above its own place (or has none), and the Kita has a free place in the child's
 * bucket or placed someone there it ranks lower. None means the matching is stable.
 */
export function blockingPairs(
	kitas: readonly DaKita[],
	children: readonly DaChild[],
	matches: ReadonlyMap<string, Pick<DaMatch, 'kitaId' | 'bucket'>>
): BlockingPair[] {
	const ranks = preferenceRanks(children);
	const pairs: BlockingPair[] = [];
	for (const kita of kitas) {
		const placedBy = new Map<BucketKey, number>();
		const lowestPlaced = new Map<BucketKey, number>();
		kita.candidates.forEach((c, i) => {
			const m = matches.get(c.childId);
			if (m?.kitaId !== kita.id) return;
			placedBy.set(c.bucket, (placedBy.get(c.bucket) ?? 0) + 1);
			lowestPlaced.set(c.bucket, i);
		});
		kita.candidates.forEach((c, i) => {
			const own = ranks.get(c.childId);
			const wanted = own?.get(kita.id);
			if (own === undefined || wanted === undefined) return;
			const m = matches.get(c.childId);
			if (m?.kitaId === kita.id) return;
			const held = m === undefined ? undefined : own.get(m.kitaId);
			if (held !== undefined && held <= wanted) return;
			const capacity = Math.max(0, Math.floor(kita.free[c.bucket] ?? 0));
			if ((placedBy.get(c.bucket) ?? 0) < capacity)
				pairs.push({ childId: c.childId, kitaId: kita.id, kind: 'waste' });
			else if ((lowestPlaced.get(c.bucket) ?? -1) > i)
				pairs.push({ childId: c.childId, kitaId: kita.id, kind: 'envy' });
		});
	}
	return pairs.sort((a, b) => byId(a.kitaId, b.kitaId) || byId(a.childId, b.childId));
}
