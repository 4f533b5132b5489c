// Issue 14, point 3: a device whose local database was lost names the changes the server did not
// get and sends a stand-in (LOST_ON_DEVICE) for each of their ids. The server only advances past a
// stand-in — no row, no rejection — so the device's later changes are not held up by the gap, and a
// lost change that still turns up under the same id is never applied after it was named lost.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type Mutation } from '../../src/lib/sync/protocol';
import { LOST_ON_DEVICE } from '../../src/lib/sync/read-records';
import { staffWorld, type StaffWorld } from './staff-world';

describe('stand-ins for mutation ids lost on the device', () => {
	let w: StaffWorld;
	beforeEach(async () => {
		w = await staffWorld();
	});
	afterEach(async () => {
		await w.close();
	});

	const child = (id: number, childId: string): Mutation => ({
		id,
		name: 'saveChild',
		args: { id: childId, firstName: `Kind${id}`, lastName: 'Verloren', birthDate: '2024-03-10' },
		createdAt: '2026-12-02T09:00:00Z'
	});
	const standIn = (id: number): Mutation => ({
		id,
		name: LOST_ON_DEVICE,
		args: null,
		createdAt: '2026-12-02T09:00:00Z'
	});
	const childExists = async (id: string) =>
		(await w.t.app.database.db
			.selectFrom('children')
			.select('id')
			.where('id', '=', id)
			.executeTakeFirst()) !== undefined;
	const rejections = async (clientId: string) =>
		(
			await w.t.app.database.db
				.selectFrom('sync_rejections')
				.select('mutation_id')
				.where('client_id', '=', clientId)
				.execute()
		).length;

	it('advances past the lost ids without a row or a rejection, then applies the changes made since', async () => {
		const { session, clientId } = w.parent;
		const push = (mutations: Mutation[]) =>
			w.t
				.caller({ session })
				.sync.push({ clientId, userId: session.userId, schemaVersion: SCHEMA_VERSION, mutations });
		const [first, lost, later] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
		// The world's parent pushed before: count on from where its client stands.
		const b = w.parent.next - 1;
		expect(await push([child(b + 1, first)])).toEqual({ kind: 'ok', lastMutationId: b + 1 });

		// Ids 2 and 3 went with the lost database; the new one queued id 4. Without stand-ins: a gap.
		expect(await push([child(b + 4, later)])).toEqual({ kind: 'gap', lastMutationId: b + 1 });
		expect(await push([standIn(b + 2), standIn(b + 3), child(b + 4, later)])).toEqual({
			kind: 'ok',
			lastMutationId: b + 4
		});
		expect(await childExists(later)).toBe(true);
		expect(await rejections(clientId)).toBe(0);

		// The lost change turns up after all (an old request still under way): named lost, never applied.
		expect(await push([child(b + 2, lost)])).toEqual({ kind: 'ok', lastMutationId: b + 4 });
		expect(await childExists(lost)).toBe(false);
	});
});
