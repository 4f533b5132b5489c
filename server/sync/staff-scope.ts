// What Kita staff hold locally: the public catalogue and, for their own Kitas only, the requests
// with what is needed to place them — the child, the guardians and how to reach them, the history,
// and whether the child has a contract at another Kita (never which one). Never the parents' rank.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { ExpressionBuilder } from 'kysely';
import type { EntityName, EntityRows } from '../../src/lib/sync/protocol';
import type { Executor } from '../db/database';
import type { DB } from '../db/schema';
import { toChild, toFamily, toGuardian } from '../services/families';
import { toRegistration, toRequest, toRequestEvent } from '../services/requests';
import { toDuplicateCandidate } from '../services/walkins';
import { deletedForFacilities } from './deletions';
import { publicSources, type EntitySource, type Scope, type SourceChanges } from './scopes';

function source<K extends EntityName>(
	entity: K,
	changesSince: (tx: Executor, since: number, reset: boolean) => Promise<SourceChanges<K>>
): EntitySource {
	return { entity, changesSince } as EntitySource;
}

function put<K extends EntityName>(rows: EntityRows[K][], del: string[] = []): SourceChanges<K> {
	return { put: rows, del };
}

/**
 * Rows retention deleted for these Kitas since the cookie (none on a reset: the client starts
 * empty). `stillHeld` keeps those a Kita may still hold, e.g. a child with a newer request there.
 */
async function deleted(
	tx: Executor,
	entity: EntityName,
	since: number,
	reset: boolean,
	kitas: string[],
	stillHeld?: (ids: string[]) => Promise<string[]>
): Promise<string[]> {
	if (reset) return [];
	const ids = await deletedForFacilities(tx, entity, since, kitas);
	if (!ids.length || !stillHeld) return ids;
	const kept = new Set(await stillHeld(ids));
	return ids.filter((id) => !kept.has(id));
}

/**
 * The scope key names the Kitas (hashed, to keep the cookie short): a staff member who gains or
 * loses a Kita gets a reset, so nothing of a Kita they left stays on their device.
 */
export function staffScopeKey(userId: string, facilityIds: readonly string[]): string {
	const digest = encodeHexLowerCase(sha256(new TextEncoder().encode([...facilityIds].sort().join(','))));
	return `staff:${userId}:${digest.slice(0, 16)}`;
}

