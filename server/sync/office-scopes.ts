// What the youth office holds locally. Admins: the whole catalogue, deactivated Kitas included (so
// they can be edited and switched on again). Fachberatung: the catalogue and every child-minding
// request with its internal note, the child and the family's contact — nothing of Kita requests.
import { expressionBuilder, type Expression } from 'kysely';
import { capacityKey } from '../../src/lib/sync/protocol';
import type { DB } from '../db/schema';
import { toCapacity, toFacility } from '../services/catalogue';
import { toChild, toFamily, toGuardian } from '../services/families';
import { toChildminderRequest } from '../services/requests';
import { withOfficeDeletions } from './deletions';
import { PERMITTED_ACTIONS_GENERATION, withChildmindingActions } from './permitted';
import { publicSources, put, source, type Scope } from './scopes';

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

/**
 * A child-minding request whose `column` is `id` exists, and it or the row itself (`seq`) changed
 * since the cookie: contact rows are (re)sent when they changed themselves, or when a request of
 * theirs changed (a new request of a family whose contact the client never had).
 */
function ofChangedRequest(
	column: 'cr.family_id' | 'cr.child_id',
	id: Expression<string>,
	seq: Expression<number>,
	since: number
) {
	const eb = expressionBuilder<DB, never>();
	return eb.exists(
		eb
			.selectFrom('childminder_requests as cr')
			.select('cr.id')
			.where(column, '=', id)
			.where((w) => w.or([w('cr.seq', '>', since), w(seq, '>', since)]))
	);
}

export function childmindingScope(userId: string): Scope {
	const actor = { role: 'childminding', userId, facilityIds: [] } as const;
	return {
		// The generation: rows held from before permittedActions get a reset (server/sync/permitted.ts).
		key: `childminding${PERMITTED_ACTIONS_GENERATION}:${userId}`,
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
					rows.map((r) =>
						withChildmindingActions(
							{ ...toChildminderRequest(r, true), accountEmail: r.account_email },
							actor,
							false
						)
					)
				);
			}),
			source('families', async (tx, since) => {
				const rows = await tx
					.selectFrom('families')
					.selectAll('families')
					.where((eb) =>
						ofChangedRequest('cr.family_id', eb.ref('families.id'), eb.ref('families.seq'), since)
					)
					.execute();
				return put<'families'>(rows.map(toFamily));
			}),
			source('guardians', async (tx, since) => {
				const rows = await tx
					.selectFrom('guardians')
					.selectAll('guardians')
					.where((eb) =>
						ofChangedRequest('cr.family_id', eb.ref('guardians.family_id'), eb.ref('guardians.seq'), since)
					)
					.execute();
				return put<'guardians'>(rows.map(toGuardian));
			}),
			source('children', async (tx, since) => {
				const rows = await tx
					.selectFrom('children')
					.selectAll('children')
					.where((eb) =>
						ofChangedRequest('cr.child_id', eb.ref('children.id'), eb.ref('children.seq'), since)
					)
					.execute();
				return put<'children'>(rows.map(toChild));
			})
		])
	};
}
