// What the youth office reads for its hardship decisions: a child looked up by the name and birth
// date on the application (only children registered at a Kita, never a linked record), and the
// list of children with a decided hardship case. Queries and mapping only.
import type { Day } from '../../src/lib/domain/calendar-day';
import type { FindChildInput, HardshipChild } from '../../src/lib/domain/hardship';
import { searchText } from '../../src/lib/domain/queue';
import type { Executor } from '../db/database';

type ChildRow = {
	id: string;
	first_name: string;
	last_name: string;
	birth_date: string;
	hardship_decided_on: string | null;
	hardship_reference: string | null;
};

async function withKitas(db: Executor, rows: ChildRow[]): Promise<HardshipChild[]> {
	if (!rows.length) return [];
	const kitas = await db
		.selectFrom('requests')
		.innerJoin('facilities', 'facilities.id', 'requests.facility_id')
		.select(['requests.child_id', 'facilities.name'])
		.where(
			'requests.child_id',
			'in',
			rows.map((r) => r.id)
		)
		.execute();
	return rows
		.map((r) => ({
			childId: r.id,
			firstName: r.first_name,
			lastName: r.last_name,
			birthDate: r.birth_date as Day,
			kitas: [...new Set(kitas.filter((k) => k.child_id === r.id).map((k) => k.name))].sort(),
			hardship:
				r.hardship_decided_on && r.hardship_reference
					? { decidedOn: r.hardship_decided_on as Day, reference: r.hardship_reference }
					: null
		}))
		.filter((c) => c.kitas.length > 0);
}

const CHILD_COLUMNS = [
	'children.id',
	'children.first_name',
	'children.last_name',
	'children.birth_date',
	'children.hardship_decided_on',
	'children.hardship_reference'
] as const;

/**
 * Children born on the day whose names contain the words given (umlauts and case do not matter),
 * that have a request at a Kita; at most 20.
 */
export async function findChildren(db: Executor, input: FindChildInput): Promise<HardshipChild[]> {
	const rows = await db
		.selectFrom('children')
		.select(CHILD_COLUMNS)
		.where('children.birth_date', '=', input.birthDate)
		.where('children.merged_into', 'is', null)
		.execute();
	const last = searchText(input.lastName);
	const first = searchText(input.firstName);
	const matching = rows.filter(
		// The name as it begins, not any part of it: a letter and a birth date list no district's children.
		(r) => searchText(r.last_name).startsWith(last) && searchText(r.first_name).startsWith(first)
	);
	return (await withKitas(db, matching as ChildRow[])).slice(0, 20);
}

/** Every child with a decided hardship case, the latest decisions first. */
export async function hardshipCases(db: Executor): Promise<HardshipChild[]> {
	const rows = await db
		.selectFrom('children')
		.select(CHILD_COLUMNS)
		.where('children.hardship_decided_on', 'is not', null)
		.orderBy('children.hardship_decided_on', 'desc')
		.execute();
	return withKitas(db, rows as ChildRow[]);
}