export function staffScope(userId: string, facilityIds: readonly string[]): Scope {
	if (facilityIds.length === 0) return { key: staffScopeKey(userId, []), sources: publicSources };
	const kitas = [...facilityIds];
	// A request of the caller's Kitas for this child that changed since the cookie: its child,
	// guardians and registration must be (re)sent even if they did not change themselves.
	const scopedRequestOf =
		(childColumn: 'c.id' | 'c.merged_into', since: number) =>
		(eb: ExpressionBuilder<DB & { c: DB['children'] }, 'c'>) =>
			eb.exists(
				eb
					.selectFrom('requests as r')
					.select('r.id')
					.whereRef('r.child_id', '=', childColumn)
					.where('r.facility_id', 'in', kitas)
					.where('r.seq', '>', since)
			);
	return {
		key: staffScopeKey(userId, kitas),
		sources: [
			...publicSources,
			source('requests', async (tx, since, reset) => {
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
				return put<'requests'>(
					rows.map((r) => ({
						...toRequest(r, 'staff'),
						contractElsewhere: Number(r.contract_elsewhere) === 1
					})),
					await deleted(tx, 'requests', since, reset, kitas)
				);
			}),
			source('requestEvents', async (tx, since, reset) => {
				const rows = await tx
					.selectFrom('request_events')
					.innerJoin('requests', 'requests.id', 'request_events.request_id')
					.selectAll('request_events')
					.where('requests.facility_id', 'in', kitas)
					.where('request_events.seq', '>', since)
					.execute();
				return put<'requestEvents'>(
					rows.map(toRequestEvent),
					await deleted(tx, 'requestEvents', since, reset, kitas)
				);
			}),
			// The children of the Kitas' requests, and the records linked into them (whose families
			// are further contacts).
			source('children', async (tx, since, reset) => {
				const rows = await tx
					.selectFrom('children as c')
					.selectAll('c')
					.where((eb) =>
						eb.or([
							eb.and([eb('c.seq', '>', since), inScope(eb, 'c.id', kitas)]),
							eb.and([eb('c.seq', '>', since), inScope(eb, 'c.merged_into', kitas)]),
							scopedRequestOf('c.id', since)(eb),
							scopedRequestOf('c.merged_into', since)(eb)
						])
					)
					.execute();
				return put<'children'>(
					rows.map((r) => ({ ...toChild(r), mergedInto: r.merged_into })),
					await deleted(tx, 'children', since, reset, kitas, async (ids) =>
						(
							await tx
								.selectFrom('children as c')
								.select('c.id')
								.where('c.id', 'in', ids)
								.where((eb) => eb.or([inScope(eb, 'c.id', kitas), inScope(eb, 'c.merged_into', kitas)]))
								.execute()
						).map((r) => r.id)
					)
				);
			}),
			source('registrations', async (tx, since, reset) => {
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
				return put<'registrations'>(
					rows.map(toRegistration),
					await deleted(tx, 'registrations', since, reset, kitas)
				);
			}),
			// Contact families: the child's own and those of records linked into it ("same child").
			source('families', async (tx, since, reset) => {
				const rows = await tx
					.selectFrom('families as f')
					.selectAll('f')
					.where((eb) =>
						eb.exists(
							eb
								.selectFrom('children as c')
								.select('c.id')
								.whereRef('c.family_id', '=', 'f.id')
								.where((w) =>
									w.or([
										w.and([w('f.seq', '>', since), inScope(w, 'c.id', kitas)]),
										w.and([w('f.seq', '>', since), inScope(w, 'c.merged_into', kitas)]),
										scopedRequestOf('c.id', since)(w),
										scopedRequestOf('c.merged_into', since)(w)
									])
								)
						)
					)
					.execute();
				return put<'families'>(
					rows.map(toFamily),
					await deleted(tx, 'families', since, reset, kitas, async (ids) =>
						(
							await tx
								.selectFrom('children as c')
								.select('c.family_id as id')
								.distinct()
								.where('c.family_id', 'in', ids)
								.where((eb) => eb.or([inScope(eb, 'c.id', kitas), inScope(eb, 'c.merged_into', kitas)]))
								.execute()
						).map((r) => r.id)
					)
				);
			}),
			source('guardians', async (tx, since, reset) => {
				const rows = await tx
					.selectFrom('guardians as g')
					.selectAll('g')
					.where((eb) =>
						eb.exists(
							eb
								.selectFrom('children as c')
								.select('c.id')
								.whereRef('c.family_id', '=', 'g.family_id')
								.where((w) =>
									w.or([
										w.and([w('g.seq', '>', since), inScope(w, 'c.id', kitas)]),
										w.and([w('g.seq', '>', since), inScope(w, 'c.merged_into', kitas)]),
										scopedRequestOf('c.id', since)(w),
										scopedRequestOf('c.merged_into', since)(w)
									])
								)
						)
					)
					.execute();
				return put<'guardians'>(
					rows.map(toGuardian),
					await deleted(tx, 'guardians', since, reset, kitas, async (ids) =>
						(
							await tx
								.selectFrom('guardians as g')
								.innerJoin('children as c', 'c.family_id', 'g.family_id')
								.select('g.id')
								.distinct()
								.where('g.id', 'in', ids)
								.where((eb) => eb.or([inScope(eb, 'c.id', kitas), inScope(eb, 'c.merged_into', kitas)]))
								.execute()
						).map((r) => r.id)
					)
				);
			}),
			source('duplicateCandidates', async (tx, since, reset) => {
				const rows = await tx
					.selectFrom('duplicate_candidates')
					.selectAll()
					.where('facility_id', 'in', kitas)
					.where('seq', '>', since)
					.execute();
				const out = [];
				for (const row of rows) out.push(await toDuplicateCandidate(tx, row));
				return put<'duplicateCandidates'>(out, await deleted(tx, 'duplicateCandidates', since, reset, kitas));
			})
		]
	};
}

function inScope(
	eb: ExpressionBuilder<DB & { c: DB['children'] }, 'c'>,
	childColumn: 'c.id' | 'c.merged_into',
	kitas: string[]
) {
	return eb.exists(
		eb
			.selectFrom('requests as r')
			.select('r.id')
			.whereRef('r.child_id', '=', childColumn)
			.where('r.facility_id', 'in', kitas)
	);
}
