// What the youth office holds locally. Admins: the whole catalogue, deactivated Kitas included (so
// they can be edited and switched on again). Fachberatung: the catalogue and every child-minding
// request with its internal note, the child and the family's contact — nothing of Kita requests.
import type { EntityName, EntityRows } from '../../src/lib/sync/protocol';
import { capacityKey } from '../../src/lib/sync/protocol';
import type { Executor } from '../db/database';
import { toCapacity, toFacility } from '../services/catalogue';
import { toChild, toFamily, toGuardian } from '../services/families';
import { toChildminderRequest } from '../services/requests';
import { withOfficeDeletions } from './deletions';
import { publicSources, type EntitySource, type Scope, type SourceChanges } from './scopes';

function source<K extends EntityName>(
	entity: K,
	changesSince: (tx: Executor, since: number) => Promise<SourceChanges<K>>
): EntitySource {
	return { entity, changesSince } as EntitySource;
}

function put<K extends EntityName>(rows: EntityRows[K][]): SourceChanges<K> {
	return { put: rows, del: [] };
}

export function adminScope(userId: string): Scope {
	const publicRest = publicSources.filter((s) => s.entity !== 'facilities' && s.entity !== 'capacities');
	return {
		key: `admin:${userId}`,
		sources: [
			...publicRest,
			source('facilities', async (tx, since) => {
				const rows = await tx.selectFrom('facilities').selectAll().where('seq', '>', since).execute();
				return put<'facilities'>(rows.map(toFacility));
			}),
			source('capacities', async (tx, since) => {
				const rows = await tx
					.selectFrom('capacities')
					.innerJoin('facilities', 'facilities.id', 'capacities.facility_id')
					.selectAll('capacities')
					.where((eb) => eb.or([eb('capacities.seq', '>', since), eb('facilities.seq', '>', since)]))
					.execute();
				return put<'capacities'>(rows.map((r) => ({ ...toCapacity(r), key: capacityKey(toCapacity(r)) })));
			})
		]
	};
}

export function childmindingScope(userId: string): Scope {
	return {
		key: `childminding:${userId}`,
		// Retention deletes child-minding requests: the Fachberatung's devices drop them, and the
		// child and the family's contact once no request of theirs is left (sync_deletions).
		sources: withOfficeDeletions('childminding', [
			...publicSources,
			source('childminderRequests', async (tx, since) => {
				const rows = await tx
					.selectFrom('childminder_requests')
					.leftJoin('families', 'families.id', 'childminder_requests.family_id')
					.leftJoin('users', 'users.id', 'families.owner_user_id')
					.selectAll('childminder_requests')
					.select('users.email as account_email')
					.where('childminder_requests.seq', '>', since)
					.execute();
				return put<'childminderRequests'>(
					rows.map((r) => ({ ...toChildminderRequest(r, true), accountEmail: r.account_email }))
				);
			}),
			// Contact rows are (re)sent when they changed themselves, or when a request of their family
			// changed (a new request of a family whose contact the client never had).
			source('families', async (tx, since) => {
				const rows = await tx
					.selectFrom('families')
					.selectAll('families')
					.where((eb) =>
						eb.exists(
							eb
								.selectFrom('childminder_requests as cr')
								.select('cr.id')
								.whereRef('cr.family_id', '=', 'families.id')
								.where((w) => w.or([w('cr.seq', '>', since), w('families.seq', '>', since)]))
						)
					)
					.execute();
				return put<'families'>(rows.map(toFamily));
			}),
			source('guardians', async (tx, since) => {
				const rows = await tx
					.selectFrom('guardians')
					.selectAll('guardians')
					.where((eb) =>
						eb.exists(
							eb
								.selectFrom('childminder_requests as cr')
								.select('cr.id')
								.whereRef('cr.family_id', '=', 'guardians.family_id')
								.where((w) => w.or([w('cr.seq', '>', since), w('guardians.seq', '>', since)]))
						)
					)
					.execute();
				return put<'guardians'>(rows.map(toGuardian));
			}),
			source('children', async (tx, since) => {
				const rows = await tx
					.selectFrom('children')
					.selectAll('children')
					.where((eb) =>
						eb.exists(
							eb
								.selectFrom('childminder_requests as cr')
								.select('cr.id')
								.whereRef('cr.child_id', '=', 'children.id')
								.where((w) => w.or([w('cr.seq', '>', since), w('children.seq', '>', since)]))
						)
					)
					.execute();
				return put<'children'>(rows.map(toChild));
			})
		])
	};
}
