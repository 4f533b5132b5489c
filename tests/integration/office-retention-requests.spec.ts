// The privacy page's promise on registrations: a request is kept at most until the end of the Kita
// year after its own Kita year, whatever its status and however often the account is used — then
// it leaves the server with its history and receipt, and every device that held it drops it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultKitaYear } from '../../src/lib/domain/kita-year';
import { DEFAULT_RETENTION } from '../../src/lib/domain/retention';
import { runRetention } from '../../server/jobs/retention';
import { kitaYearRow } from '../../server/services/catalogue';
import { expectOk, officeWorld, retentionSteps, type OfficeWorld } from './office-world';
import {
	claimedWalkin,
	linkOpenCandidate,
	staffOfZ,
	staffWorld,
	walkin,
	type Actor as StaffActor,
	type StaffWorld
} from './staff-world';

const OFFER_2026 = { startDate: '2026-08-01', weeklyHours: 35 as const, note: 'Gruppe Igel' };

describe('retention keeps the promise on registrations', () => {
	let w: OfficeWorld;
	beforeEach(async () => {
		w = await officeWorld('2026-02-02T09:00:00Z');
	});
	afterEach(async () => {
		await w.close();
	});

	const { db, run, parentLogsIn } = retentionSteps(() => w);
	const requestIds = async () =>
		(await db().selectFrom('requests').select('id').orderBy('id').execute()).map((r) => r.id);

	it('deletes a contract of 2026/27 and the request closed by it once 2027/28 has ended, not a day earlier; the devices drop them, the family stays', async () => {
		const childId = await w.family(w.parent);
		const [atX, atY] = await w.register(w.parent, childId, [w.kitaX, w.kitaY], '2026-08-01');
		if (!atX || !atY) throw new Error('no requests');
		await expectOk(
			w.push(w.staff, 'makeOffer', { requestId: atX, expectedStatus: 'registered', ...OFFER_2026 })
		);
		await expectOk(
			w.push(w.staff, 'recordAnswer', { requestId: atX, expectedStatus: 'offered', answer: 'accept' })
		);
		await expectOk(w.push(w.staff, 'concludeContract', { requestId: atX, expectedStatus: 'accepted' }));
		const registration = await db()
			.selectFrom('requests')
			.select('registration_id')
			.where('id', '=', atX)
			.executeTakeFirstOrThrow();
		const events = (
			await db().selectFrom('request_events').select(['id', 'request_id']).orderBy('id').execute()
		).filter((e) => e.request_id === atX || e.request_id === atY);
		expect(events.length).toBeGreaterThanOrEqual(4);
		const staffBefore = await w.pull(w.staff);
		expect(staffBefore.patch.put.requests?.map((r) => r.id)).toEqual([atX]);
		const parentBefore = await w.pull(w.parent);
		expect(parentBefore.patch.put.requests?.map((r) => r.id).sort()).toEqual([atX, atY].sort());

		// 2026/27 ends 31 Jul 2027, the following year 2027/28 on 31 Jul 2028.
		for (const day of ['2028-07-30', '2028-07-31']) {
			w.t.clock.set(`${day}T09:00:00Z`);
			await parentLogsIn();
			expect(await run()).toMatchObject({ requestsDeleted: 0, registrationsDeleted: 0 });
			expect(await requestIds()).toEqual([atX, atY].sort());
		}
		w.t.clock.set('2028-08-01T09:00:00Z');
		await parentLogsIn();
		expect(await run()).toMatchObject({
			requestsDeleted: 2,
			requestEventsDeleted: events.length,
			registrationsDeleted: 1,
			familiesAnonymised: 0,
			accountsDeleted: 0
		});
		expect(await requestIds()).toEqual([]);
		expect(
			await db()
				.selectFrom('request_events')
				.select('id')
				.where(
					'id',
					'in',
					events.map((e) => e.id)
				)
				.execute()
		).toEqual([]);
		expect(
			await db()
				.selectFrom('registrations')
				.select('id')
				.where('id', '=', registration.registration_id)
				.execute()
		).toEqual([]);
		// The account and the family stay as they were.
		expect(
			await db().selectFrom('users').select('id').where('id', '=', w.parent.session.userId).execute()
		).toHaveLength(1);
		expect(
			await db().selectFrom('children').select('first_name').where('id', '=', childId).executeTakeFirst()
		).toEqual({ first_name: 'Mia' });
		expect(await db().selectFrom('guardians').select('first_name').executeTakeFirst()).toEqual({
			first_name: 'Anna'
		});

		// The Kita's device drops the contract, its history, the receipt, and the child with its
		// contacts (it has no other request there).
		const staffAfter = await w.pull(w.staff, staffBefore.cookie);
		expect(staffAfter.patch.del.requests).toEqual([atX]);
		expect(staffAfter.patch.del.requestEvents?.sort()).toEqual(
			events
				.filter((e) => e.request_id === atX)
				.map((e) => e.id)
				.sort()
		);
		expect(staffAfter.patch.del.registrations).toEqual([registration.registration_id]);
		expect(staffAfter.patch.del.children).toEqual([childId]);
		expect(staffAfter.patch.del.families).toHaveLength(1);
		expect(staffAfter.patch.del.guardians).toHaveLength(1);
		expect(staffAfter.patch.put.requests).toBeUndefined();
		expect(staffAfter.patch.put.children).toBeUndefined();
		const staffFresh = await w.pull(w.staff);
		expect(staffFresh.patch.put.requests).toBeUndefined();
		expect(staffFresh.patch.put.children).toBeUndefined();

		// The parent's device drops the requests, their history and the receipt; the family stays.
		const parentAfter = await w.pull(w.parent, parentBefore.cookie);
		expect(parentAfter.patch.del.requests?.sort()).toEqual([atX, atY].sort());
		expect(parentAfter.patch.del.requestEvents?.sort()).toEqual(events.map((e) => e.id).sort());
		expect(parentAfter.patch.del.registrations).toEqual([registration.registration_id]);
		expect(parentAfter.patch.del.children).toBeUndefined();
		const parentFresh = await w.pull(w.parent);
		expect(parentFresh.patch.put.requests).toBeUndefined();
		expect(parentFresh.patch.put.children?.map((c) => c.id)).toEqual([childId]);

		// The run is audited by counts alone.
		const runRow = await db()
			.selectFrom('retention_runs')
			.selectAll()
			.where('at', '=', '2028-08-01T09:00:00.000Z')
			.executeTakeFirstOrThrow();
		const counts = JSON.parse(runRow.counts) as Record<string, unknown>;
		expect(counts).toMatchObject({ requestsDeleted: 2, registrationsDeleted: 1 });
		expect(Object.values(counts).every((n) => typeof n === 'number')).toBe(true);
		expect(
			await db()
				.selectFrom('audit_events')
				.select(['actor_role', 'target_type', 'target_id'])
				.where('action', '=', 'retention.run')
				.execute()
		).toContainEqual({ actor_role: 'system', target_type: 'retentionRun', target_id: String(runRow.id) });

		const again = await run();
		expect(again).toMatchObject({ requestsDeleted: 0, requestEventsDeleted: 0, registrationsDeleted: 0 });
	});

	it('keeps the requests of the previous and the running year; the Kita keeps the child while one of them is there', async () => {
		const childId = await w.family(w.parent);
		const [old] = await w.register(w.parent, childId, [w.kitaX], '2026-08-01');
		await expectOk(
			w.push(w.parent, 'withdrawRequest', { requestId: old ?? '', expectedStatus: 'registered' })
		);
		w.t.clock.set('2026-10-02T09:00:00Z');
		const [previous] = await w.register(w.parent, childId, [w.kitaX], '2027-08-01');
		const seq = (await db().selectFrom('sync_state').select('seq').executeTakeFirstOrThrow()).seq;
		await db()
			.insertInto('kita_years')
			.values(kitaYearRow(defaultKitaYear(2028), seq))
			.execute();
		w.t.clock.set('2027-10-02T09:00:00Z');
		const [running] = await w.register(w.parent, childId, [w.kitaY], '2028-08-01');
		if (!old || !previous || !running) throw new Error('no requests');
		const staffBefore = await w.pull(w.staff);
		const parentBefore = await w.pull(w.parent);

		// 1 Aug 2028: 2028/29 runs, 2027/28 is the previous year, 2026/27 the one before.
		w.t.clock.set('2028-08-01T09:00:00Z');
		await parentLogsIn();
		expect(await run()).toMatchObject({ requestsDeleted: 1, registrationsDeleted: 1 });
		expect(await requestIds()).toEqual([previous, running].sort());
		const staffAfter = await w.pull(w.staff, staffBefore.cookie);
		expect(staffAfter.patch.del.requests).toEqual([old]);
		// The child still has the 2027/28 request at this Kita: it stays on the Kita's device.
		expect(staffAfter.patch.del.children).toBeUndefined();
		expect(staffAfter.patch.del.guardians).toBeUndefined();
		const parentAfter = await w.pull(w.parent, parentBefore.cookie);
		expect(parentAfter.patch.del.requests).toEqual([old]);

		// 2027/28's request goes a year later, the day after 2028/29 has ended.
		w.t.clock.set('2029-07-31T09:00:00Z');
		await parentLogsIn();
		expect(await run()).toMatchObject({ requestsDeleted: 0 });
		w.t.clock.set('2029-08-01T09:00:00Z');
		await parentLogsIn();
		expect(await run()).toMatchObject({ requestsDeleted: 1 });
		expect(await requestIds()).toEqual([running]);
		const staffLater = await w.pull(w.staff, staffAfter.cookie);
		expect(staffLater.patch.del.requests).toEqual([previous]);
		expect(staffLater.patch.del.children).toEqual([childId]);
	});
});

