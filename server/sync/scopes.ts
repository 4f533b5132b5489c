// What each caller may hold locally. A source returns the rows of one entity changed after a seq;
// on a reset (since = 0) it leaves out rows that are gone (inactive) instead of sending deletions.
import type { Executor } from '../db/database';
import type { EntityName, EntityRows } from '../../src/lib/sync/protocol';
import { capacityKey } from '../../src/lib/sync/protocol';
import { toCapacity, toFacility, toKitaYear, toMunicipality } from '../services/catalogue';
import { childrenHeldBy, childrenOfOwner, toChild, toFamily, toGuardian } from '../services/families';
import { toChildminderRequest, toRegistration, toRequest, toRequestEvent } from '../services/requests';
import { deletedForOwner } from './deletions';

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

/**
 * Rows that changed since the cookie, split into those the parent may hold (`held` = 1) and those
 * they held before but no longer may (a link moved them to the surviving child's family). On a
 * reset the client starts empty, so nothing needs deleting.
 */
function heldOrDropped<R extends { id: string; held: unknown }, T>(
	rows: R[],
	reset: boolean,
	map: (row: R) => T
): { put: T[]; del: string[] } {
	return {
		put: rows.filter((r) => Number(r.held) === 1).map(map),
		del: reset ? [] : rows.filter((r) => Number(r.held) !== 1).map((r) => r.id)
	};
}

/** Adds the rows retention deleted from the server that the family held (sync_deletions). */
async function withDeleted<T>(
	changes: { put: T[]; del: string[] },
	deleted: () => Promise<string[]>,
	reset: boolean
): Promise<{ put: T[]; del: string[] }> {
	if (reset) return changes;
	return { put: changes.put, del: [...new Set([...changes.del, ...(await deleted())])] };
}

/**
 * A parent sees the public catalogue, their own family with its children (linked records
 * included, marked as such), and the requests, registrations, history and child-minding requests
 * of the children their family holds: a link ("same child") gives all of them to the family of the
 * surviving record (childrenHeldBy), and the other family's devices drop them.
 */
export function parentScope(userId: string): Scope {
	const ownFamilies = (tx: Executor) =>
		tx.selectFrom('families').select('families.id').where('families.owner_user_id', '=', userId);
	const ownRegistrations = (tx: Executor) =>
		tx
			.selectFrom('registrations as own_reg')
			.select('own_reg.id')
			.where('own_reg.family_id', 'in', ownFamilies(tx));
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
				// A linked record says so, so the pages can tell where its requests went (links are final).
				return {
					put: rows.map((r) => (r.merged_into ? { ...toChild(r), mergedInto: r.merged_into } : toChild(r))),
					del: []
				};
			}),
			source('registrations', async (tx, since, reset) => {
				const rows = await tx
					.selectFrom('registrations')
					.selectAll('registrations')
					.select((eb) => eb('registrations.child_id', 'in', childrenHeldBy(tx, userId)).as('held'))
					.where('registrations.seq', '>', since)
					.where((eb) =>
						eb.or([
							eb('registrations.child_id', 'in', childrenHeldBy(tx, userId)),
							eb('registrations.family_id', 'in', ownFamilies(tx))
						])
					)
					.execute();
				return withDeleted(
					heldOrDropped(rows, reset, toRegistration),
					() => deletedForOwner(tx, 'registrations', since, userId),
					reset
				);
			}),
			source('requests', async (tx, since, reset) => {
				const rows = await tx
					.selectFrom('requests')
					.selectAll('requests')
					.select((eb) => eb('requests.child_id', 'in', childrenHeldBy(tx, userId)).as('held'))
					.where('requests.seq', '>', since)
					.where((eb) =>
						eb.or([
							eb('requests.child_id', 'in', childrenHeldBy(tx, userId)),
							eb('requests.child_id', 'in', childrenOfOwner(tx, userId)),
							eb('requests.registration_id', 'in', ownRegistrations(tx))
						])
					)
					.execute();
				return withDeleted(
					heldOrDropped(rows, reset, (r) => toRequest(r, 'parent')),
					() => deletedForOwner(tx, 'requests', since, userId),
					reset
				);
			}),
			source('requestEvents', async (tx, since, reset) => {
				const rows = await tx
					.selectFrom('request_events')
					.innerJoin('requests', 'requests.id', 'request_events.request_id')
					.selectAll('request_events')
					.select((eb) => eb('requests.child_id', 'in', childrenHeldBy(tx, userId)).as('held'))
					.where('request_events.seq', '>', since)
					.where((eb) =>
						eb.or([
							eb('requests.child_id', 'in', childrenHeldBy(tx, userId)),
							eb('requests.child_id', 'in', childrenOfOwner(tx, userId)),
							eb('requests.registration_id', 'in', ownRegistrations(tx))
						])
					)
					.execute();
				return withDeleted(
					heldOrDropped(rows, reset, toRequestEvent),
					() => deletedForOwner(tx, 'requestEvents', since, userId),
					reset
				);
			}),
			source('childminderRequests', async (tx, since, reset) => {
				const rows = await tx
					.selectFrom('childminder_requests')
					.selectAll('childminder_requests')
					.select((eb) => eb('childminder_requests.child_id', 'in', childrenHeldBy(tx, userId)).as('held'))
					.where('childminder_requests.seq', '>', since)
					.where((eb) =>
						eb.or([
							eb('childminder_requests.child_id', 'in', childrenHeldBy(tx, userId)),
							eb('childminder_requests.family_id', 'in', ownFamilies(tx))
						])
					)
					.execute();
				return withDeleted(
					heldOrDropped(rows, reset, (r) => toChildminderRequest(r, false)),
					() => deletedForOwner(tx, 'childminderRequests', since, userId),
					reset
				);
			})
		]
	};
}
