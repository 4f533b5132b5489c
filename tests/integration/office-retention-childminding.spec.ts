// The privacy page's promise on registrations holds for child-minding requests too: a request is
// kept at most until the end of the Kita year after the Kita year its desired start falls in,
// whatever its status — then it leaves the server with its internal note, and the family's and the
// Fachberatung's devices drop it (the Fachberatung's also the child and the family's contact once
// no request of theirs is left).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectOk, officeWorld, retentionSteps, type OfficeWorld } from './office-world';

describe('retention keeps the promise on child-minding requests', () => {
	let w: OfficeWorld;
	beforeEach(async () => {
		w = await officeWorld('2026-02-02T09:00:00Z');
	});
	afterEach(async () => {
		await w.close();
	});

	const { db, run, parentLogsIn } = retentionSteps(() => w);
	const requestIds = async () =>
		(await db().selectFrom('childminder_requests').select('id').orderBy('id').execute()).map((r) => r.id);
	const submit = async (childId: string, startDate: string) => {
		const id = crypto.randomUUID();
		await expectOk(
			w.push(w.parent, 'submitChildminding', {
				id,
				childId,
				startDate,
				weeklyHours: 35,
				comment: 'Frau Berger betreut schon Geschwister'
			})
		);
		return id;
	};

	it('deletes a request starting on 31 Jul 2027 (2026/27) on 1 Aug 2028, one starting on 1 Aug 2027 (2027/28) a year later; both devices drop them', async () => {
		const mia = await w.family(w.parent, { firstName: 'Mia', birthDate: '2025-09-01' });
		const ben = await w.family(w.parent, { firstName: 'Ben', birthDate: '2025-10-01' });
		const placed = await submit(mia, '2027-07-31');
		const waiting = await submit(ben, '2027-08-01');
		// Placed, with an internal note: status does not matter.
		await expectOk(
			w.push(w.adviser, 'childmindingTransition', {
				id: placed,
				event: 'contact',
				expectedStatus: 'submitted'
			})
		);
		await expectOk(
			w.push(w.adviser, 'childmindingTransition', { id: placed, event: 'place', expectedStatus: 'inContact' })
		);
		await expectOk(w.push(w.adviser, 'saveChildmindingNote', { id: placed, note: 'Bei Frau Berger' }));
		const family = await db()
			.selectFrom('families')
			.select('id')
			.where('owner_user_id', '=', w.parent.session.userId)
			.executeTakeFirstOrThrow();
		const guardians = (
			await db().selectFrom('guardians').select('id').where('family_id', '=', family.id).execute()
		).map((g) => g.id);
		expect(guardians).toHaveLength(1);
		const adviserBefore = await w.pull(w.adviser);
		expect(adviserBefore.patch.put.childminderRequests?.map((r) => r.id).sort()).toEqual(
			[placed, waiting].sort()
		);
		const parentBefore = await w.pull(w.parent);
		expect(parentBefore.patch.put.childminderRequests?.map((r) => r.id).sort()).toEqual(
			[placed, waiting].sort()
		);

		// 2026/27 ends 31 Jul 2027, the following year 2027/28 on 31 Jul 2028.
		for (const day of ['2028-07-30', '2028-07-31']) {
			w.t.clock.set(`${day}T09:00:00Z`);
			await parentLogsIn();
			expect(await run()).toMatchObject({ childmindingDeleted: 0 });
			expect(await requestIds()).toEqual([placed, waiting].sort());
		}
		w.t.clock.set('2028-08-01T09:00:00Z');
		await parentLogsIn();
		expect(await run()).toMatchObject({ childmindingDeleted: 1, familiesAnonymised: 0, accountsDeleted: 0 });
		expect(await requestIds()).toEqual([waiting]);
		// The note went with the request; the family, its children and the account stay.
		expect(
			await db().selectFrom('childminder_requests').select('id').where('internal_note', '!=', '').execute()
		).toEqual([]);
		expect((await db().selectFrom('children').select('id').orderBy('id').execute()).map((c) => c.id)).toEqual(
			[mia, ben].sort()
		);
		expect(
			await db().selectFrom('users').select('id').where('id', '=', w.parent.session.userId).execute()
		).toHaveLength(1);

		// The Fachberatung's device drops the request and Mia (nothing else of hers is left there);
		// the family's contact stays for Ben's request.
		const adviserAfter = await w.pull(w.adviser, adviserBefore.cookie);
		expect(adviserAfter.patch.del.childminderRequests).toEqual([placed]);
		expect(adviserAfter.patch.del.children).toEqual([mia]);
		expect(adviserAfter.patch.del.families).toBeUndefined();
		expect(adviserAfter.patch.del.guardians).toBeUndefined();
		expect(adviserAfter.patch.put.childminderRequests).toBeUndefined();
		const adviserFresh = await w.pull(w.adviser);
		expect(adviserFresh.patch.put.childminderRequests?.map((r) => r.id)).toEqual([waiting]);
		expect(adviserFresh.patch.put.children?.map((c) => c.id)).toEqual([ben]);

		// The family's device drops the request; its children stay.
		const parentAfter = await w.pull(w.parent, parentBefore.cookie);
		expect(parentAfter.patch.del.childminderRequests).toEqual([placed]);
		expect(parentAfter.patch.del.children).toBeUndefined();
		const parentFresh = await w.pull(w.parent);
		expect(parentFresh.patch.put.childminderRequests?.map((r) => r.id)).toEqual([waiting]);

		// Ben's request (2027/28) goes the day after 2028/29 has ended.
		w.t.clock.set('2029-07-31T09:00:00Z');
		await parentLogsIn();
		expect(await run()).toMatchObject({ childmindingDeleted: 0 });
		w.t.clock.set('2029-08-01T09:00:00Z');
		await parentLogsIn();
		expect(await run()).toMatchObject({ childmindingDeleted: 1, familiesAnonymised: 0 });
		expect(await requestIds()).toEqual([]);
		const adviserLater = await w.pull(w.adviser, adviserAfter.cookie);
		expect(adviserLater.patch.del.childminderRequests).toEqual([waiting]);
		expect(adviserLater.patch.del.children).toEqual([ben]);
		expect(adviserLater.patch.del.families).toEqual([family.id]);
		expect(adviserLater.patch.del.guardians).toEqual(guardians);
		const parentLater = await w.pull(w.parent, parentAfter.cookie);
		expect(parentLater.patch.del.childminderRequests).toEqual([waiting]);
		expect(parentLater.patch.del.families).toBeUndefined();

		// The run is audited by counts alone, and a second run changes nothing.
		const runRow = await db()
			.selectFrom('retention_runs')
			.selectAll()
			.where('at', '=', '2029-08-01T09:00:00.000Z')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(runRow.counts)).toMatchObject({ childmindingDeleted: 1 });
		expect(await run()).toMatchObject({ childmindingDeleted: 0 });
	});

	it('counts days in Berlin: a withdrawn request of 2026/27 stays through 31 Jul 2028, 23:30, and goes at 00:30', async () => {
		const mia = await w.family(w.parent, { birthDate: '2025-09-01' });
		const id = await submit(mia, '2026-09-01');
		await expectOk(w.push(w.parent, 'withdrawChildminding', { id, expectedStatus: 'submitted' }));
		// 2026/27 is the previous year until 31 Jul 2028 ends in Berlin (CEST, UTC+2).
		w.t.clock.set('2028-07-31T21:30:00Z');
		expect(await run()).toMatchObject({ childmindingDeleted: 0 });
		expect(await requestIds()).toEqual([id]);
		w.t.clock.set('2028-07-31T22:30:00Z');
		expect(await run()).toMatchObject({ childmindingDeleted: 1 });
		expect(await requestIds()).toEqual([]);
	});
});
