// Issue 14, points 1 and 2: a local database and its outbox belong to one user. A push is applied
// only under that user's session, and a pull for a user's database never answers another scope.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MutationArgs } from '../../src/lib/domain/mutations';
import { SCHEMA_VERSION, type Mutation } from '../../src/lib/sync/protocol';
import { staffWorld, walkin, type StaffWorld } from './staff-world';

describe('one device, several users', () => {
	let w: StaffWorld;
	beforeEach(async () => {
		w = await staffWorld();
	});
	afterEach(async () => {
		await w.close();
	});

	const walkinMutation = (args: MutationArgs<'createWalkin'>): Mutation => ({
		id: 1,
		name: 'createWalkin',
		args,
		createdAt: '2026-12-02T09:00:00Z'
	});
	const clientRow = (clientId: string) =>
		w.t.app.database.db
			.selectFrom('sync_clients')
			.selectAll()
			.where('client_id', '=', clientId)
			.executeTakeFirst();
	const requestExists = async (id: string) =>
		(await w.t.app.database.db
			.selectFrom('requests')
			.select('id')
			.where('id', '=', id)
			.executeTakeFirst()) !== undefined;

	it("refuses staff A's outbox under parent B's session without binding the client, and A sends it after logging in again", async () => {
		const staffA = w.staffX;
		const { args } = await walkin(w.kitaX);
		const push = { clientId: staffA.clientId, userId: staffA.session.userId, schemaVersion: SCHEMA_VERSION };

		// Tab 1 still holds A's outbox; the browser's cookie is now B's.
		await expect(
			w.t.caller({ session: w.parent.session }).sync.push({ ...push, mutations: [walkinMutation(args)] })
		).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'outboxOfAnotherUser' });
		expect(await clientRow(staffA.clientId)).toBeUndefined();
		expect(await requestExists(args.requestId)).toBe(false);

		// A logs in again: the same outbox goes through once, as A's.
		const result = await w.t
			.caller({ session: staffA.session })
			.sync.push({ ...push, mutations: [walkinMutation(args)] });
		expect(result).toEqual({ kind: 'ok', lastMutationId: 1 });
		expect((await clientRow(staffA.clientId))?.user_id).toBe(staffA.session.userId);
		expect(await requestExists(args.requestId)).toBe(true);
	});

	it('refuses a push that names no user (a client that does not say whose outbox it is)', async () => {
		await expect(
			w.t.caller({ session: w.staffX.session }).sync.push({
				clientId: w.staffX.clientId,
				schemaVersion: SCHEMA_VERSION,
				mutations: []
			})
		).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
		expect(await clientRow(w.staffX.clientId)).toBeUndefined();
	});

	it("answers 'session ended' to a pull for A's database after A's session ended, instead of the public scope and a reset", async () => {
		const first = await w.pull(w.staffX);
		expect(first.patch.put.requests?.length).toBeGreaterThan(0);
		const input = {
			clientId: w.staffX.clientId,
			userId: w.staffX.session.userId,
			schemaVersion: SCHEMA_VERSION,
			cookie: first.cookie
		};
		expect(await w.t.caller({ session: null }).sync.pull(input)).toEqual({ kind: 'sessionEnded' });
		// Another user logged in on the same browser: still not A's data, and not B's either.
		expect(await w.t.caller({ session: w.parent.session }).sync.pull(input)).toEqual({
			kind: 'sessionEnded'
		});
		// After A logs in again the pull goes on from the same cookie: nothing new, no reset.
		const again = await w.t.caller({ session: w.staffX.session }).sync.pull(input);
		expect(again).toMatchObject({ kind: 'patch', reset: false });
	});

	it('gives an anonymous database public data only, even while a user is logged in in another tab', async () => {
		const anonymous = await w.t
			.caller({ session: w.parent.session })
			.sync.pull({ clientId: null, userId: null, schemaVersion: SCHEMA_VERSION, cookie: null });
		if (anonymous.kind !== 'patch') throw new Error('expected a patch');
		expect(anonymous.patch.put.facilities?.length).toBeGreaterThan(0);
		expect(anonymous.patch.put.children).toBeUndefined();
		expect(anonymous.patch.put.requests).toBeUndefined();
		expect(anonymous.patch.put.families).toBeUndefined();
	});

	it('tells a client of the previous protocol to update rather than serving or refusing it', async () => {
		const caller = w.t.caller({ session: w.parent.session });
		expect(await caller.sync.pull({ clientId: null, schemaVersion: 1, cookie: null })).toMatchObject({
			kind: 'updateRequired'
		});
		expect(
			await caller.sync.push({ clientId: w.parent.clientId, schemaVersion: 1, mutations: [] })
		).toMatchObject({ kind: 'updateRequired' });
	});
});
