// What Kita staff hold locally: the public catalogue and, for their own Kitas only, the requests
// with what is needed to place them — the child, the guardians and how to reach them, the history,
// and whether the child has a contract at another Kita (never which one). Never the parents' rank.
// Of a possible duplicate only that the same child is registered elsewhere: a family reaches a
// Kita's devices only because it registered there (or agreed to a link).
import { hash } from 'node:crypto';
import { expressionBuilder, type Expression, type ExpressionBuilder } from 'kysely';
import type { EntityName, EntityRows } from '../../src/lib/sync/protocol';
import type { Executor } from '../db/database';
import type { DB } from '../db/schema';
import { toChild, toFamily, toGuardian } from '../services/families';
import { toRegistration, toRequest, toRequestEvent } from '../services/requests';
import { toDuplicateCandidate } from '../services/walkins';
import { toQueueMove } from '../services/queue-moves';
import { toRoundProposal } from '../services/offer-rounds';
import { deletedForFacilities } from './deletions';
import { withRequestActions } from './permitted';
import { publicSources, put, source, type Scope } from './scopes';

type ChildBuilder = ExpressionBuilder<DB & { c: DB['children'] }, 'c'>;

/**
 * What staff devices may hold changed shape: duplicate suggestions no longer carry the other
 * family's names, town, request count or child id (security issue, point 2); a linked walk-in
 * family's contacts reach only the Kitas it registered at (generation 3); requests come with their
 * permittedActions (generation 4, server/sync/permitted.ts). A new generation in the
 * key gives every staff device a reset, so the rows it kept from before are wiped too.
 */
const STAFF_SCOPE_GENERATION = 4;

/**
 * The scope key names the Kitas (hashed, to keep the cookie short): a staff member who gains or
 * loses a Kita gets a reset, so nothing of a Kita they left stays on their device.
 */
export function staffScopeKey(userId: string, facilityIds: readonly string[]): string {
	const digest = hash('sha256', [...facilityIds].sort().join(','), 'hex');
	return `staff${STAFF_SCOPE_GENERATION}:${userId}:${digest.slice(0, 16)}`;
}

