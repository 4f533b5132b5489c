// A device may hold the database as any earlier release left it. LocalDb declares only the current
// schema (Dexie ≥ 3 compares it with the one installed and adds what is missing; only a version with
// an upgrade function must stay declared), so this test installs each earlier version as it was
// shipped, with a row in it, and opens it as LocalDb: every table and index is there and nothing
// stored is lost.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalDb } from './local-db';

/** The version() steps as releases shipped them (local-db.ts before it declared one schema). */
const SHIPPED: Record<string, string>[] = [
	{
		municipalities: 'id',
		kitaYears: 'id',
		facilities: 'id, municipalityId',
		capacities: 'key, facilityId',
		bookmarks: 'facilityId',
		meta: 'key'
	},
	{
		bookmarks: 'facilityId, addedAt',
		families: 'id',
		guardians: 'id, familyId',
		children: 'id, familyId',
		registrations: 'id, childId',
		requests: 'id, childId, facilityId, status, registrationId',
		requestEvents: 'id, requestId',
		childminderRequests: 'id, childId',
		outbox: 'id',
		shadows: 'key',
		rejections: 'mutationId, dismissed',
		drafts: 'id'
	},
	{
		requests: 'id, childId, facilityId, status, registrationId, [facilityId+kitaYearId]',
		duplicateCandidates: 'id, facilityId, status'
	},
	{ children: 'id, familyId, mergedInto' },
	{ linkQuestions: 'id, status' },
	{ guardians: 'id, familyId, position' },
	{ queueMoves: 'id, facilityId', roundProposals: 'id, facilityId, status' }
];

/** Each table's primary key and indexes, as IndexedDB holds them. */
function shape(db: Dexie): Record<string, readonly string[]> {
	return Object.fromEntries(
		db.tables
			.map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src).sort()]] as const)
			.sort(([a], [b]) => (a < b ? -1 : 1))
	);
}

const opened: Dexie[] = [];
afterEach(async () => {
	for (const db of opened.splice(0)) {
		db.close();
		await Dexie.delete(db.name);
	}
});

describe('LocalDb opens a database an earlier release installed', () => {
	it('a new database has the shape of all shipped steps', async () => {
		const fresh = new LocalDb('upgrade-fresh');
		opened.push(fresh);
		await fresh.open();
		const shipped = new Dexie('upgrade-shipped');
		SHIPPED.forEach((stores, i) => shipped.version(i + 1).stores(stores));
		opened.push(shipped);
		await shipped.open();
		expect(shape(fresh)).toEqual(shape(shipped));
	});

	for (let installed = 1; installed < SHIPPED.length; installed++) {
		it(`from version ${installed}: every table and index, and the stored rows`, async () => {
			const name = `upgrade-from-${installed}`;
			const old = new Dexie(name);
			SHIPPED.slice(0, installed).forEach((stores, i) => old.version(i + 1).stores(stores));
			await old.open();
			await old.table('facilities').put({ id: 'k1', municipalityId: 'm1', name: 'Kita Wiesenweg' });
			await old.table('meta').put({ key: 'clientId', value: 'client-1' });
			if (installed >= 2) await old.table('guardians').put({ id: 'g1', familyId: 'f1', position: 0 });
			old.close();

			const db = new LocalDb(name);
			opened.push(db);
			await db.open();
			const fresh = new LocalDb(`upgrade-reference-${installed}`);
			opened.push(fresh);
			await fresh.open();
			expect(shape(db)).toEqual(shape(fresh));
			expect(await db.facilities.get('k1')).toMatchObject({ name: 'Kita Wiesenweg' });
			expect(await db.meta.get('clientId')).toEqual({ key: 'clientId', value: 'client-1' });
			if (installed >= 2)
				expect(await db.guardians.where('familyId').equals('f1').sortBy('position')).toHaveLength(1);
			// The last step's tables are there and answer by their indexes.
			expect(await db.roundProposals.where('status').equals('open').count()).toBe(0);
		});
	}
});
