// Issue 17, point 2: the youth office records a decided hardship case for a child (the day and a
// file reference, nothing else) — admins only, audited; the Kitas' devices learn that one was
// decided and the criterion `hardship` reads it in the queue's sort and in the offer round; the
// family's devices never get it.
import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Child } from '../../src/lib/domain/family';
import { buildQueueRows, sortQueue } from '../../src/lib/domain/queue';
import { roundInput } from '../../server/services/round-input';
import type { AuthSession } from '../../server/auth/session';
import { createUserWithSession } from './fixtures';
import { staffWorld, type StaffWorld } from './staff-world';

const REFERENCE = '51.2-2026/0143';

describe('hardship decided by the youth office', () => {
	let w: StaffWorld;
	let admin: AuthSession;
	let ben: string;
	const office = () => w.t.caller({ session: admin }).youthOffice;
	beforeEach(async () => {
		// Mia at X and Y; her brother Ben, registered at X after her.
		w = await staffWorld();
		admin = await createUserWithSession(w.t.app.database.db, w.t.clock.now(), 'admin');
		ben = crypto.randomUUID();
		await w.push(w.parent, 'saveChild', {
			id: ben,
			firstName: 'Ben',
			lastName: 'Muster',
			birthDate: '2023-06-01'
		});
		w.t.clock.advance(60_000);
		await w.push(w.parent, 'submitRegistration', {
			registrationId: crypto.randomUUID(),
			childId: ben,
			items: [
				{
					requestId: crypto.randomUUID(),
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

	const record = (over: Record<string, unknown> = {}) =>
		office().recordHardship({
			childId: ben,
			decided: true,
			decidedOn: '2026-12-01',
			reference: REFERENCE,
			...over
		} as never);
	const stored = () =>
		w.t.app.database.db
			.selectFrom('children')
			.select(['hardship_decided_on', 'hardship_reference'])
			.where('id', '=', ben)
			.executeTakeFirstOrThrow();

	it('is recorded by admins only', async () => {
		for (const who of [w.staffX, w.staffY, w.parent])
			await expect(
				w.t.caller({ session: who.session }).youthOffice.recordHardship({
					childId: ben,
					decided: true,
					decidedOn: '2026-12-01',
					reference: REFERENCE
				})
			).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(
			w.t.caller().youthOffice.recordHardship({ childId: ben, decided: false })
		).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
		expect(await stored()).toEqual({ hardship_decided_on: null, hardship_reference: null });
	});

	it('keeps the day and the file reference only, refuses free text and a day after today', async () => {
		await expect(record({ reference: 'Mutter krank!' })).rejects.toBeInstanceOf(TRPCError);
		await expect(record({ decidedOn: '2026-12-03' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		await expect(record({ childId: crypto.randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		expect(await stored()).toEqual({ hardship_decided_on: null, hardship_reference: null });

		await record({ notes: 'Vater arbeitslos' });
		expect(await stored()).toEqual({ hardship_decided_on: '2026-12-01', hardship_reference: REFERENCE });
		const audited = await w.t.app.database.db
			.selectFrom('audit_events')
			.select(['actor_id', 'action', 'target_type', 'target_id'])
			.where('action', '=', 'hardship.record')
			.execute();
		expect(audited).toEqual([
			{ actor_id: admin.userId, action: 'hardship.record', target_type: 'child', target_id: ben }
		]);
		expect(await office().hardshipCases()).toEqual([
			expect.objectContaining({ childId: ben, hardship: { decidedOn: '2026-12-01', reference: REFERENCE } })
		]);
		// Taken back (a mistake): nothing is left of it.
		await office().recordHardship({ childId: ben, decided: false });
		expect(await stored()).toEqual({ hardship_decided_on: null, hardship_reference: null });
		expect(await office().hardshipCases()).toEqual([]);
	});

	it('finds a child registered at a Kita by the beginning of its name and its birth date; each child shown is audited', async () => {
		const found = await office().findChildren({ lastName: 'muster', birthDate: '2023-06-01' });
		expect(found).toEqual([
			expect.objectContaining({ childId: ben, firstName: 'Ben', lastName: 'Muster', hardship: null })
		]);
		expect(found[0]?.kitas).toHaveLength(1);
		expect(
			await office().findChildren({ lastName: 'Muster', firstName: 'Mia', birthDate: '2023-06-01' })
		).toEqual([]);
		// Part of a name that does not begin it finds nobody.
		expect(await office().findChildren({ lastName: 'ster', birthDate: '2023-06-01' })).toEqual([]);
		const reads = await w.t.app.database.db
			.selectFrom('audit_events')
			.select(['target_type', 'target_id'])
			.where('action', '=', 'child.read')
			.orderBy('id')
			.execute();
		// Each child shown is audited as a read of that child; a search without result as the search.
		expect(reads).toEqual([
			{ target_type: 'child', target_id: ben },
			{ target_type: 'hardshipSearch', target_id: null },
			{ target_type: 'hardshipSearch', target_id: null }
		]);
	});

	it('reaches the Kita’s devices as a fact the criteria sort reads, never the family’s', async () => {
		const staffBefore = await w.pull(w.staffX);
		const parentBefore = await w.pull(w.parent);
		const ranked = (patch: Awaited<ReturnType<StaffWorld['pull']>>['patch'], children: Child[]) =>
			sortQueue(
				buildQueueRows(patch.put.requests ?? [], new Map(children.map((c) => [c.id, c])), w.kitaX),
				{ key: 'criteria', dir: 'asc' },
				['hardship']
			).map((r) => r.firstName);
		// Mia registered first: without a decision she ranks first.
		expect(ranked(staffBefore.patch, staffBefore.patch.put.children ?? [])).toEqual(['Mia', 'Ben']);

		await record();
		const staffAfter = await w.pull(w.staffX, staffBefore.cookie);
		const changed = staffAfter.patch.put.children ?? [];
		expect(changed.find((c) => c.id === ben)?.hardship).toBe(true);
		const children = new Map((staffBefore.patch.put.children ?? []).map((c) => [c.id, c]));
		for (const c of changed) children.set(c.id, c);
		expect(ranked(staffBefore.patch, [...children.values()])).toEqual(['Ben', 'Mia']);

		const parentAfter = await w.pull(w.parent, parentBefore.cookie);
		for (const c of parentAfter.patch.put.children ?? []) expect(c).not.toHaveProperty('hardship');
		expect(JSON.stringify(parentAfter)).not.toContain(REFERENCE);
		expect(JSON.stringify(await w.pull(w.staffX))).not.toContain(REFERENCE);
	});

	it('is read by the offer round', async () => {
		const before = await roundInput(w.t.app.database.db, '2027-28', 1);
		expect(before?.input.children.find((c) => c.id === ben)?.hardship).toBe(false);
		await record();
		const after = await roundInput(w.t.app.database.db, '2027-28', 1);
		expect(after?.input.children.find((c) => c.id === ben)?.hardship).toBe(true);
		expect(after?.input.children.find((c) => c.id === w.childId)?.hardship).toBe(false);
	});
});
