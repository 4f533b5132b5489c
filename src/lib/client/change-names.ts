// What the device holds to name the things a change is about (child, Kita, guardian): read from
// the local database for the "needs attention" list and the logout warning.
import type { Guardian } from '$lib/domain/family';
import type { LocalDb } from './local-db';

/** What the device holds to name the things a refused mutation was about. */
export interface RejectionNames {
	facilities: ReadonlyMap<string, string>;
	/** Child id → "first last". */
	children: ReadonlyMap<string, string>;
	requests: ReadonlyMap<string, { childId: string; facilityId: string }>;
	childminding: ReadonlyMap<string, { childId: string }>;
	/** Possible duplicates (staff) and link questions (parents): the walk-in's or own child. */
	duplicates: ReadonlyMap<string, { childId: string; facilityId?: string; facilityName?: string }>;
	/** Family id → one of its children's names (walk-in families for the claim code). */
	families: ReadonlyMap<string, string>;
	guardians: ReadonlyMap<string, Guardian>;
	/** Offer rounds' proposals (staff): the Kita each is for. */
	proposals: ReadonlyMap<string, { facilityId: string }>;
	/** Kita staff edit their Kita's description at /kita/angaben, the youth office at /verwaltung. */
	staff: boolean;
}

export const NO_NAMES: RejectionNames = {
	facilities: new Map(),
	children: new Map(),
	requests: new Map(),
	childminding: new Map(),
	duplicates: new Map(),
	families: new Map(),
	guardians: new Map(),
	proposals: new Map(),
	staff: false
};

export async function loadChangeNames(db: LocalDb, staff: boolean): Promise<RejectionNames> {
	const [facilities, children, requests, childminding, duplicates, questions, guardians, proposals] =
		await Promise.all([
			db.facilities.toArray(),
			db.children.toArray(),
			db.requests.toArray(),
			db.childminderRequests.toArray(),
			db.duplicateCandidates.toArray(),
			db.linkQuestions.toArray(),
			db.guardians.toArray(),
			db.roundProposals.toArray()
		]);
	const childNames = new Map(children.map((c) => [c.id, `${c.firstName} ${c.lastName}`]));
	return {
		facilities: new Map(facilities.map((f) => [f.id, f.name])),
		children: childNames,
		requests: new Map(requests.map((r) => [r.id, r])),
		childminding: new Map(childminding.map((r) => [r.id, r])),
		duplicates: new Map<string, { childId: string; facilityId?: string; facilityName?: string }>([
			...duplicates.map((d) => [d.id, d] as const),
			...questions.map((q) => [q.id, q] as const)
		]),
		families: new Map(children.map((c) => [c.familyId, childNames.get(c.id) ?? ''])),
		guardians: new Map(guardians.map((g) => [g.id, g])),
		proposals: new Map(proposals.map((p) => [p.id, p])),
		staff
	};
}
