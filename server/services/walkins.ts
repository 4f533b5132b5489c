// The sync row mappers of walk-in links: a possible duplicate as the walk-in's Kita sees it, and the
// question on the family's devices. Walk-in registration, duplicates and claims are commands
// (server/commands/walkin-registration.ts, duplicates.ts, claim.ts).
import type { Selectable } from 'kysely';
import type { DuplicateCandidate, LinkQuestion } from '../../src/lib/domain/staff';
import type { Executor } from '../db/database';
import type { DuplicateCandidatesTable } from '../db/schema';
import { confirmerOfPair } from './duplicates';

/**
 * A possible duplicate as the walk-in's Kita sees it: that the same child is registered elsewhere,
 * and who would confirm a link. Nothing of the other family (not even its child's id), so that a
 * suggestion cannot be used to reach a family that never registered at this Kita.
 */
export async function toDuplicateCandidate(
	db: Executor,
	row: Selectable<DuplicateCandidatesTable>
): Promise<DuplicateCandidate> {
	return {
		id: row.id,
		facilityId: row.facility_id,
		childId: row.child_id,
		status: row.status,
		foundAt: row.found_at,
		askedAt: row.asked_at,
		decidedAt: row.decided_at,
		match: { confirmedBy: (await confirmerOfPair(db, row)).by }
	};
}

/** The question on the family's devices: the Kita's name and the child as entered at the desk. */
export async function toLinkQuestion(
	db: Executor,
	row: Selectable<DuplicateCandidatesTable>
): Promise<LinkQuestion> {
	const walkin = await db
		.selectFrom('children')
		.select(['first_name', 'last_name', 'birth_date'])
		.where('id', '=', row.child_id)
		.executeTakeFirstOrThrow();
	const facility = await db
		.selectFrom('facilities')
		.select('name')
		.where('id', '=', row.facility_id)
		.executeTakeFirstOrThrow();
	return {
		id: row.id,
		childId: row.match_child_id,
		facilityName: facility.name,
		childFirstName: walkin.first_name,
		childLastName: walkin.last_name,
		birthDate: walkin.birth_date,
		askedAt: row.asked_at ?? row.found_at,
		status: row.status,
		decidedAt: row.decided_at
	};
}
