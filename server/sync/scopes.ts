// What each caller may hold locally. A source returns the rows of one entity changed after a seq;
// on a reset (since = 0) it leaves out rows that are gone (inactive) instead of sending deletions.
import { expressionBuilder, type Expression, type ExpressionBuilder } from 'kysely';
import type { Executor } from '../db/database';
import type { DB } from '../db/schema';
import type { EntityName, EntityRows } from '../../src/lib/sync/protocol';
import { capacityKey } from '../../src/lib/sync/protocol';
import { toCapacity, toFacility, toKitaYear, toMunicipality } from '../services/catalogue';
import { childrenHeldBy, childrenOfOwner, toChild, toFamily, toGuardian } from '../services/families';
import { toChildminderRequest, toRegistration, toRequest, toRequestEvent } from '../services/requests';
import { toLinkQuestion } from '../services/walkins';
import { deletedForOwner } from './deletions';
import { PERMITTED_ACTIONS_GENERATION, withChildmindingActions, withRequestActions } from './permitted';
import type { EntitySource, SourceChanges } from './entity-source';

export type { EntitySource, SourceChanges } from './entity-source';

export interface Scope {
	/** Changes when the set of rows the caller may see changes shape; a cookie of another key resets. */
	key: string;
	sources: EntitySource[];
}

export function source<K extends EntityName>(
	entity: K,
	changesSince: (tx: Executor, since: number, reset: boolean) => Promise<SourceChanges<K>>
): EntitySource {
	return { entity, changesSince } as EntitySource;
}

