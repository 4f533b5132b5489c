// sync_deletions does not grow forever: retention prunes the records of deletions after the
// transient period, and a device whose cookie is older than what was pruned — it may have missed a
// deletion — gets a reset instead of a patch; devices that pulled since go on as before.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { officeWorld, retentionSteps, type OfficeWorld } from './office-world';

describe('pruning the records of deletions', () => {
	let w: OfficeWorld;
	beforeEach(async () => {
		w = await officeWorld('2026-02-02T09:00:00Z');
	});
	afterEach(async () => {
		await w.close();
	});

	const { db, run, parentLogsIn } = retentionSteps(() => w);
	const recorded = async () => (await db().selectFrom('sync_deletions').select('seq').execute()).length;

	it('keeps them for the transient period, then prunes them and resets only devices that have not pulled since', async () => {
		const childId = await w.family(w.parent);
		const [atX] = await w.register(w.parent, childId, [w.kitaX], '2026-08-01');
		if (!atX) throw new Error('no request');
		const staffOld = (await w.pull(w.staff)).cookie;
		const parentOld = (await w.pull(w.parent)).cookie;
		const publicOld = (await w.pull(null)).cookie;

		// 1 Aug 2028: the 2026/27 request goes (the promise on registrations).
		w.t.clock.set('2028-08-01T09:00:00Z');
		await parentLogsIn();
		expect(await run()).toMatchObject({ requestsDeleted: 1, deletionsPruned: 0 });
		const kept = await recorded();
		expect(kept).toBeGreaterThan(0);
		const deletionSeq = (
			await db()
				.selectFrom('sync_deletions')
				.select((eb) => eb.fn.max('seq').as('seq'))
				.executeTakeFirstOrThrow()
		).seq;
		const staffRecent = await w.pull(w.staff, staffOld);
		expect(staffRecent.reset).toBe(false);
		expect(staffRecent.patch.del.requests).toEqual([atX]);

		// Exactly the transient period later they are still kept, and old cookies still get them.
		w.t.clock.set('2028-08-31T09:00:00Z');
		await parentLogsIn();
		expect(await run()).toMatchObject({ deletionsPruned: 0 });
		expect(await recorded()).toBe(kept);
		const stillPatch = await w.pull(w.staff, staffOld);
		expect(stillPatch.reset).toBe(false);
		expect(stillPatch.patch.del.requests).toEqual([atX]);

		// A second later they go.
		w.t.clock.set('2028-08-31T09:00:01Z');
		await parentLogsIn();
		expect(await run()).toMatchObject({ deletionsPruned: kept });
		expect(await recorded()).toBe(0);
		expect(
			(await db().selectFrom('sync_state').select('deletions_pruned_through').executeTakeFirstOrThrow())
				.deletions_pruned_through
		).toBe(deletionSeq);

		// Devices that had not pulled since the deletion start again from scratch: no request.
		const staffReset = await w.pull(w.staff, staffOld);
		expect(staffReset.reset).toBe(true);
		expect(staffReset.patch.put.requests).toBeUndefined();
		expect(staffReset.patch.put.facilities?.length).toBeGreaterThan(0);
		const parentReset = await w.pull(w.parent, parentOld);
		expect(parentReset.reset).toBe(true);
		expect(parentReset.patch.put.requests).toBeUndefined();
		expect(parentReset.patch.put.children?.map((c) => c.id)).toEqual([childId]);
		expect((await w.pull(null, publicOld)).reset).toBe(true);
		// A device that pulled after the deletion goes on with a patch, and so does the new cookie.
		const staffOn = await w.pull(w.staff, staffRecent.cookie);
		expect(staffOn.reset).toBe(false);
		expect((await w.pull(w.staff, staffReset.cookie)).reset).toBe(false);

		// Nothing left to prune: a second run changes nothing.
		expect(await run()).toMatchObject({ deletionsPruned: 0 });
	});
});
