// What each caller may hold locally. A source returns the rows of one entity changed after a seq;
// on a reset (since = 0) it leaves out rows that are gone (inactive) instead of sending deletions.
import type { Executor } from '../db/database';
import type { EntityName, EntityRows } from '../../src/lib/sync/protocol';
import { capacityKey } from '../../src/lib/sync/protocol';
import { toCapacity, toFacility, toKitaYear, toMunicipality } from '../services/catalogue';
import { toChild, toFamily, toGuardian } from '../services/families';
import { toChildminderRequest, toRegistration, toRequest, toRequestEvent } from '../services/requests';

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

/** A parent sees the public catalogue and their own family with its children and requests. */
export function parentScope(userId: string): Scope {
	return {
		key: `parent:${userId}`,
		sources: [
			...publicSources,
			source('families', async (tx, since) => {
				const rows = await tx
					.selectFrom('families')
					.selectAll()
					.where('owner_user_id', '=', userId)
					.where('seq', '>', since)
					.execute();
				return { put: rows.map(toFamily), del: [] };
			}),
			source('guardians', async (tx, since) => {
				const rows = await tx
					.selectFrom('guardians')
					.innerJoin('families', 'families.id', 'guardians.family_id')
					.selectAll('guardians')
					.where('families.owner_user_id', '=', userId)
					.where('guardians.seq', '>', since)
					.execute();
				return { put: rows.map(toGuardian), del: [] };
			}),
			source('children', async (tx, since) => {
				const rows = await tx
					.selectFrom('children')
					.innerJoin('families', 'families.id', 'children.family_id')
					.selectAll('children')
					.where('families.owner_user_id', '=', userId)
					.where('children.seq', '>', since)
					.execute();
				return { put: rows.map(toChild), del: [] };
			}),
			source('registrations', async (tx, since) => {
				const rows = await tx
					.selectFrom('registrations')
					.innerJoin('families', 'families.id', 'registrations.family_id')
					.selectAll('registrations')
					.where('families.owner_user_id', '=', userId)
					.where('registrations.seq', '>', since)
					.execute();
				return { put: rows.map(toRegistration), del: [] };
			}),
			source('requests', async (tx, since) => {
				const rows = await tx
					.selectFrom('requests')
					.innerJoin('children', 'children.id', 'requests.child_id')
					.innerJoin('families', 'families.id', 'children.family_id')
					.selectAll('requests')
					.where('families.owner_user_id', '=', userId)
					.where('requests.seq', '>', since)
					.execute();
				return { put: rows.map((r) => toRequest(r, 'parent')), del: [] };
			}),
			source('requestEvents', async (tx, since) => {
				const rows = await tx
					.selectFrom('request_events')
					.innerJoin('requests', 'requests.id', 'request_events.request_id')
					.innerJoin('children', 'children.id', 'requests.child_id')
					.innerJoin('families', 'families.id', 'children.family_id')
					.selectAll('request_events')
					.where('families.owner_user_id', '=', userId)
					.where('request_events.seq', '>', since)
					.execute();
				return { put: rows.map(toRequestEvent), del: [] };
			}),
			source('childminderRequests', async (tx, since) => {
				const rows = await tx
					.selectFrom('childminder_requests')
					.innerJoin('families', 'families.id', 'childminder_requests.family_id')
					.selectAll('childminder_requests')
					.where('families.owner_user_id', '=', userId)
					.where('childminder_requests.seq', '>', since)
					.execute();
				return { put: rows.map((r) => toChildminderRequest(r, false)), del: [] };
			})
		]
	};
}
