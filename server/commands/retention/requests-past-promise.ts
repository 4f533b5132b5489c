// Requests (Anmeldungen) go once the Kita year after their Kita year has ended, whatever their
// status — the privacy page's promise, a ceiling no setting extends: deleted with their history,
// their receipts (registrations) once no request is left on them, and the Kita's duplicate
// suggestions for the child; every device that held them gets the deletion at its next pull
// (sync_deletions), and a Kita's devices drop the child and its contacts once no request of the
// child is left there. Contracts are not exempt: the Betreuungsvertrag is the Kita's own record,
// kept in its own files; the portal only arranged the place. The family and the account stay.
import { requestKeptUntil, requestPastPromise } from '../../../src/lib/domain/retention';
import { recordDeletions, type Deletion } from '../deletions';
import { ownersOf, type RetentionPolicy, type RetentionResult, type RetentionRun } from './policy';

/**
 * Deletes the requests whose Kita year's following year has ended (privacy page), with their
 * events, their registrations once empty, and the Kita's duplicate suggestions for a child that
 * no longer has a request there; records the deletions for the devices that may hold the rows.
 */
async function run({ ctx }: RetentionRun): Promise<Partial<RetentionResult>> {
	const { tx, now, today } = ctx;
	const removed = {
		requestsDeleted: 0,
		requestEventsDeleted: 0,
		registrationsDeleted: 0,
		duplicatesDeleted: 0
	};
	const years = await tx.selectFrom('kita_years').select(['id', 'ends_on']).execute();
	const ends = new Map(years.map((y) => [y.id, y.ends_on]));
	const due = years
		.filter((y) =>
			requestPastPromise(
				requestKeptUntil({ id: y.id, endsOn: y.ends_on }, (id) => ends.get(id)),
				today
			)
		)
		.map((y) => y.id);
	if (!due.length) return removed;
	const requests = await tx
		.selectFrom('requests')
		.innerJoin('children', 'children.id', 'requests.child_id')
		.leftJoin('children as root', 'root.id', 'children.merged_into')
		.select([
			'requests.id',
			'requests.facility_id',
			'requests.registration_id',
			'children.id as child_id',
			'children.family_id',
			'root.id as root_id',
			'root.family_id as root_family_id'
		])
		.where('requests.kita_year_id', 'in', due)
		.execute();
	if (!requests.length) return removed;
	const seq = await ctx.seq();
	const deletions: Deletion[] = [];
	// The family that holds a request is the surviving record's (childrenHeldBy); a Kita's devices
	// hold it by facility.
	const holder = (r: (typeof requests)[number]) => r.root_family_id ?? r.family_id;
	const rootOf = (r: (typeof requests)[number]) => r.root_id ?? r.child_id;
	const byId = new Map(requests.map((r) => [r.id, r]));
	const ids = [...byId.keys()];
	for (let i = 0; i < ids.length; i += 500) {
		const chunk = ids.slice(i, i + 500);
		const events = await tx
			.selectFrom('request_events')
			.select(['id', 'request_id'])
			.where('request_id', 'in', chunk)
			.execute();
		for (const e of events) {
			const r = byId.get(e.request_id);
			if (r)
				deletions.push({
					entity: 'requestEvents',
					rowId: e.id,
					facilityId: r.facility_id,
					familyId: holder(r)
				});
		}
		removed.requestEventsDeleted += events.length;
		// A Kita's moves go with either of their requests (ON DELETE CASCADE), from its devices too.
		const moves = await tx
			.selectFrom('queue_moves')
			.select(['id', 'facility_id'])
			.where((eb) => eb.or([eb('request_id', 'in', chunk), eb('anchor_request_id', 'in', chunk)]))
			.execute();
		for (const move of moves)
			deletions.push({ entity: 'queueMoves', rowId: move.id, facilityId: move.facility_id });
		// Events go with their request (ON DELETE CASCADE).
		const gone = await tx.deleteFrom('requests').where('id', 'in', chunk).executeTakeFirst();
		removed.requestsDeleted += Number(gone.numDeletedRows);
	}
	for (const r of requests)
		deletions.push({ entity: 'requests', rowId: r.id, facilityId: r.facility_id, familyId: holder(r) });

	// Receipts without a request left.
	const registrationIds = [...new Set(requests.map((r) => r.registration_id))];
	for (let i = 0; i < registrationIds.length; i += 500) {
		const chunk = registrationIds.slice(i, i + 500);
		const empty = await tx
			.selectFrom('registrations')
			.select('id')
			.where('id', 'in', chunk)
			.where((eb) =>
				eb.not(
					eb.exists(
						eb
							.selectFrom('requests')
							.select('requests.id')
							.whereRef('requests.registration_id', '=', 'registrations.id')
					)
				)
			)
			.execute();
		const emptyIds = new Set(empty.map((g) => g.id));
		if (emptyIds.size)
			await tx
				.deleteFrom('registrations')
				.where('id', 'in', [...emptyIds])
				.execute();
		removed.registrationsDeleted += emptyIds.size;
		for (const r of requests)
			if (emptyIds.has(r.registration_id))
				deletions.push({
					entity: 'registrations',
					rowId: r.registration_id,
					facilityId: r.facility_id,
					familyId: holder(r)
				});
	}

	// Per Kita and child: the Kita's devices drop the records linked into the child and the families'
	// contacts no longer in its scope, and once no request of the child is left there the child
	// itself (the pull keeps whatever is still in the Kita's scope); the duplicate suggestions go.
	const pairs = new Map<string, { facilityId: string; rootId: string }>();
	for (const r of requests)
		pairs.set(`${r.facility_id}|${rootOf(r)}`, { facilityId: r.facility_id, rootId: rootOf(r) });
	const children = new Set<string>();
	for (const { facilityId, rootId } of pairs.values()) {
		const records = await tx
			.selectFrom('children')
			.select(['id', 'family_id'])
			.where((eb) => eb.or([eb('id', '=', rootId), eb('merged_into', '=', rootId)]))
			.execute();
		const recordIds = records.map((c) => c.id);
		for (const id of recordIds) children.add(id);
		// A family reaches a Kita only through its own requests there: its contacts (and its record
		// linked into the child) may go while the child still has a request there. The deletions are
		// offered; the pull keeps whatever is still in the Kita's scope.
		const familyIds = [...new Set(records.map((c) => c.family_id))];
		const guardians = await tx
			.selectFrom('guardians')
			.select('id')
			.where('family_id', 'in', familyIds)
			.execute();
		deletions.push(
			...recordIds
				.filter((id) => id !== rootId)
				.map((id) => ({ entity: 'children' as const, rowId: id, facilityId })),
			...familyIds.map((id) => ({ entity: 'families' as const, rowId: id, facilityId })),
			...guardians.map((g) => ({ entity: 'guardians' as const, rowId: g.id, facilityId }))
		);
		const left = await tx
			.selectFrom('requests')
			.select('id')
			.where('facility_id', '=', facilityId)
			.where('child_id', 'in', recordIds)
			.executeTakeFirst();
		if (left) continue;
		deletions.push({ entity: 'children' as const, rowId: rootId, facilityId });
		const candidates = await tx
			.selectFrom('duplicate_candidates')
			.select('id')
			.where('facility_id', '=', facilityId)
			.where('child_id', 'in', recordIds)
			.execute();
		if (candidates.length) {
			await tx
				.deleteFrom('duplicate_candidates')
				.where(
					'id',
					'in',
					candidates.map((c) => c.id)
				)
				.execute();
			removed.duplicatesDeleted += candidates.length;
			deletions.push(
				...candidates.map((c) => ({ entity: 'duplicateCandidates' as const, rowId: c.id, facilityId }))
			);
		}
	}
	// The child's other requests: each Kita's "contract elsewhere" flag is computed afresh.
	const childIds = [...children];
	for (let i = 0; i < childIds.length; i += 500)
		await tx
			.updateTable('requests')
			.set({ seq })
			.where('child_id', 'in', childIds.slice(i, i + 500))
			.execute();
	await recordDeletions(tx, deletions, seq, now);
	// Owners of the families that held the requests (staff are poked anyway).
	for (const u of await ownersOf(tx, [...new Set(requests.map(holder))])) ctx.effects.poke.add(u);
	return removed;
}

export const requestsPastPromise: RetentionPolicy = {
	name: 'requests-past-promise',
	selects: 'requests of a Kita year whose following Kita year has ended, in any status',
	does: 'deletes them with their events, empty registrations and the duplicate suggestions for the child',
	period: 'promise',
	run
};
