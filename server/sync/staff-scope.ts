// What Kita staff hold locally: the public catalogue and, for their own Kitas only, the requests
// with what is needed to place them — the child, the guardians and how to reach them, the history,
// and whether the child has a contract at another Kita (never which one). Never the parents' rank.
// Of a possible duplicate only that the same child is registered elsewhere: a family reaches a
// Kita's devices only because it registered there (or agreed to a link).
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { expressionBuilder, type Expression, type ExpressionBuilder } from 'kysely';
import type { EntityName, EntityRows } from '../../src/lib/sync/protocol';
import type { Executor } from '../db/database';
import type { DB } from '../db/schema';
import { toChild, toFamily, toGuardian } from '../services/families';
import { toRegistration, toRequest, toRequestEvent } from '../services/requests';
import { toDuplicateCandidate } from '../services/walkins';
import { deletedForFacilities } from './deletions';
import { publicSources, put, source, type Scope } from './scopes';

type ChildBuilder = ExpressionBuilder<DB & { c: DB['children'] }, 'c'>;

/**
 * What staff devices may hold changed shape: duplicate suggestions no longer carry the other
 * family's names, town, request count or child id (security issue, point 2). A new generation in
 * the key gives every staff device a reset, so the rows it kept from before are wiped too.
 */
const STAFF_SCOPE_GENERATION = 2;

/**
 * The scope key names the Kitas (hashed, to keep the cookie short): a staff member who gains or
 * loses a Kita gets a reset, so nothing of a Kita they left stays on their device.
 */
export function staffScopeKey(userId: string, facilityIds: readonly string[]): string {
	const digest = encodeHexLowerCase(sha256(new TextEncoder().encode([...facilityIds].sort().join(','))));
	return `staff${STAFF_SCOPE_GENERATION}:${userId}:${digest.slice(0, 16)}`;
}

