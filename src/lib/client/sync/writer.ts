// Optimistic writes for pending mutations. Before a pending mutation changes a row, the server's
// version is kept as a shadow; a pull restores shadows and re-applies what is still pending, so a
// refused mutation leaves no trace and the UI shows the server's truth plus the user's intent.
import type { EntityName, EntityRows } from '$lib/sync/protocol';
import type { LocalDb } from '../local-db';

type Id = string;

export interface Writer {
	get<K extends EntityName>(table: K, id: Id): Promise<EntityRows[K] | undefined>;
	put<K extends EntityName>(table: K, row: EntityRows[K]): Promise<void>;
	update<K extends EntityName>(table: K, id: Id, changes: Partial<EntityRows[K]>): Promise<void>;
	/** Rows of a table by an indexed field. */
	where<K extends EntityName>(table: K, field: string, value: string): Promise<EntityRows[K][]>;
	db: LocalDb;
}

function keyOf(row: unknown, table: EntityName): Id {
	const r = row as { id?: string; key?: string };
	return table === 'capacities' ? String(r.key) : String(r.id);
}

export function writer(db: LocalDb): Writer {
	const tables = db.synced();
	async function shadow(table: EntityName, id: Id): Promise<void> {
		const key = `${table}|${id}`;
		if (await db.shadows.get(key)) return;
		const row = await tables[table].get(id);
		await db.shadows.put({ key, table, id, row });
	}
	return {
		db,
		get: async (table, id) => (await tables[table].get(id)) as never,
		async put(table, row) {
			const id = keyOf(row, table);
			await shadow(table, id);
			await tables[table].put(row);
		},
		async update(table, id, changes) {
			await shadow(table, id);
			await tables[table].update(id, changes as never);
		},
		where: async (table, field, value) => (await tables[table].where(field).equals(value).toArray()) as never
	};
}

/** Puts the server's versions back (inside the pull transaction, before pending mutations re-run). */
export async function restoreShadows(db: LocalDb): Promise<void> {
	const tables = db.synced();
	for (const s of await db.shadows.toArray()) {
		if (s.row === undefined) await tables[s.table].delete(s.id);
		else await tables[s.table].put(s.row);
	}
	await db.shadows.clear();
}

/** A pulled server row: when a shadow exists the row is the server's new base, kept in the shadow. */
export async function putServerRow(db: LocalDb, table: EntityName, row: unknown): Promise<void> {
	const id = keyOf(row, table);
	const shadowRow = await db.shadows.get(`${table}|${id}`);
	if (shadowRow) await db.shadows.put({ ...shadowRow, row });
	else await db.synced()[table].put(row);
}

export async function deleteServerRow(db: LocalDb, table: EntityName, id: Id): Promise<void> {
	const shadowRow = await db.shadows.get(`${table}|${id}`);
	if (shadowRow) await db.shadows.put({ ...shadowRow, row: undefined });
	else await db.synced()[table].delete(id);
}
