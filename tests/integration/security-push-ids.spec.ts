// Security issue 12, points 6 and 7: a client-chosen id that already exists is refused cleanly
// (`idTaken`) instead of ending in an unhandled UNIQUE error that blocked the client's outbox for
// good; no mutation can block the queue forever; and a refusal advances lastMutationId only from
// `id − 1`, as an applied mutation does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type Mutation } from '../../src/lib/sync/protocol';
import { MAX_FAILED_ATTEMPTS, recordRejection } from '../../server/sync/push';
import { mutators } from '../../server/sync/mutators/registry';
import { expectOk, officeWorld, type Actor, type OfficeWorld } from './office-world';

describe('security: client-chosen ids', () => {
	let w: OfficeWorld;
	beforeEach(async () => {
		w = await officeWorld('2026-12-02T09:00:00Z');
	});
	afterEach(async () => {
		await w.close();
	});

	const mutation = (who: Actor, name: string, args: unknown): Mutation => ({
		id: who.next++,
		name,
		args,
		createdAt: '2026-12-02T09:00:00Z'
	});
	const pushRaw = (who: Actor, mutations: Mutation[]) =>
		w.t.caller({ session: who.session }).sync.push({
			clientId: who.clientId,
			userId: who.session.userId,
			schemaVersion: SCHEMA_VERSION,
			mutations
		});
	const rejection = (who: Actor, id: number) =>
		w.t.app.database.db
			.selectFrom('sync_rejections')
			.select(['code', 'name'])
			.where('client_id', '=', who.clientId)
			.where('mutation_id', '=', id)
			.executeTakeFirst();

	it('refuses another family’s registration and request ids as idTaken, and the queue goes on', async () => {
		const childA = await w.family(w.parent);
		const [requestA] = await w.register(w.parent, childA, [w.kitaX], '2027-08-01');
		const registrationA = (
			await w.t.app.database.db.selectFrom('registrations').select('id').executeTakeFirstOrThrow()
		).id;
		const other = await w.parentOf('zweite@example.org');
		const childB = await w.family(other, { firstName: 'Ben' });
		const item = (requestId: string) => ({
			requestId,
			facilityId: w.kitaY,
			startDate: '2027-08-01',
			weeklyHours: 35,
			changeRequest: false,
			comment: ''
		});
		const takenRegistration = mutation(other, 'submitRegistration', {
			registrationId: registrationA,
			childId: childB,
			items: [item(crypto.randomUUID())]
		});
		const takenRequest = mutation(other, 'submitRegistration', {
			registrationId: crypto.randomUUID(),
			childId: childB,
			items: [item(requestA as string)]
		});
		const ownRequest = crypto.randomUUID();
		const fine = mutation(other, 'submitRegistration', {
			registrationId: crypto.randomUUID(),
			childId: childB,
			items: [item(ownRequest)]
		});
		const result = await pushRaw(other, [takenRegistration, takenRequest, fine]);
		expect(result).toEqual({ kind: 'ok', lastMutationId: fine.id });
		expect(await rejection(other, takenRegistration.id)).toEqual({
			code: 'idTaken',
			name: 'submitRegistration'
		});
		expect(await rejection(other, takenRequest.id)).toEqual({ code: 'idTaken', name: 'submitRegistration' });
		expect(await rejection(other, fine.id)).toBeUndefined();
		// A's rows are untouched.
		const db = w.t.app.database.db;
		expect(
			await db
				.selectFrom('requests')
				.select('child_id')
				.where('id', '=', requestA as string)
				.executeTakeFirst()
		).toEqual({
			child_id: childA
		});
		expect(
			await db.selectFrom('requests').select('id').where('id', '=', ownRequest).executeTakeFirst()
		).toBeDefined();
	});

	it('refuses a child-minding id that is taken', async () => {
		const childA = await w.family(w.parent);
		const cm = crypto.randomUUID();
		await expectOk(
			w.push(w.parent, 'submitChildminding', {
				id: cm,
				childId: childA,
				startDate: '2027-03-01',
				weeklyHours: 25,
				comment: ''
			})
		);
		const other = await w.parentOf('zweite@example.org');
		const childB = await w.family(other, { firstName: 'Ben' });
		expect(
			await w.push(other, 'submitChildminding', {
				id: cm,
				childId: childB,
				startDate: '2027-03-01',
				weeklyHours: 25,
				comment: ''
			})
		).toEqual({ code: 'idTaken', current: undefined });
	});

	it('a mutator that fails the same way every time is refused after a few tries, not retried for ever', async () => {
		const child = await w.family(w.parent);
		const registry = mutators as Record<string, { roles: readonly string[]; command: unknown }>;
		const original = registry.saveChild;
		if (!original) throw new Error('saveChild is missing');
		registry.saveChild = {
			...original,
			command: () => {
				throw new TypeError('a defect in a mutator');
			}
		};
		try {
			const broken = mutation(w.parent, 'saveChild', {
				id: child,
				firstName: 'Mia',
				lastName: 'Muster',
				birthDate: '2024-03-10'
			});
			for (let attempt = 1; attempt < MAX_FAILED_ATTEMPTS; attempt++)
				await expect(pushRaw(w.parent, [broken])).rejects.toThrow();
			expect(await pushRaw(w.parent, [broken])).toEqual({ kind: 'ok', lastMutationId: broken.id });
			expect(await rejection(w.parent, broken.id)).toEqual({ code: 'serverError', name: 'saveChild' });
		} finally {
			registry.saveChild = original;
		}
	});
});

describe('security: lastMutationId advances only from id − 1', () => {
	let w: OfficeWorld;
	beforeEach(async () => {
		w = await officeWorld('2026-12-02T09:00:00Z');
	});
	afterEach(async () => {
		await w.close();
	});

	it('a refusal racing a push that already advanced the client writes nothing and never steps back', async () => {
		const who = w.parent;
		await w.family(who); // mutations 1 and 2
		const db = w.t.app.database.db;
		// Another tab of the same client got mutations 3 and 4 through meanwhile; this push still
		// refuses its mutation 3.
		await db
			.updateTable('sync_clients')
			.set({ last_mutation_id: 4 })
			.where('client_id', '=', who.clientId)
			.execute();
		const stored = await recordRejection(
			w.t.app,
			{
				clientId: who.clientId,
				mutationId: 3,
				name: 'saveChild',
				args: {},
				code: 'notBorn',
				message: 'child.notBorn'
			},
			who.session
		);
		expect(stored).toBe(false);
		const row = await db
			.selectFrom('sync_clients')
			.select('last_mutation_id')
			.where('client_id', '=', who.clientId)
			.executeTakeFirstOrThrow();
		expect(row.last_mutation_id).toBe(4);
		expect(
			await db
				.selectFrom('sync_rejections')
				.select('mutation_id')
				.where('client_id', '=', who.clientId)
				.execute()
		).toEqual([]);
	});
});
