// Issue 17, point 2: staff move a child in their Kita's ranking by criteria with a written reason —
// refused without a reason or for another Kita's requests, stored and audited with who, when and
// why, carried to the Kita's devices and never to the family's, and honoured by the offer round.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MutationArgs } from '../../src/lib/domain/mutations';
import { roundInput } from '../../server/services/round-input';
import { createUserWithSession } from './fixtures';
import { SYSTEM_ACTOR } from '../../server/commands/context';
import { anonymiseFamily } from '../../server/commands/privacy/anonymise-family';
import { runCommand } from '../../server/commands/run';
import { MAX_MOVES_PER_REQUEST } from '../../server/commands/queue-moves';
import { actor, staffWorld, type StaffWorld } from './staff-world';

const REASON = 'Härtefall laut Bescheid vom 1.12.';

describe('moveInQueue', () => {
	let w: StaffWorld;
	let ben: { childId: string; requestId: string };
	beforeEach(async () => {
		// Mia (registered first) at X and Y; her brother Ben at X only.
		w = await staffWorld();
		ben = { childId: crypto.randomUUID(), requestId: crypto.randomUUID() };
		await w.push(w.parent, 'saveChild', {
			id: ben.childId,
			firstName: 'Ben',
			lastName: 'Muster',
			birthDate: '2023-06-01'
		});
		await w.push(w.parent, 'submitRegistration', {
			registrationId: crypto.randomUUID(),
			childId: ben.childId,
			items: [
				{
					requestId: ben.requestId,
					facilityId: w.kitaX,
					startDate: '2027-08-01',
					weeklyHours: 35,
					changeRequest: false,
					comment: ''
				}
			]
		});
	});
	afterEach(async () => {
		await w.close();
	});

	const benBeforeMia = (over: Partial<MutationArgs<'moveInQueue'>> = {}): MutationArgs<'moveInQueue'> => ({
		id: crypto.randomUUID(),
		requestId: ben.requestId,
		anchorRequestId: w.requestX,
		placement: 'before',
		reason: REASON,
		...over
	});
	const storedMoves = () => w.t.app.database.db.selectFrom('queue_moves').selectAll().execute();

	it('takes at most 20 moves of one child, however they arrive', async () => {
		for (let i = 0; i < MAX_MOVES_PER_REQUEST; i++)
			await w.push(w.staffX, 'moveInQueue', benBeforeMia({ placement: i % 2 ? 'before' : 'after' }));
		expect(await w.lastRejection(w.staffX)).toBeUndefined();
		await w.push(w.staffX, 'moveInQueue', benBeforeMia());
		expect(await w.lastRejection(w.staffX)).toMatchObject({ code: 'notAllowed' });
		expect(await storedMoves()).toHaveLength(MAX_MOVES_PER_REQUEST);
	});

	it('requires a written reason (the server checks with the same schema)', async () => {
		await w.push(w.staffX, 'moveInQueue', benBeforeMia({ reason: '   ' }));
		expect(await w.lastRejection(w.staffX)).toMatchObject({ code: 'invalidInput' });
		await w.push(w.staffX, 'moveInQueue', benBeforeMia({ reason: 'x'.repeat(501) }));
		expect(await w.lastRejection(w.staffX)).toMatchObject({ code: 'invalidInput' });
		expect(await storedMoves()).toEqual([]);
	});

	it('stores the move with who, when and why, audits it, and carries it to the Kita’s devices', async () => {
		const args = benBeforeMia();
		await w.push(w.staffX, 'moveInQueue', args);
		expect(await w.lastRejection(w.staffX)).toBeUndefined();
		expect(await storedMoves()).toEqual([
			expect.objectContaining({
				id: args.id,
				request_id: ben.requestId,
				anchor_request_id: w.requestX,
				facility_id: w.kitaX,
				kita_year_id: '2027-28',
				placement: 'before',
				reason: REASON,
				moved_by: w.staffX.session.userId,
				moved_at: w.t.clock.now().toISOString()
			})
		]);
		const audited = await w.t.app.database.db
			.selectFrom('audit_events')
			.selectAll()
			.where('action', '=', 'queue.move')
			.execute();
		expect(audited).toEqual([
			expect.objectContaining({
				actor_id: w.staffX.session.userId,
				actor_role: 'staff',
				target_type: 'request',
				target_id: ben.requestId
			})
		]);
		const pulled = await w.pull(w.staffX);
		expect(pulled.patch.put.queueMoves).toEqual([
			{
				id: args.id,
				requestId: ben.requestId,
				facilityId: w.kitaX,
				kitaYearId: '2027-28',
				anchorRequestId: w.requestX,
				placement: 'before',
				reason: REASON,
				movedAt: w.t.clock.now().toISOString()
			}
		]);
		// An incremental pull after the move brings it too.
		const before = await w.pull(w.staffX);
		const second = benBeforeMia({ placement: 'after', reason: 'Doch nicht' });
		await w.push(w.staffX, 'moveInQueue', second);
		const after = await w.pull(w.staffX, before.cookie);
		expect(after.patch.put.queueMoves?.map((m) => m.id)).toEqual([second.id]);
	});

	it('is refused for staff of another Kita, and for a neighbour of another Kita', async () => {
		await w.push(w.staffY, 'moveInQueue', benBeforeMia());
		expect(await w.lastRejection(w.staffY)).toMatchObject({ code: 'notFound' });
		// Y's own request placed next to X's: the anchor looks as if it did not exist.
		await w.push(w.staffY, 'moveInQueue', benBeforeMia({ requestId: w.requestY }));
		expect(await w.lastRejection(w.staffY)).toMatchObject({ code: 'notFound' });
		// X's staff cannot place their request next to Y's either.
		await w.push(w.staffX, 'moveInQueue', benBeforeMia({ anchorRequestId: w.requestY }));
		expect(await w.lastRejection(w.staffX)).toMatchObject({ code: 'notFound' });
		expect(await storedMoves()).toEqual([]);
		expect((await w.pull(w.staffY)).patch.put.queueMoves).toBeUndefined();
	});

	it('is refused under an id already taken, without touching the first move', async () => {
		const args = benBeforeMia();
		await w.push(w.staffX, 'moveInQueue', args);
		await w.push(w.staffX, 'moveInQueue', { ...args, placement: 'after', reason: 'Überschrieben?' });
		expect(await w.lastRejection(w.staffX)).toMatchObject({ code: 'idTaken' });
		expect((await storedMoves()).map((m) => m.reason)).toEqual([REASON]);
	});

	it('never reaches the family: the parents’ pull carries neither the move nor its reason', async () => {
		const before = await w.pull(w.parent);
		await w.push(w.staffX, 'moveInQueue', benBeforeMia());
		for (const pulled of [await w.pull(w.parent), await w.pull(w.parent, before.cookie)]) {
			expect(pulled.patch.put.queueMoves).toBeUndefined();
			expect(JSON.stringify(pulled)).not.toContain(REASON);
		}
	});

	it('reaches a device of an older sync schema not at all, and that device gets a reset once updated', async () => {
		await w.push(w.staffX, 'moveInQueue', benBeforeMia());
		const old = actor(w.staffX.session);
		const pullAs = (schemaVersion: number, cookie: string | null) =>
			w.t.caller({ session: old.session }).sync.pull({
				clientId: old.clientId,
				userId: old.session.userId,
				schemaVersion,
				cookie
			});
		const three = await pullAs(3, null);
		if (three.kind !== 'patch') throw new Error('expected a patch');
		expect(three.patch.put.queueMoves).toBeUndefined();
		expect(three.patch.put.requests?.length).toBeGreaterThan(0);
		const four = await pullAs(4, three.cookie);
		if (four.kind !== 'patch') throw new Error('expected a patch');
		expect(four.reset).toBe(true);
		expect(four.patch.put.queueMoves).toHaveLength(1);
	});

	it('is honoured by the offer round in that Kita’s ranking', async () => {
		// One place at X for the children's age band and hours.
		const db = w.t.app.database.db;
		await db
			.updateTable('capacities')
			.set({ places: 0, contracted: 0, offered: 0 })
			.where('facility_id', '=', w.kitaX)
			.where('kita_year_id', '=', '2027-28')
			.execute();
		await db
			.updateTable('capacities')
			.set({ places: 1 })
			.where('facility_id', '=', w.kitaX)
			.where('kita_year_id', '=', '2027-28')
			.where('age_band', '=', 'ue3')
			.where('weekly_hours', '=', 35)
			.execute();
		const admin = await createUserWithSession(db, w.t.clock.now(), 'admin');
		const ask = () =>
			w.t.caller({ session: admin }).youthOffice.roundProposal({ kitaYearId: '2027-28', seed: 3 });
		const atX = async () => (await ask()).kitas.find((k) => k.facilityId === w.kitaX)?.requestIds ?? [];
		// Both registered in the same instant: the seeded lottery decides; the other one is moved up.
		const [winner = ''] = await atX();
		const children = new Map([
			[w.requestX, w.childId],
			[ben.requestId, ben.childId]
		]);
		const loser = winner === w.requestX ? ben.requestId : w.requestX;
		expect(children.has(winner)).toBe(true);

		await w.push(w.staffX, 'moveInQueue', benBeforeMia({ requestId: loser, anchorRequestId: winner }));
		const loaded = await roundInput(db, '2027-28', 3);
		expect(loaded?.input.kitas.find((k) => k.id === w.kitaX)?.moves).toEqual([
			expect.objectContaining({
				subject: children.get(loser),
				anchor: children.get(winner),
				placement: 'before'
			})
		]);
		expect(await atX()).toEqual([loser]);
	});
});

