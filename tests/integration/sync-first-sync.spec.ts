// Issue 14, point 8: a first sync (reset) comes in pages read at one snapshot, each with a
// continuation token, so a weak line shows progress and a dropped connection goes on from the last
// page applied. Whatever changes between the pages, the device ends with what one answer brings.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntityName, PullInput, PullResult } from '../../src/lib/sync/protocol';
import { SCHEMA_VERSION } from '../../src/lib/sync/protocol';
import { nextSeq } from '../../server/db/seq';
import { familyMutations } from '../bench/mutations';
import { createUserWithSession } from './fixtures';
import { actor, OFFER, staffWorld, type Actor, type StaffWorld } from './staff-world';

type Answer = Exclude<PullResult, { kind: 'sessionEnded' } | { kind: 'updateRequired' }>;

/** A device's local copy as the client keeps it: rows by entity and key. */
class Device {
	rows = new Map<string, Map<string, unknown>>();
	cookie: string | null = null;
	token: string | null = null;
	apply(answer: Answer): void {
		if (answer.reset) this.rows.clear();
		for (const [entity, ids] of Object.entries(answer.patch.del))
			for (const id of ids ?? []) this.rows.get(entity)?.delete(id);
		for (const [entity, rows] of Object.entries(answer.patch.put)) {
			const table = this.rows.get(entity) ?? new Map<string, unknown>();
			this.rows.set(entity, table);
			for (const row of rows ?? []) table.set(keyOf(row), row);
		}
		if (answer.kind === 'page') this.token = answer.token;
		else {
			this.token = null;
			this.cookie = answer.cookie;
		}
	}
	/** Sorted, comparable. */
	snapshot(): Record<string, [string, unknown][]> {
		const out: Record<string, [string, unknown][]> = {};
		for (const [entity, table] of [...this.rows].sort(([a], [b]) => a.localeCompare(b)))
			if (table.size) out[entity] = [...table].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return out;
	}
}

function keyOf(row: unknown): string {
	const r = row as { id?: string; key?: string };
	return String(r.key ?? r.id);
}

function rowCount(answer: Answer): number {
	return Object.values(answer.patch.put).reduce((n, rows) => n + (rows?.length ?? 0), 0);
}