export function staffScope(userId: string, facilityIds: readonly string[]): Scope {
	if (facilityIds.length === 0) return { key: staffScopeKey(userId, []), sources: publicSources };
	const kitas = [...facilityIds];
	// A request of the caller's Kitas for this child, (with `since`) one that changed since the cookie.
	const requestOf = (eb: ChildBuilder, childColumn: 'c.id' | 'c.merged_into', since?: number) =>
		eb.exists(
			eb
				.selectFrom('requests as r')
				.select('r.id')
				.whereRef('r.child_id', '=', childColumn)
				.where('r.facility_id', 'in', kitas)
				.$if(since !== undefined, (q) => q.where('r.seq', '>', since ?? 0))
		);
	// The children of the Kitas' requests, and the records linked into them.
	const inScope = (eb: ChildBuilder) => eb.or([requestOf(eb, 'c.id'), requestOf(eb, 'c.merged_into')]);
	// A row of child `c` (the child, its family, a guardian) to (re)send: the row changed itself
	// (`seq`), or a request of the Kitas for the child changed — then it is sent even if it did not.
	const changed = (eb: ChildBuilder, seq: Expression<number>, since: number) =>
		eb.or([
			eb.and([eb(seq, '>', since), requestOf(eb, 'c.id')]),
			eb.and([eb(seq, '>', since), requestOf(eb, 'c.merged_into')]),
			requestOf(eb, 'c.id', since),
			requestOf(eb, 'c.merged_into', since)
		]);
	// Contact rows (families, guardians) of a family with such a child.
	const ofChangedChild = (familyId: Expression<string>, seq: Expression<number>, since: number) => {
		const eb = expressionBuilder<DB, never>();
		return eb.exists(
			eb
				.selectFrom('children as c')
				.select('c.id')
				.where('c.family_id', '=', familyId)
				.where((w) => changed(w, seq, since))
		);
	};
	/**
	 * A source of rows of the Kitas, with the rows retention deleted for them since the cookie (none
	 * on a reset: the client starts empty). `stillHeld` keeps those the Kitas may still hold, e.g. a
	 * child with a newer request there.
	 */
	const kitaSource = <K extends EntityName>(
		entity: K,
		changedRows: (tx: Executor, since: number) => Promise<EntityRows[K][]>,
		stillHeld?: (tx: Executor, ids: string[]) => Promise<{ id: string }[]>
	) =>
		source(entity, async (tx, since, reset) => {
			const rows = await changedRows(tx, since);
			if (reset) return put<K>(rows);
			const ids = await deletedForFacilities(tx, entity, since, kitas);
			if (!ids.length || !stillHeld) return put<K>(rows, ids);
			const kept = new Set((await stillHeld(tx, ids)).map((r) => r.id));
			return put<K>(
				rows,
				ids.filter((id) => !kept.has(id))
			);
		});
	return {
		key: staffScopeKey(userId, kitas),
		sources: [
			...publicSources,
			kitaSource('requests', async (tx, since) => {
				const rows = await tx
					.selectFrom('requests')
					.selectAll('requests')
					.select((eb) =>
						eb
							.exists(
								eb
									.selectFrom('requests as other')
									.select('other.id')
									.whereRef('other.child_id', '=', 'requests.child_id')
									.whereRef('other.facility_id', '!=', 'requests.facility_id')
									.where('other.status', '=', 'contracted')
							)
							.as('contract_elsewhere')
					)
					.where('requests.facility_id', 'in', kitas)
					.where('requests.seq', '>', since)
					.execute();
				return rows.map((r) => ({
					...toRequest(r, 'staff'),
					contractElsewhere: Number(r.contract_elsewhere) === 1
				}));
			}),
			kitaSource('requestEvents', async (tx, since) => {
				const rows = await tx
					.selectFrom('request_events')
					.innerJoin('requests', 'requests.id', 'request_events.request_id')
					.selectAll('request_events')
					.where('requests.facility_id', 'in', kitas)
					.where('request_events.seq', '>', since)
					.execute();
				return rows.map(toRequestEvent);
			}),
			// The children of the Kitas' requests, and the records linked into them (whose families
			// are further contacts).
			kitaSource(
				'children',
				async (tx, since) => {
					const rows = await tx
						.selectFrom('children as c')
						.selectAll('c')
						.where((eb) => changed(eb, eb.ref('c.seq'), since))
						.execute();
					return rows.map((r) => ({ ...toChild(r), mergedInto: r.merged_into }));
				},
				(tx, ids) =>
					tx.selectFrom('children as c').select('c.id').where('c.id', 'in', ids).where(inScope).execute()
			),
			kitaSource('registrations', async (tx, since) => {
				const rows = await tx
					.selectFrom('registrations')
					.selectAll('registrations')
					.where((eb) =>
						eb.exists(
							eb
								.selectFrom('requests as r')
								.select('r.id')
								.whereRef('r.registration_id', '=', 'registrations.id')
								.where('r.facility_id', 'in', kitas)
								.where((w) => w.or([w('r.seq', '>', since), w('registrations.seq', '>', since)]))
						)
					)
					.execute();
				return rows.map(toRegistration);
			}),
			// Contact families: the child's own and those of records linked into it ("same child").
			kitaSource(
				'families',
				async (tx, since) => {
					const rows = await tx
						.selectFrom('families as f')
						.selectAll('f')
						.where((eb) => ofChangedChild(eb.ref('f.id'), eb.ref('f.seq'), since))
						.execute();
					return rows.map(toFamily);
				},
				(tx, ids) =>
					tx
						.selectFrom('children as c')
						.select('c.family_id as id')
						.distinct()
						.where('c.family_id', 'in', ids)
						.where(inScope)
						.execute()
			),
			kitaSource(
				'guardians',
				async (tx, since) => {
					const rows = await tx
						.selectFrom('guardians as g')
						.selectAll('g')
						.where((eb) => ofChangedChild(eb.ref('g.family_id'), eb.ref('g.seq'), since))
						.execute();
					return rows.map(toGuardian);
				},
				(tx, ids) =>
					tx
						.selectFrom('guardians as g')
						.innerJoin('children as c', 'c.family_id', 'g.family_id')
						.select('g.id')
						.distinct()
						.where('g.id', 'in', ids)
						.where(inScope)
						.execute()
			),
			kitaSource('duplicateCandidates', async (tx, since) => {
				const rows = await tx
					.selectFrom('duplicate_candidates')
					.selectAll()
					.where('facility_id', 'in', kitas)
					.where('seq', '>', since)
					.execute();
				const out = [];
				for (const row of rows) out.push(await toDuplicateCandidate(tx, row));
				return out;
			})
		]
	};
}