describe('moves in the data export (Art. 15)', () => {
	let w: StaffWorld;
	afterEach(async () => {
		await w.close();
	});

	it('gives a family its own child’s moves without the staff’s reason, and never another family’s', async () => {
		w = await staffWorld();
		// Another family's child at X, moved before this family's Mia (her request is the anchor).
		const other = actor(
			await createUserWithSession(w.t.app.database.db, w.t.clock.now(), 'parent', {
				email: 'andere@example.org'
			})
		);
		const child = crypto.randomUUID();
		const request = crypto.randomUUID();
		await w.push(other, 'saveChild', {
			id: child,
			firstName: 'Ida',
			lastName: 'Anders',
			birthDate: '2023-04-01'
		});
		await w.push(other, 'submitRegistration', {
			registrationId: crypto.randomUUID(),
			childId: child,
			items: [
				{
					requestId: request,
					facilityId: w.kitaX,
					startDate: '2027-08-01',
					weeklyHours: 35,
					changeRequest: false,
					comment: ''
				}
			]
		});
		const theirs = { id: crypto.randomUUID(), requestId: request, anchorRequestId: w.requestX };
		await w.push(w.staffX, 'moveInQueue', {
			...theirs,
			placement: 'before',
			reason: 'Härtefall Familie Anders'
		});
		// And Mia moved behind the other child.
		const own = { id: crypto.randomUUID(), requestId: w.requestX, anchorRequestId: request };
		await w.push(w.staffX, 'moveInQueue', { ...own, placement: 'after', reason: 'Geschwister Anders' });
		expect(await w.lastRejection(w.staffX)).toBeUndefined();

		const data = await w.t.caller({ session: w.parent.session }).privacy.export();
		const text = JSON.stringify(data);
		expect(text).not.toContain('Härtefall Familie Anders');
		expect(text).not.toContain('Geschwister Anders');
		expect(text).not.toContain(request);
		expect(data.tables.queue_moves?.map((m) => m.id)).toEqual([own.id]);
		expect(data.withheld).toEqual(
			expect.arrayContaining([
				{ table: 'queue_moves', column: 'reason', reason: 'officeOnly' },
				{ table: 'queue_moves', column: 'anchor_request_id', reason: 'officeOnly' }
			])
		);
	});
});

