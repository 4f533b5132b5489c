// Reads a Kita's queue from the local database, joined into rows by the domain. What the criteria
// read of the guardians (where they live, whether they work) is read apart (loadFamilyFacts):
// guardians and postcodes change rarely, so a change to a request rebuilds the rows without
// reading every guardian again.
import { buildQueueRows, type FamilyFacts, type QueueRow } from '$lib/domain/queue';
import { residenceOfFamilies } from '$lib/domain/residence';
import { employedFamilies } from '$lib/domain/employment';
import type { QueueMove } from '$lib/domain/allocation/moves';
import { db } from '../data-layer';

/** Each family's municipality by its first guardian's postcode, the Kita's, and who works. */
export async function loadFamilyFacts(facilityId: string): Promise<FamilyFacts> {
	const [guardians, facility, municipalities] = await db.transaction(
		'r',
		[db.guardians, db.facilities, db.municipalities],
		() => Promise.all([db.guardians.toArray(), db.facilities.get(facilityId), db.municipalities.toArray()])
	);
	return {
		municipalityOfFamily: residenceOfFamilies(guardians, municipalities),
		kitaMunicipalityId: facility?.municipalityId ?? '',
		employedFamilies: employedFamilies(guardians)
	};
}

/** The Kita's moves in its ranking by criteria (applied by the domain's rankQueue). */
export function loadMoves(facilityId: string): Promise<QueueMove[]> {
	return db.queueMoves.where('facilityId').equals(facilityId).toArray();
}

/** Loads one Kita's requests through the facilityId index, and the children the staff member holds. */
export async function loadQueueRows(facilityId: string, families: FamilyFacts | null): Promise<QueueRow[]> {
	const started = performance.now();
	// Two getAll calls in one read transaction: far quicker than 10,000 single gets of children.
	const [requests, children] = await db.transaction('r', [db.requests, db.children], () =>
		Promise.all([db.requests.where('facilityId').equals(facilityId).toArray(), db.children.toArray()])
	);
	const read = performance.now();
	const rows = buildQueueRows(requests, new Map(children.map((c) => [c.id, c])), facilityId, families);
	// Measured for the benchmark (tests/e2e/staff/queue-10k.e2e.ts): reading and joining apart.
	performance.measure('queue:read', { start: started, duration: read - started });
	performance.measure('queue:build', { start: read, duration: performance.now() - read });
	return rows;
}

/** What ranks the Kita's queue by criteria: its rows (with the families' facts) and its moves. */
export async function loadRankingInput(
	facilityId: string
): Promise<{ rows: QueueRow[]; moves: QueueMove[] }> {
	const families = await loadFamilyFacts(facilityId);
	const [rows, moves] = await Promise.all([loadQueueRows(facilityId, families), loadMoves(facilityId)]);
	return { rows, moves };
}
