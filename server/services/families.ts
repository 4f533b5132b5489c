// Repository of families, guardians and children: the one place that maps their columns, and the
// queries of who holds a child (the writes are commands: server/commands/family.ts).
import { sql, type Selectable, type SqlBool } from 'kysely';
import type { Child, Family, Guardian } from '../../src/lib/domain/family';
import type { Executor } from '../db/database';
import { engineOf } from '../db/engine';
import type { ChildrenTable, FamiliesTable, GuardiansTable } from '../db/schema';

export function toFamily(row: Selectable<FamiliesTable>): Family {
	return { id: row.id, source: row.source, createdAt: row.created_at };
}

export function toGuardian(row: Selectable<GuardiansTable>): Guardian {
	return {
		id: row.id,
		familyId: row.family_id,
		position: row.position as 1 | 2,
		firstName: row.first_name,
		lastName: row.last_name,
		street: row.street,
		postcode: row.postcode,
		town: row.town,
		phone: row.phone,
		email: row.email,
		employedOrTraining: row.employed_or_training === 1
	};
}

export function toChild(row: Selectable<ChildrenTable>): Child {
	return {
		id: row.id,
		familyId: row.family_id,
		firstName: row.first_name,
		lastName: row.last_name,
		birthDate: row.birth_date
	};
}

export async function familyOfUser(
	db: Executor,
	userId: string
): Promise<Selectable<FamiliesTable> | undefined> {
	return db.selectFrom('families').selectAll().where('owner_user_id', '=', userId).executeTakeFirst();
}

/**
 * The children whose requests the account's family holds: its own records that are not linked
 * elsewhere, and records of other families linked into one of them ("same child"). A link decides
 * ownership: the surviving record's family holds the requests, registrations and child-minding
 * requests of every record linked into it; the linked record's family keeps only the record.
 */
export function childrenHeldBy(db: Executor, ownerUserId: string) {
	const own = db
		.selectFrom('families')
		.select('families.id')
		.where('families.owner_user_id', '=', ownerUserId);
	const roots = db
		.selectFrom('children as root')
		.select('root.id')
		.where('root.family_id', 'in', own)
		// `+` keeps SQLite off the index on merged_into: for `IS NULL` it read nearly every child of
		// the district (all unlinked records) before the family filter; by the family it reads a few.
		// Every parent pull runs this four times (0.5–1 ms each with 10,000 requests, now ≈ 0.02).
		.where(
			engineOf(db) === 'sqlite'
				? sql<SqlBool>`+${sql.ref('root.merged_into')} is null`
				: sql<SqlBool>`${sql.ref('root.merged_into')} is null`
		);
	return db
		.selectFrom('children as held')
		.select('held.id')
		.where((eb) => eb.or([eb('held.id', 'in', roots), eb('held.merged_into', 'in', roots)]));
}

/**
 * The family that holds a child's requests by the rule of `childrenHeldBy`: the record's own family,
 * or — for a record linked into another — the surviving record's family (links have one hop).
 */
export async function familyHoldingChild(db: Executor, childId: string): Promise<string | undefined> {
	const row = await db
		.selectFrom('children')
		.leftJoin('children as survivor', 'survivor.id', 'children.merged_into')
		.select(['children.family_id', 'survivor.family_id as survivor_family_id'])
		.where('children.id', '=', childId)
		.executeTakeFirst();
	return row ? (row.survivor_family_id ?? row.family_id) : undefined;
}

/** The children of the account's family, linked records included (the family's own data). */
export function childrenOfOwner(db: Executor, ownerUserId: string) {
	return db
		.selectFrom('children as mine')
		.innerJoin('families as f', 'f.id', 'mine.family_id')
		.select('mine.id')
		.where('f.owner_user_id', '=', ownerUserId);
}