export function put<K extends EntityName>(rows: EntityRows[K][], del: string[] = []): SourceChanges<K> {
	return { put: rows, del };
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
	// Rows of the family's own, or of a child it holds (its own or one linked into its own).
	const ownOrHeld = (tx: Executor, child: Expression<string>, family: Expression<string>) => {
		const eb = expressionBuilder<DB, never>();
		return eb.or([eb(child, 'in', childrenHeldBy(tx, userId)), eb(family, 'in', ownFamilies(tx))]);
	};
	// A request the family holds, or held before a link moved it away (of its own children or
	// registrations).
	const heldRequest = (tx: Executor, eb: ExpressionBuilder<DB, 'requests'>) =>
		eb('requests.child_id', 'in', childrenHeldBy(tx, userId));
	const seenRequest = (tx: Executor, eb: ExpressionBuilder<DB, 'requests'>) =>
		eb.or([
			heldRequest(tx, eb),
			eb('requests.child_id', 'in', childrenOfOwner(tx, userId)),
			eb('requests.registration_id', 'in', ownRegistrations(tx))
		]);
	/**
	 * Rows of the children the family holds or held, read by `changed` flagged `held`: those it
	 * holds are sent; the others (a link moved them to the surviving child's family) are deleted on
	 * its devices, and so are those retention deleted from the server that the family held
	 * (sync_deletions). On a reset the client starts empty, so nothing needs deleting.
	 */
	const heldSource = <K extends EntityName, R extends { id: string; held: unknown }>(
		entity: K,
		changed: (tx: Executor, since: number) => Promise<R[]>,
		map: (row: R) => EntityRows[K]
	) =>
		source(entity, async (tx, since, reset) => {
			const rows = await changed(tx, since);
			const held = rows.filter((r) => Number(r.held) === 1).map(map);
			if (reset) return put<K>(held);
			const dropped = rows.filter((r) => Number(r.held) !== 1).map((r) => r.id);
			return put<K>(held, [...new Set([...dropped, ...(await deletedForOwner(tx, entity, since, userId))])]);
		});
	const actor = { role: 'parent', userId, facilityIds: [] } as const;
	return {
		// The generation: rows held from before permittedActions get a reset (server/sync/permitted.ts).
		key: `parent${PERMITTED_ACTIONS_GENERATION}:${userId}`,
		sources: [
			...publicSources,
			source('families', async (tx, since) => {
				const rows = await tx
					.selectFrom('families')
					.selectAll()
					.where('owner_user_id', '=', userId)
					.where('seq', '>', since)
					.execute();
				return put<'families'>(rows.map(toFamily));
			}),
			source('guardians', async (tx, since) => {
				const rows = await tx
					.selectFrom('guardians')
					.innerJoin('families', 'families.id', 'guardians.family_id')
					.selectAll('guardians')
					.where('families.owner_user_id', '=', userId)
					.where('guardians.seq', '>', since)
					.execute();
				return put<'guardians'>(rows.map(toGuardian));
			}),
			source('children', async (tx, since, reset) => {
				const rows = await tx
					.selectFrom('children')
					.innerJoin('families', 'families.id', 'children.family_id')
					.selectAll('children')
					.where('families.owner_user_id', '=', userId)
					.where('children.seq', '>', since)
					.execute();
				// A linked record says so, so the pages can tell where its requests went (links are final).
				// A stub a claim made moot (both records now in the family) is deleted (sync_deletions).
				return put<'children'>(
					rows.map((r) => (r.merged_into ? { ...toChild(r), mergedInto: r.merged_into } : toChild(r))),
					reset ? [] : await deletedForOwner(tx, 'children', since, userId)
				);
			}),
			heldSource(
				'registrations',
				(tx, since) =>
					tx
						.selectFrom('registrations')
						.selectAll('registrations')
						.select((eb) => eb('registrations.child_id', 'in', childrenHeldBy(tx, userId)).as('held'))
						.where('registrations.seq', '>', since)
						.where((eb) => ownOrHeld(tx, eb.ref('registrations.child_id'), eb.ref('registrations.family_id')))
						.execute(),
				(r) => toRegistration(r)
			),
			heldSource(
				'requests',
				(tx, since) =>
					tx
						.selectFrom('requests')
						.selectAll('requests')
						.select((eb) => heldRequest(tx, eb).as('held'))
						.select((eb) => eb('requests.registration_id', 'in', ownRegistrations(tx)).as('own'))
						.where('requests.seq', '>', since)
						.where((eb) => seenRequest(tx, eb))
						.execute(),
				(r) => withRequestActions(toRequest(r, 'parent'), actor, Number(r.own) === 1)
			),
			heldSource(
				'requestEvents',
				(tx, since) =>
					tx
						.selectFrom('request_events')
						.innerJoin('requests', 'requests.id', 'request_events.request_id')
						.selectAll('request_events')
						.select((eb) => heldRequest(tx, eb).as('held'))
						.where('request_events.seq', '>', since)
						.where((eb) => seenRequest(tx, eb))
						.execute(),
				(r) => toRequestEvent(r)
			),
			heldSource(
				'childminderRequests',
				(tx, since) =>
					tx
						.selectFrom('childminder_requests')
						.selectAll('childminder_requests')
						.select((eb) => eb('childminder_requests.child_id', 'in', childrenHeldBy(tx, userId)).as('held'))
						.select((eb) => eb('childminder_requests.family_id', 'in', ownFamilies(tx)).as('own'))
						.where('childminder_requests.seq', '>', since)
						.where((eb) =>
							ownOrHeld(tx, eb.ref('childminder_requests.child_id'), eb.ref('childminder_requests.family_id'))
						)
						.execute(),
				(r) => withChildmindingActions(toChildminderRequest(r, false), actor, Number(r.own) === 1)
			),
			// A Kita's questions whether an in-person registration is one of the family's children: asked
			// of the account holding that child — the same rule as answerLinkQuestion (services/walkins.ts)
			// — with only what it needs to answer.
			source('linkQuestions', async (tx, since) => {
				const rows = await tx
					.selectFrom('duplicate_candidates')
					.selectAll('duplicate_candidates')
					.where('duplicate_candidates.seq', '>', since)
					.where('duplicate_candidates.asked_at', 'is not', null)
					.where('duplicate_candidates.status', 'not in', ['open', 'awaitingOffice'])
					.where('duplicate_candidates.match_child_id', 'in', childrenHeldBy(tx, userId))
					.execute();
				const out = [];
				for (const row of rows) out.push(await toLinkQuestion(tx, row));
				return put<'linkQuestions'>(out);
			})
		]
	};
}