describe('a first sync in pages', () => {
	let w: StaffWorld;
	let families: Actor[];
	const PAGE_ROWS = 17;

	beforeEach(async () => {
		w = await staffWorld();
		const db = w.t.app.database.db;
		families = [];
		// 30 more families registered at Kita X (and half of them at Y too).
		for (let i = 0; i < 30; i++) {
			const parent = actor(await createUserWithSession(db, w.t.clock.now(), 'parent'));
			const kitas = i % 2 ? [w.kitaX, w.kitaY] : [w.kitaX];
			for (const m of familyMutations(1, kitas, '2027-08-01', '2024-02-01', w.t.clock.now().toISOString()))
				await w.push(parent, m.name as 'saveGuardian', m.args as never);
			families.push(parent);
		}
		w.t.app.config.syncPageRows = PAGE_ROWS;
	});
	afterEach(async () => {
		await w.close();
	});

	const input = (who: Actor, device: Device, schemaVersion = SCHEMA_VERSION): PullInput => ({
		clientId: who.clientId,
		userId: who.session.userId,
		schemaVersion,
		cookie: device.cookie,
		page: device.token
	});
	async function pullAnswer(who: Actor, device: Device, schemaVersion = SCHEMA_VERSION): Promise<Answer> {
		const result = await w.t.caller({ session: who.session }).sync.pull(input(who, device, schemaVersion));
		if (result.kind !== 'patch' && result.kind !== 'page') throw new Error(`pull: ${result.kind}`);
		return result;
	}
	/** What a client of one answer holds: the whole scope read at once. */
	async function oneShot(who: Actor): Promise<Device> {
		const device = new Device();
		const answer = await pullAnswer(who, device, 2);
		expect(answer.kind).toBe('patch');
		expect(answer.reset).toBe(true);
		device.apply(answer);
		return device;
	}
	const requestsOfFamily = async (family: Actor) =>
		(
			await w.t.app.database.db
				.selectFrom('requests')
				.innerJoin('registrations', 'registrations.id', 'requests.registration_id')
				.innerJoin('families', 'families.id', 'registrations.family_id')
				.select(['requests.id', 'requests.facility_id'])
				.where('families.owner_user_id', '=', family.session.userId)
				.orderBy('requests.id')
				.execute()
		).filter((r) => r.facility_id === w.kitaX);

	it('ends with exactly what one answer brings, although rows changed, came and went between the pages', async () => {
		const device = new Device();
		const first = await pullAnswer(w.staffX, device);
		expect(first.kind).toBe('page');
		expect(first.reset).toBe(true);
		if (first.kind !== 'page') return;
		expect(rowCount(first)).toBe(PAGE_ROWS);
		// The first page counts what the whole first sync brings, per entity.
		const before = await oneShot(w.staffX);
		expect(first.total?.requests).toBe(before.rows.get('requests')?.size);
		expect(first.total?.children).toBe(before.rows.get('children')?.size);
		device.apply(first);

		let pages = 1;
		let changed = false;
		let answer: Answer = first;
		const heldBy = (entity: EntityName, id: string) => device.rows.get(entity)?.has(id) ?? false;
		while (answer.kind === 'page') {
			answer = await pullAnswer(w.staffX, device);
			pages += 1;
			if (answer.kind === 'page') {
				expect(answer.reset).toBe(false);
				expect(rowCount(answer)).toBeLessThanOrEqual(PAGE_ROWS);
			}
			device.apply(answer);
			if (!changed && (device.rows.get('requests')?.size ?? 0) > 0) {
				changed = true;
				// Meanwhile: an offer on a request the device may already hold, a withdrawal, a new
				// family, and a Kita of the catalogue switched off (its rows leave every device).
				const ofX: [Actor, string][] = [];
				for (const family of families)
					for (const r of await requestsOfFamily(family)) ofX.push([family, r.id]);
				const held = ofX.find(([, id]) => heldBy('requests', id));
				const notYet = ofX.find(([, id]) => !heldBy('requests', id));
				if (!held || !notYet) throw new Error('expected the requests half sent');
				await w.push(w.staffX, 'makeOffer', { requestId: held[1], expectedStatus: 'registered', ...OFFER });
				await w.push(notYet[0], 'withdrawRequest', { requestId: notYet[1], expectedStatus: 'registered' });
				const late = actor(await createUserWithSession(w.t.app.database.db, w.t.clock.now(), 'parent'));
				for (const m of familyMutations(
					1,
					[w.kitaX],
					'2027-08-01',
					'2024-05-01',
					w.t.clock.now().toISOString()
				))
					await w.push(late, m.name as 'saveGuardian', m.args as never);
				const facility = [...(device.rows.get('facilities')?.keys() ?? [])].find(
					(id) => id !== w.kitaX && id !== w.kitaY
				);
				expect(facility).toBeDefined();
				await w.t.app.database.db.transaction().execute(async (tx) => {
					const seq = await nextSeq(tx);
					await tx
						.updateTable('facilities')
						.set({ active: 0, seq })
						.where('id', '=', facility ?? '')
						.execute();
				});
				expect(heldBy('facilities', facility ?? '')).toBe(true);
			}
			expect(pages).toBeLessThan(200);
		}
		expect(pages).toBeGreaterThan(5);
		expect(answer.reset).toBe(false);
		expect(device.snapshot()).toEqual((await oneShot(w.staffX)).snapshot());

		// The cookie of the last page is an ordinary one: the next pull is a delta with nothing in it.
		const next = await pullAnswer(w.staffX, device);
		expect(next.kind).toBe('patch');
		expect(next.reset).toBe(false);
		expect(rowCount(next)).toBe(0);
	});

	it('answers a token again with the same page, and the pages bring every row once', async () => {
		const device = new Device();
		const counted = new Map<string, number>();
		let answer = await pullAnswer(w.staffX, device);
		for (;;) {
			if (answer.kind === 'page') {
				// The answer got lost on the way: asked again with the same token, the same page comes.
				const again = await pullAnswer(w.staffX, device);
				expect(again).toEqual(answer);
			}
			for (const [entity, rows] of Object.entries(answer.patch.put))
				for (const row of rows ?? []) {
					const key = `${entity}|${keyOf(row)}`;
					counted.set(key, (counted.get(key) ?? 0) + 1);
				}
			device.apply(answer);
			if (answer.kind === 'patch') break;
			answer = await pullAnswer(w.staffX, device);
		}
		expect([...counted.values()].every((n) => n === 1)).toBe(true);
		expect(device.snapshot()).toEqual((await oneShot(w.staffX)).snapshot());
	});

	it("starts again with a reset for a token of another scope, and for one older than the server's deletions", async () => {
		const device = new Device();
		device.apply(await pullAnswer(w.staffY, device));
		expect(device.token).not.toBeNull();
		// Staff X's device sends staff Y's token: X's own first page, clearing whatever it held.
		const fresh = await pullAnswer(w.staffX, device);
		expect(fresh.kind).toBe('page');
		expect(fresh.reset).toBe(true);
		device.apply(fresh);
		await pullAnswer(w.staffX, device);
		await w.t.app.database.db
			.updateTable('sync_state')
			.set((eb) => ({ seq: eb('seq', '+', 5), deletions_pruned_through: eb('seq', '+', 5) }))
			.execute();
		const restarted = await pullAnswer(w.staffX, device);
		expect(restarted.reset).toBe(true);
	});

	it('still answers a client of schema 2 in one answer', async () => {
		const device = await oneShot(w.staffX);
		expect(device.rows.get('requests')?.size).toBeGreaterThan(PAGE_ROWS);
		expect(device.cookie).not.toBeNull();
	});

	it('answers a scope that fits into one page with one ordinary patch', async () => {
		w.t.app.config.syncPageRows = 100_000;
		const answer = await pullAnswer(w.staffX, new Device());
		expect(answer.kind).toBe('patch');
		expect(answer.reset).toBe(true);
	});
});
