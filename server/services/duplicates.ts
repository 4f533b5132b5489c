// Queries about possible duplicates ("same child?"): which records match, whom a link would be
// confirmed by, and the youth office's list. The decisions themselves are commands
// (server/commands/duplicates.ts).
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { FamilySource } from '../../src/lib/domain/family';
import type { LinkConfirmer, OfficeDuplicate, OfficeDuplicateRecord } from '../../src/lib/domain/staff';
import type { Executor } from '../db/database';
import type { DB, DuplicateCandidatesTable } from '../db/schema';

export async function matchKeyOf(db: Executor, childId: string): Promise<string> {
	const child = await db
		.selectFrom('children')
		.select('match_key')
		.where('id', '=', childId)
		.executeTakeFirstOrThrow();
	return child.match_key;
}

/** The record a child is linked into, following a link once more if the target was linked later. */
export async function rootChild(db: Executor, childId: string): Promise<string> {
	let id = childId;
	for (let hops = 0; hops < 10; hops++) {
		const row = await db.selectFrom('children').select('merged_into').where('id', '=', id).executeTakeFirst();
		if (!row?.merged_into) return id;
		id = row.merged_into;
	}
	return id;
}

/**
 * A child that registered somewhere: a request at a Kita or a child-minding request. Only such
 * records count as possible duplicates — a child entered in an account and registered nowhere is
 * nobody's business, and matching it would let staff probe which children exist in the district
 * (names and trial birth dates) and make the portal ask a family no Kita ever heard of.
 */
export function registeredSomewhere(eb: ExpressionBuilder<DB, 'children'>) {
	return eb.or([
		eb.exists(eb.selectFrom('requests as r').select('r.id').whereRef('r.child_id', '=', 'children.id')),
		eb.exists(
			eb.selectFrom('childminder_requests as cm').select('cm.id').whereRef('cm.child_id', '=', 'children.id')
		)
	]);
}

/** The family that would confirm a link into `childId`'s record: its holder, if it has an account. */
async function confirmerOf(
	db: Executor,
	childId: string
): Promise<{ by: LinkConfirmer; userId: string | null }> {
	const row = await db
		.selectFrom('children')
		.innerJoin('families', 'families.id', 'children.family_id')
		.select('families.owner_user_id')
		.where('children.id', '=', await rootChild(db, childId))
		.executeTakeFirst();
	const userId = row?.owner_user_id ?? null;
	return { by: userId ? 'family' : 'office', userId };
}

/**
 * Who confirms a link of this pair. When the walk-in family has taken an account meanwhile (a
 * claim), both records belong to accounts: neither family may move the other's requests by
 * itself, so the youth office decides.
 */
export async function confirmerOfPair(
	db: Executor,
	row: Pick<Selectable<DuplicateCandidatesTable>, 'child_id' | 'match_child_id'>
): Promise<{ by: LinkConfirmer; userId: string | null }> {
	const walkin = await db
		.selectFrom('children')
		.innerJoin('families', 'families.id', 'children.family_id')
		.select('families.owner_user_id')
		.where('children.id', '=', row.child_id)
		.executeTakeFirst();
	if (walkin?.owner_user_id) return { by: 'office', userId: null };
	return confirmerOf(db, row.match_child_id);
}

async function officeRecord(db: Executor, childId: string): Promise<OfficeDuplicateRecord> {
	const child = await db
		.selectFrom('children')
		.innerJoin('families', 'families.id', 'children.family_id')
		.select([
			'children.first_name',
			'children.last_name',
			'children.birth_date',
			'children.family_id',
			'families.source'
		])
		.where('children.id', '=', childId)
		.executeTakeFirstOrThrow();
	const guardians = await db
		.selectFrom('guardians')
		.select(['first_name', 'last_name', 'street', 'postcode', 'town', 'phone'])
		.where('family_id', '=', child.family_id)
		.orderBy('position')
		.execute();
	const kitas = await db
		.selectFrom('requests')
		.innerJoin('facilities', 'facilities.id', 'requests.facility_id')
		.select('facilities.name')
		.distinct()
		.where('requests.child_id', '=', childId)
		.orderBy('facilities.name')
		.execute();
	return {
		childId,
		firstName: child.first_name,
		lastName: child.last_name,
		birthDate: child.birth_date,
		source: child.source as FamilySource,
		guardians: guardians.map((g) => ({
			firstName: g.first_name,
			lastName: g.last_name,
			street: g.street,
			postcode: g.postcode,
			town: g.town,
			phone: g.phone
		})),
		kitas: kitas.map((k) => k.name)
	};
}

/**
 * The youth office's list: pairs of two walk-ins a Kita proposed to link (both records side by
 * side; admins may see both), and the ones it decided lately.
 */
export async function listOfficeDuplicates(db: Executor): Promise<OfficeDuplicate[]> {
	const rows = await db
		.selectFrom('duplicate_candidates')
		.innerJoin('facilities', 'facilities.id', 'duplicate_candidates.facility_id')
		.selectAll('duplicate_candidates')
		.select('facilities.name as kita')
		.where((eb) =>
			eb.or([
				eb('duplicate_candidates.status', '=', 'awaitingOffice'),
				eb.and([
					eb('duplicate_candidates.status', 'in', ['linked', 'separate']),
					eb(
						'duplicate_candidates.decided_by',
						'in',
						eb.selectFrom('users').select('id').where('role', '=', 'admin')
					)
				])
			])
		)
		.orderBy('duplicate_candidates.asked_at', (o) => o.desc().nullsLast())
		.limit(200)
		.execute();
	const out: OfficeDuplicate[] = [];
	for (const row of rows)
		out.push({
			id: row.id,
			status: row.status,
			kita: row.kita,
			foundAt: row.found_at,
			askedAt: row.asked_at,
			decidedAt: row.decided_at,
			walkin: await officeRecord(db, row.child_id),
			match: await officeRecord(db, row.match_child_id)
		});
	return out;
}
