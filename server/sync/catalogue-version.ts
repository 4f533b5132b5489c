// Where the public catalogue stands, read in one statement on SQLite: the catalogue cache checks it
// on every first pull, the anonymous answers key on it, and an anonymous pull with nothing new in the
// catalogue is answered from it.
import type Database from 'better-sqlite3';

/** Where the public catalogue stands: a first pull read at `publicSeq` still holds while it is the same. */
export interface CatalogueVersion {
	/** The global change counter. */
	seq: number;
	/** Cookies below this seq are refused (pruned deletions): an entry older than it is rebuilt. */
	prunedThrough: number;
	/** The highest seq of any public row: every catalogue change stamps its rows with a new seq. */
	publicSeq: number;
}

/** The public scope's entities and their tables: a new public entity must be added here (test). */
export const CATALOGUE_TABLES = {
	municipalities: 'municipalities',
	kitaYears: 'kita_years',
	facilities: 'facilities',
	capacities: 'capacities'
} as const;

/**
 * The highest seq of each catalogue table, as SQL both engines read (constant names only). Catalogue
 * rows are never deleted (a Kita leaves by `active = 0`, which stamps a seq), so the highest seq of
 * the four tables moves with every change; each max() reads one end of the table's seq index.
 */
export const CATALOGUE_MAXIMA = Object.values(CATALOGUE_TABLES)
	.map((table) => `coalesce((SELECT max(seq) FROM ${table}), 0)`)
	.join(', ');

const VERSION_SQL = `SELECT seq, deletions_pruned_through AS prunedThrough, max(${CATALOGUE_MAXIMA}) AS publicSeq
FROM sync_state WHERE id = 1`;

const versionStatements = new WeakMap<Database.Database, Database.Statement<[], CatalogueVersion>>();

/** One prepared statement, no Kysely round: this runs on every first pull. */
export function readCatalogueVersion(sqlite: Database.Database): CatalogueVersion {
	let statement = versionStatements.get(sqlite);
	if (!statement) {
		statement = sqlite.prepare<[], CatalogueVersion>(VERSION_SQL);
		versionStatements.set(sqlite, statement);
	}
	const row = statement.get();
	if (!row) throw new Error('sync_state has no row');
	return row;
}
