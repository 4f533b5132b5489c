// What each caller may hold locally. A source returns the rows of one entity changed after a seq;
// on a reset (since = 0) it leaves out rows that are gone (inactive) instead of sending deletions.
import type { Executor } from '../db/database';
import type { EntityName, EntityRows } from '../../src/lib/sync/protocol';
import { capacityKey } from '../../src/lib/sync/protocol';
import { toCapacity, toFacility, toKitaYear, toMunicipality } from '../services/catalogue';

export interface SourceChanges<K extends EntityName> {
	put: EntityRows[K][];
	del: string[];
}

export interface EntitySource<K extends EntityName = EntityName> {
	entity: K;
	changesSince(tx: Executor, since: number, reset: boolean): Promise<SourceChanges<K>>;
}

export interface Scope {
	/** Changes when the set of rows the caller may see changes shape; a cookie of another key resets. */
	key: string;
	sources: EntitySource[];
}

function source<K extends EntityName>(
	entity: K,
	changesSince: (tx: Executor, since: number, reset: boolean) => Promise<SourceChanges<K>>
): EntitySource {
	return { entity, changesSince } as EntitySource;
}

export const publicSources: EntitySource[] = [
	source('municipalities', async (tx, since) => {
		const rows = await tx.selectFrom('municipalities').selectAll().where('seq', '>', since).execute();
		return { put: rows.map(toMunicipality), del: [] };
	}),
	source('kitaYears', async (tx, since) => {
		const rows = await tx.selectFrom('kita_years').selectAll().where('seq', '>', since).execute();
		return { put: rows.map(toKitaYear), del: [] };
	}),
	source('facilities', async (tx, since, reset) => {
		const rows = await tx.selectFrom('facilities').selectAll().where('seq', '>', since).execute();
		return {
			put: rows.filter((r) => r.active === 1).map(toFacility),
			del: reset ? [] : rows.filter((r) => r.active === 0).map((r) => r.id)
		};
	}),
	source('capacities', async (tx, since, reset) => {
		const rows = await tx
			.selectFrom('capacities')
			.innerJoin('facilities', 'facilities.id', 'capacities.facility_id')
			.selectAll('capacities')
			.select('facilities.active')
			.where((eb) => eb.or([eb('capacities.seq', '>', since), eb('facilities.seq', '>', since)]))
			.execute();
		const put = rows.filter((r) => r.active === 1).map((r) => ({ ...toCapacity(r), key: '' }));
		for (const c of put) c.key = capacityKey(c);
		return {
			put,
			del: reset ? [] : rows.filter((r) => r.active === 0).map((r) => capacityKey(toCapacity(r)))
		};
	})
];

export const publicScope: Scope = { key: 'public', sources: publicSources };
