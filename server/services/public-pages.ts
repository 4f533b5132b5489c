// The Kita pages a search engine may list: every active Kita with the day its facts last changed.
import type { Executor } from '../db/database';

export interface KitaPageEntry {
	id: string;
	/** The day (YYYY-MM-DD) the Kita's master data or own information last changed. */
	changedOn: string | null;
}

export async function activeKitaPages(db: Executor): Promise<KitaPageEntry[]> {
	const rows = await db
		.selectFrom('facilities')
		.select(['id', 'updated_at'])
		.where('active', '=', 1)
		.orderBy('name')
		.orderBy('id')
		.execute();
	return rows.flatMap((row) =>
		row.id === null ? [] : [{ id: row.id, changedOn: /^\d{4}-\d{2}-\d{2}/.exec(row.updated_at)?.[0] ?? null }]
	);
}
