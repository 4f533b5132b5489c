// Reads a Kita's queue from the local database, joined into rows by the domain.
import { buildQueueRows, type QueueRow } from '$lib/domain/queue';
import { db } from '../data-layer';

/** Loads one Kita's requests through the facilityId index, and the children the staff member holds. */
export async function loadQueueRows(facilityId: string): Promise<QueueRow[]> {
	const started = performance.now();
	// Two getAll calls in one read transaction: far quicker than 10,000 single gets of children.
	const [requests, children, guardians, facility, municipalities] = await db.transaction(
		'r',
		[db.requests, db.children, db.guardians, db.facilities, db.municipalities],
		() =>
			Promise.all([
				db.requests.where('facilityId').equals(facilityId).toArray(),
				db.children.toArray(),
				db.guardians.toArray(),
				db.facilities.get(facilityId),
				db.municipalities.toArray()
			])
	);
	const read = performance.now();
	// Residence for the admission criteria: the first guardian's postcode in the Kita's municipality.
	const municipality = municipalities.find((m) => m.id === facility?.municipalityId);
	const residence = {
		postcodeOfFamily: new Map(guardians.filter((g) => g.position === 1).map((g) => [g.familyId, g.postcode])),
		kitaPostcodes: new Set((municipality?.postcodes ?? []).map((p) => p.postcode))
	};
	const rows = buildQueueRows(requests, new Map(children.map((c) => [c.id, c])), facilityId, residence);
	// Measured for the benchmark (tests/e2e/staff/queue-10k.e2e.ts): reading and joining apart.
	performance.measure('queue:read', { start: started, duration: read - started });
	performance.measure('queue:build', { start: read, duration: performance.now() - read });
	return rows;
}
