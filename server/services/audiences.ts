// Whose open clients hold a row, and so must be poked when it changes.
import type { Executor } from '../db/database';

export async function staffOf(db: Executor, facilityIds: readonly string[]): Promise<string[]> {
	if (!facilityIds.length) return [];
	const rows = await db
		.selectFrom('user_facilities')
		.select('user_id')
		.where('facility_id', 'in', facilityIds)
		.execute();
	return rows.map((r) => r.user_id);
}

/** The Fachberatung: every adviser holds every child-minding request. */
export async function advisers(db: Executor): Promise<string[]> {
	const rows = await db.selectFrom('users').select('id').where('role', '=', 'childminding').execute();
	return rows.map((r) => r.id);
}
