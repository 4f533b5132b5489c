// Child-minding requests keep the same promise as requests, their Kita year being the one their
// desired start falls in (they register for care from that day): deleted with their internal note,
// and dropped by the family's devices and the Fachberatung's, which also drop the child and the
// family's contact once no child-minding request of theirs is left.
import type { Day } from '../../../src/lib/domain/calendar-day';
import { kitaYearIdOf } from '../../../src/lib/domain/kita-year';
import { requestKeptUntil, requestPastPromise } from '../../../src/lib/domain/retention';
import { recordDeletions, type Deletion } from '../deletions';
import { ownersOf, type RetentionPolicy, type RetentionResult, type RetentionRun } from './policy';

/**
 * Deletes the child-minding requests past the promise on registrations: their Kita year is the one
 * their desired start falls in (kept until the end of the following year). Records the deletions
 * for the family that held them and the one they were made in (the same unless a link moved them),
 * and for the Fachberatung — with the child and the family's contact once no child-minding request
 * of theirs is left.
 */
async function run({ ctx, endOf }: RetentionRun): Promise<Partial<RetentionResult>> {
	const { tx, now, today } = ctx;
	const ends = new Map(
		(await tx.selectFrom('kita_years').select(['id', 'ends_on']).execute()).map((y) => [y.id, y.ends_on])
	);
	const keptUntil = (startDate: Day) =>
		requestKeptUntil({ id: kitaYearIdOf(startDate), endsOn: endOf(startDate) }, (id) => ends.get(id));
	const rows = (
		await tx
			.selectFrom('childminder_requests as cr')
			.innerJoin('children', 'children.id', 'cr.child_id')
			.leftJoin('children as root', 'root.id', 'children.merged_into')
			.select([
				'cr.id',
				'cr.start_date',
				'cr.family_id',
				'cr.child_id',
				'children.family_id as child_family_id',
				'root.family_id as root_family_id'
			])
			.execute()
	).filter((r) => requestPastPromise(keptUntil(r.start_date), today));
	if (!rows.length) return {};
	const seq = await ctx.seq();
	const officeRole = 'childminding' as const;
	const deletions: Deletion[] = [];
	const families = new Set<string>();
	for (const r of rows) {
		const holder = r.root_family_id ?? r.child_family_id;
		for (const familyId of new Set([holder, r.family_id])) {
			deletions.push({ entity: 'childminderRequests', rowId: r.id, familyId });
			families.add(familyId);
		}
		deletions.push({ entity: 'childminderRequests', rowId: r.id, officeRole });
	}
	const ids = rows.map((r) => r.id);
	let deleted = 0;
	for (let i = 0; i < ids.length; i += 500) {
		const gone = await tx
			.deleteFrom('childminder_requests')
			.where('id', 'in', ids.slice(i, i + 500))
			.executeTakeFirst();
		deleted += Number(gone.numDeletedRows);
	}
	// The Fachberatung holds a child and a family's contact through their child-minding requests.
	for (const childId of new Set(rows.map((r) => r.child_id))) {
		const left = await tx
			.selectFrom('childminder_requests')
			.select('id')
			.where('child_id', '=', childId)
			.executeTakeFirst();
		if (!left) deletions.push({ entity: 'children', rowId: childId, officeRole });
	}
	for (const familyId of new Set(rows.map((r) => r.family_id))) {
		const left = await tx
			.selectFrom('childminder_requests')
			.select('id')
			.where('family_id', '=', familyId)
			.executeTakeFirst();
		if (left) continue;
		const guardians = await tx
			.selectFrom('guardians')
			.select('id')
			.where('family_id', '=', familyId)
			.execute();
		deletions.push(
			{ entity: 'families', rowId: familyId, officeRole },
			...guardians.map((g) => ({ entity: 'guardians' as const, rowId: g.id, officeRole }))
		);
	}
	await recordDeletions(tx, deletions, seq, now);
	for (const u of await ownersOf(tx, [...families])) ctx.effects.poke.add(u);
	return { childmindingDeleted: deleted };
}

export const childmindingPastPromise: RetentionPolicy = {
	name: 'childminding-past-promise',
	selects: 'child-minding requests whose start’s Kita year is followed by one that has ended',
	does: 'deletes them (with their internal note) and tells the devices that held them',
	period: 'promise',
	run
};