export function staffScope(userId: string, facilityIds: readonly string[]): Scope {
	if (facilityIds.length === 0) return { key: staffScopeKey(userId, []), sources: publicSources };
	const kitas = [...facilityIds];
	const actor = { role: 'staff', userId, facilityIds: kitas } as const;
	// The children of the caller's Kitas' requests, (with `since`) of those that changed since the
	// cookie. As `c.id IN (…)`, not a correlated EXISTS: SQLite then looks the few children up by key
	// instead of reading every child of every Kita for each pull (1.5 ms with 10,000 requests in all).
	const requestChildren = (eb: ChildBuilder, since?: number) =>
		eb
			.selectFrom('requests as r')
			.select('r.child_id')
			.where('r.facility_id', 'in', kitas)
			.$if(since !== undefined, (q) => q.where('r.seq', '>', since ?? 0));
	// A request of the caller's Kitas for this child, (with `since`) one that changed since the cookie.
	const requestOf = (eb: ChildBuilder, childColumn: 'c.id', since?: number) =>
		eb(childColumn, 'in', requestChildren(eb, since));
	// A request of the caller's Kitas made by family `familyId` (its registration's family, wherever
	// the request points now) or held by it (the family of the child the request points to: after a
	// link, the surviving record's family, which agreed to it). (With `since`) one that changed since.
	// The set of such families is read once (not per row): an EXISTS over both joins read every
	// request of the Kitas for each family, which took seconds for a Kita with a thousand requests.
	const requestOfFamily = (familyId: Expression<string>, since?: number) => {
		const eb = expressionBuilder<DB, never>();
		return eb(
			familyId,
			'in',
			eb
				.selectFrom('requests as r')
				.innerJoin('registrations as reg', 'reg.id', 'r.registration_id')
				.select('reg.family_id as family_id')
				.where('r.facility_id', 'in', kitas)
				.$if(since !== undefined, (q) => q.where('r.seq', '>', since ?? 0))
				.union(
					eb
						.selectFrom('requests as r')
						.innerJoin('children as held', 'held.id', 'r.child_id')
						.select('held.family_id as family_id')
						.where('r.facility_id', 'in', kitas)
						.$if(since !== undefined, (q) => q.where('r.seq', '>', since ?? 0))
				)
		);
	};
	// A record linked into a child of the Kitas' requests, by a family that registered at the Kitas
	// (the Kita holds that family's request now attached to the surviving child).
	// (The IN before the EXISTS says nothing the EXISTS does not; it lets SQLite find the records by
	// `merged_into` instead of testing every child.)
	const linkedRecordOf = (eb: ChildBuilder, since?: number) =>
		eb.and([
			eb('c.merged_into', 'in', requestChildren(eb, since)),
			eb.exists(
				eb
					.selectFrom('requests as r')
					.innerJoin('registrations as reg', 'reg.id', 'r.registration_id')
					.select('r.id')
					.whereRef('r.child_id', '=', 'c.merged_into')
					.whereRef('reg.family_id', '=', 'c.family_id')
					.where('r.facility_id', 'in', kitas)
					.$if(since !== undefined, (q) => q.where('r.seq', '>', since ?? 0))
			)
		]);
	// The children of the Kitas' requests, and the records linked into them by families that
	// registered at the Kitas.
	const inScope = (eb: ChildBuilder) => eb.or([requestOf(eb, 'c.id'), linkedRecordOf(eb)]);
	// A child row to (re)send: the row changed itself (`seq`), or a request of the Kitas for the
	// child changed — then it is sent even if it did not.
	const changed = (eb: ChildBuilder, since: number) =>
		eb.or([
			eb.and([eb('c.seq', '>', since), inScope(eb)]),
			requestOf(eb, 'c.id', since),
			linkedRecordOf(eb, since)
		]);
	// Contact rows (families, guardians) of a family that registered at the Kitas or holds a request
	// there: the row changed itself, or such a request changed. A family whose record was linked into
	// a child of the Kitas reaches only the Kitas it registered at itself.
	const contactChanged = (familyId: Expression<string>, seq: Expression<number>, since: number) => {
		const eb = expressionBuilder<DB, never>();
		return eb.or([
			eb.and([eb(seq, '>', since), requestOfFamily(familyId)]),
			requestOfFamily(familyId, since)
		]);
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
				return rows.map((r) =>
					withRequestActions(
						{ ...toRequest(r, 'staff'), contractElsewhere: Number(r.contract_elsewhere) === 1 },
						actor,
						false
					)
				);
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
			// The children of the Kitas' requests, and the records linked into them by families that
			// registered at the Kitas.
			kitaSource(
				'children',
				async (tx, since) => {
					const rows = await tx
						.selectFrom('children as c')
						.selectAll('c')
						.where((eb) => changed(eb, since))
						.execute();
					return rows.map((r) => ({
						...toChild(r),
						mergedInto: r.merged_into,
						hardship: r.hardship_decided_on !== null
					}));
				},
				(tx, ids) =>
					tx.selectFrom('children as c').select('c.id').where('c.id', 'in', ids).where(inScope).execute()
			),
			kitaSource('registrations', async (tx, since) => {
				// A registration with a request of the Kitas that changed, or one that changed itself and
				// has a request there — looked up by key (an EXISTS per row read every registration).
				const ofKitas = (eb: ExpressionBuilder<DB, 'registrations'>, changedSince?: number) =>
					eb(
						'registrations.id',
						'in',
						eb
							.selectFrom('requests as r')
							.select('r.registration_id')
							.where('r.facility_id', 'in', kitas)
							.$if(changedSince !== undefined, (q) => q.where('r.seq', '>', changedSince ?? 0))
					);
				const rows = await tx
					.selectFrom('registrations')
					.selectAll('registrations')
					.where((eb) =>
						eb.or([ofKitas(eb, since), eb.and([eb('registrations.seq', '>', since), ofKitas(eb)])])
					)
					.execute();
				return rows.map(toRegistration);
			}),
			// Contact families: those that registered at the Kitas, and the family holding the request.
			kitaSource(
				'families',
				async (tx, since) => {
					const rows = await tx
						.selectFrom('families as f')
						.selectAll('f')
						.select((eb) =>
							eb(
								'f.id',
								'in',
								eb
									.selectFrom('requests as r')
									.innerJoin('registrations as reg', 'reg.id', 'r.registration_id')
									.select('reg.family_id')
									.where('r.facility_id', 'in', kitas)
							).as('registered_here')
						)
						.where((eb) => contactChanged(eb.ref('f.id'), eb.ref('f.seq'), since))
						.execute();
					// Whether a receipt's claim code still works: for the Kita's own walk-ins only (a
					// reprint offers a new code), never for another household it holds through a link.
					return rows.map((row) => ({
						...toFamily(row),
						...(row.source === 'walkin' && row.registered_here
							? { claimable: row.owner_user_id === null && row.claim_code_hash !== null }
							: {})
					}));
				},
				(tx, ids) =>
					tx
						.selectFrom('families as f')
						.select('f.id')
						.where('f.id', 'in', ids)
						.where((eb) => requestOfFamily(eb.ref('f.id')))
						.execute()
			),
			kitaSource(
				'guardians',
				async (tx, since) => {
					const rows = await tx
						.selectFrom('guardians as g')
						.selectAll('g')
						.where((eb) => contactChanged(eb.ref('g.family_id'), eb.ref('g.seq'), since))
						.execute();
					return rows.map(toGuardian);
				},
				(tx, ids) =>
					tx
						.selectFrom('guardians as g')
						.select('g.id')
						.where('g.id', 'in', ids)
						.where((eb) => requestOfFamily(eb.ref('g.family_id')))
						.execute()
			),
			// The Kitas' moves in their rankings, with the reasons: staff devices only.
			kitaSource('queueMoves', async (tx, since) => {
				const rows = await tx
					.selectFrom('queue_moves')
					.selectAll()
					.where('facility_id', 'in', kitas)
					.where('seq', '>', since)
					.execute();
				return rows.map(toQueueMove);
			}),
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
			}),
			// The offer rounds' proposals for the Kitas (issue 17): whom to offer, by request id —
			// every id a request at that Kita (the round's own input, or a change checked by the command).
			kitaSource('roundProposals', async (tx, since) => {
				const rows = await tx
					.selectFrom('round_proposals')
					.innerJoin('offer_rounds', 'offer_rounds.id', 'round_proposals.round_id')
					.selectAll('round_proposals')
					.select(['offer_rounds.kita_year_id', 'offer_rounds.deadline', 'offer_rounds.started_at'])
					.where('round_proposals.facility_id', 'in', kitas)
					.where('round_proposals.seq', '>', since)
					.execute();
				return rows.map((r) => toRoundProposal(r, r));
			})
		]
	};
}