describe('retention of a request held through a link', () => {
	let w: StaffWorld;
	let staffZ: StaffActor;
	beforeEach(async () => {
		w = await staffWorld();
		staffZ = await staffOfZ(w);
	});
	afterEach(async () => {
		await w.close();
	});

	const db = () => w.t.app.database.db;

	it('sends the deletion to the surviving child’s family, and the Kita drops both records and their contacts', async () => {
		const { walk, claimer } = await claimedWalkin(w, staffZ);
		const candidateId = await linkOpenCandidate(w, staffZ);
		const owner = await w.pull(w.parent);
		const other = await w.pull(claimer);
		const kita = await w.pull(staffZ);
		expect(kita.patch.put.children?.map((c) => c.id).sort()).toEqual([w.childId, walk.args.child.id].sort());

		// The requests are for 2027/28: kept through 2028/29, gone on 1 Aug 2029.
		w.t.clock.set('2029-08-01T09:00:00Z');
		await db().updateTable('users').set({ last_login_at: w.t.clock.now().toISOString() }).execute();
		expect(
			await runRetention({ db: db(), now: w.t.clock.now, periods: { ...DEFAULT_RETENTION } })
		).toMatchObject({ requestsDeleted: 3, duplicatesDeleted: 1, familiesAnonymised: 0 });

		const ownerAfter = await w.pull(w.parent, owner.cookie);
		expect(ownerAfter.patch.del.requests?.sort()).toEqual(
			[w.requestX, w.requestY, walk.args.requestId].sort()
		);
		expect(ownerAfter.patch.del.registrations).toContain(walk.args.registrationId);
		// The claimer's device dropped the linked request when it was linked: nothing more to drop.
		const otherAfter = await w.pull(claimer, other.cookie);
		expect(otherAfter.patch.del.requests).toBeUndefined();
		const kitaAfter = await w.pull(staffZ, kita.cookie);
		expect(kitaAfter.patch.del.requests).toEqual([walk.args.requestId]);
		expect(kitaAfter.patch.del.children?.sort()).toEqual([w.childId, walk.args.child.id].sort());
		expect(kitaAfter.patch.del.families).toHaveLength(2);
		expect(kitaAfter.patch.del.duplicateCandidates).toEqual([candidateId]);
		expect(kitaAfter.patch.put.children).toBeUndefined();
	});

	it('drops the walk-in family’s contacts at its Kita once its own request there is gone, while the child stays', async () => {
		// Jelena registers Mia in person at Z for 2026/27; the online family confirms the link and
		// registers Mia at Z for 2027/28 itself.
		const walk = await walkin(w.kitaZ);
		walk.args.startDate = '2027-01-04';
		await w.push(staffZ, 'createWalkin', walk.args);
		expect(await w.lastRejection(staffZ)).toBeUndefined();
		const pair = await db().selectFrom('duplicate_candidates').select('id').executeTakeFirstOrThrow();
		await w.push(staffZ, 'decideDuplicate', { candidateId: pair.id, decision: 'ask' });
		await w.push(w.parent, 'answerLinkQuestion', { candidateId: pair.id, answer: 'mine' });
		const own = crypto.randomUUID();
		await w.push(w.parent, 'submitRegistration', {
			registrationId: crypto.randomUUID(),
			childId: w.childId,
			items: [
				{
					requestId: own,
					facilityId: w.kitaZ,
					startDate: '2027-08-01',
					weeklyHours: 35,
					changeRequest: false,
					comment: ''
				}
			]
		});
		expect(await w.lastRejection(w.parent)).toBeUndefined();
		const kita = await w.pull(staffZ);
		const jelena = walk.args.guardians.map((g) => g.id);
		expect(kita.patch.put.guardians?.map((g) => g.id)).toEqual(expect.arrayContaining(jelena));

		// 2026/27 requests go on 1 Aug 2028; Mia's own request at Z (2027/28) stays.
		w.t.clock.set('2028-08-01T09:00:00Z');
		await db().updateTable('users').set({ last_login_at: w.t.clock.now().toISOString() }).execute();
		await runRetention({ db: db(), now: w.t.clock.now, periods: { ...DEFAULT_RETENTION } });
		expect(await w.status(own)).toBe('registered');

		const after = await w.pull(staffZ, kita.cookie);
		expect(after.patch.del.requests).toEqual([walk.args.requestId]);
		expect(after.patch.del.guardians?.sort()).toEqual([...jelena].sort());
		expect(after.patch.del.families).toEqual([walk.args.familyId]);
		expect(after.patch.del.children).toEqual([walk.args.child.id]);
		const fresh = JSON.stringify((await w.pull(staffZ)).patch);
		expect(fresh).not.toContain('Bahnhofstraße 12');
		expect(fresh).toContain('Steinerstraße 3');
	});
});
