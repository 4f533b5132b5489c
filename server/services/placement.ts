// Who is concerned by a child's requests: the families that hold its contacts, the staff and
// owners to poke, the generic status mail. The transitions themselves are commands
// (server/commands/transition-request.ts).
import type { Executor } from '../db/database';
import { familyHoldingChild } from './families';
import { notifyOfferReleased, notifyStatusChange } from './notifications';

/**
 * Families whose contacts belong to a child: its own family and the families of records linked
 * into it ("same child" — e.g. a walk-in entered at another Kita).
 */
export async function contactFamilyIds(db: Executor, childId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('children')
		.select('family_id')
		.where((eb) => eb.or([eb('id', '=', childId), eb('merged_into', '=', childId)]))
		.execute();
	return [...new Set(rows.map((r) => r.family_id))];
}

/** Staff of the Kitas and owners of the families that see this child's requests. */
export async function usersConcerned(db: Executor, childId: string): Promise<string[]> {
	const staff = await db
		.selectFrom('user_facilities')
		.innerJoin('requests', 'requests.facility_id', 'user_facilities.facility_id')
		.select('user_facilities.user_id')
		.where('requests.child_id', '=', childId)
		.distinct()
		.execute();
	const families = await contactFamilyIds(db, childId);
	const owners = families.length
		? await db
				.selectFrom('families')
				.select('owner_user_id')
				.where('id', 'in', families)
				.where('owner_user_id', 'is not', null)
				.execute()
		: [];
	return [
		...staff.map((s) => s.user_id),
		...owners.flatMap((o) => (o.owner_user_id ? [o.owner_user_id] : []))
	];
}

/**
 * The generic status mail (FAQ: no details) to the family that holds the child's requests — not to
 * the families of records linked into it: they no longer see those requests (childrenHeldBy).
 */
export async function notifyChildStatus(
	db: Executor,
	childId: string,
	now: Date,
	origin: string
): Promise<void> {
	const familyId = await familyHoldingChild(db, childId);
	if (familyId) await notifyStatusChange(db, familyId, now, origin);
}

/**
 * The mail about a released offer (issue 17) to the family holding the child: which offer of that
 * Kita year the child holds now (the one whose offer released `released`), and which one went.
 */
export async function notifyReleasedOffer(
	db: Executor,
	released: { id: string; child_id: string; kita_year_id: string; facility_id: string; rank: number },
	now: Date,
	origin: string
): Promise<void> {
	const familyId = await familyHoldingChild(db, released.child_id);
	const kept = await db
		.selectFrom('requests')
		.innerJoin('facilities', 'facilities.id', 'requests.facility_id')
		.select(['facilities.name', 'requests.rank'])
		.where('requests.child_id', '=', released.child_id)
		.where('requests.kita_year_id', '=', released.kita_year_id)
		.where('requests.status', 'in', ['offered', 'accepted'])
		.where('requests.id', '!=', released.id)
		.orderBy('requests.rank')
		.executeTakeFirst();
	const facility = await db
		.selectFrom('facilities')
		.select('name')
		.where('id', '=', released.facility_id)
		.executeTakeFirst();
	const child = await db
		.selectFrom('children')
		.select('first_name')
		.where('id', '=', released.child_id)
		.executeTakeFirst();
	if (!familyId || !kept || !facility || !child) return;
	await notifyOfferReleased(
		db,
		{
			familyId,
			childFirstName: child.first_name,
			kept: { kita: kept.name, rank: kept.rank },
			released: { kita: facility.name, rank: released.rank }
		},
		now,
		origin
	);
}