describe('moves when a family is anonymised', () => {
	it('keeps the move and drops the staff’s reason, and the child’s hardship file reference', async () => {
		const w = await staffWorld();
		try {
			const db = w.t.app.database.db;
			// Mia's brother Ben waits at X too: Mia is moved before him.
			const ben = { childId: crypto.randomUUID(), requestId: crypto.randomUUID() };
			await w.push(w.parent, 'saveChild', {
				id: ben.childId,
				firstName: 'Ben',
				lastName: 'Muster',
				birthDate: '2023-06-01'
			});
			await w.push(w.parent, 'submitRegistration', {
				registrationId: crypto.randomUUID(),
				childId: ben.childId,
				items: [
					{
						requestId: ben.requestId,
						facilityId: w.kitaX,
						startDate: '2027-08-01',
						weeklyHours: 35,
						changeRequest: false,
						comment: ''
					}
				]
			});
			const other = ben.requestId;
			await w.push(w.staffX, 'moveInQueue', {
				id: crypto.randomUUID(),
				requestId: w.requestX,
				anchorRequestId: other,
				placement: 'before',
				reason: 'Mutter schwer erkrankt'
			});
			expect(await w.lastRejection(w.staffX)).toBeUndefined();
			const child = await db
				.selectFrom('requests')
				.select('child_id')
				.where('id', '=', w.requestX)
				.executeTakeFirstOrThrow();
			await db
				.updateTable('children')
				.set({ hardship_decided_on: '2026-11-30', hardship_reference: 'JA-51/2026-17' })
				.where('id', '=', child.child_id)
				.execute();
			const family = await db
				.selectFrom('children')
				.select('family_id')
				.where('id', '=', child.child_id)
				.executeTakeFirstOrThrow();
			const host = { database: w.t.app.database, now: w.t.clock.now, config: w.t.config };
			await runCommand(host, SYSTEM_ACTOR, (ctx) => anonymiseFamily(ctx, family.family_id));
			const moves = await db.selectFrom('queue_moves').select(['request_id', 'reason']).execute();
			expect(moves).toEqual([{ request_id: w.requestX, reason: '' }]);
			expect(
				await db
					.selectFrom('children')
					.select(['hardship_decided_on', 'hardship_reference'])
					.where('id', '=', child.child_id)
					.executeTakeFirstOrThrow()
			).toEqual({ hardship_decided_on: null, hardship_reference: null });
		} finally {
			await w.close();
		}
	});
});
