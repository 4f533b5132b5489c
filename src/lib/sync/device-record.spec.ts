// Issue 14, point 3: the device record outside IndexedDB — queued changes noted, acknowledged ones
// pruned, and a lost database's changes told apart: the server's lastMutationId decides.
import { describe, expect, it } from 'vitest';
import {
	holes,
	MAX_ARGS_CHARS,
	nextIdAfter,
	parseLost,
	parseRecord,
	recordedChange,
	settle,
	withLost,
	withoutChange,
	withQueued,
	type DeviceRecord
} from './device-record';

const owner = { userId: 'u1', clientId: 'c1' };
const change = (id: number, name = 'withdrawRequest') =>
	recordedChange(
		id,
		name,
		{ requestId: `r${id}` },
		{ requests: [[`r${id}`, { childId: 'k', facilityId: 'f' }]], children: [['k', 'Mia Muster']] },
		`2026-12-05T08:0${id}:00Z`
	);
const queued = (...ids: number[]): DeviceRecord =>
	ids.reduce<DeviceRecord | null>((r, id) => withQueued(r, owner, change(id)), null) ?? {
		...owner,
		highest: 0,
		pending: []
	};

describe('the device record', () => {
	it('notes each queued change with the highest id ever queued', () => {
		const record = queued(1, 2, 3);
		expect(record).toMatchObject({ userId: 'u1', clientId: 'c1', highest: 3 });
		expect(record.pending.map((c) => c.id)).toEqual([1, 2, 3]);
		expect(record.pending[0]?.names.children).toEqual([['k', 'Mia Muster']]);
	});

	it('starts afresh for another client id, and forgets a change whose transaction rolled back', () => {
		const other = withQueued(queued(1, 2), { userId: 'u1', clientId: 'c2' }, change(1));
		expect(other).toMatchObject({ clientId: 'c2', highest: 1 });
		const rolledBack = withoutChange(queued(1, 2), 2);
		expect(rolledBack.pending.map((c) => c.id)).toEqual([1]);
		expect(rolledBack.highest).toBe(2);
	});

	it('does not keep large arguments, but still the names', () => {
		const big = recordedChange(1, 'saveFacilityInfo', { text: 'x'.repeat(MAX_ARGS_CHARS) }, {}, 'now');
		expect(big).not.toHaveProperty('args');
		expect(big.name).toBe('saveFacilityInfo');
	});

	it('prunes what the server acknowledged; nothing is lost while the outbox holds the rest', () => {
		const settled = settle(queued(1, 2, 3), 1, [2, 3], 4);
		expect(settled.record.pending.map((c) => c.id)).toEqual([2, 3]);
		expect(settled.lost).toEqual([]);
		expect(settled.holes).toEqual([]);
	});

	it("names the changes above the server's id that the outbox no longer holds as lost", () => {
		// The database was deleted: a new one (same client id, ids above 3) holds nothing yet.
		const settled = settle(queued(1, 2, 3), 1, [], 4);
		expect(settled.lost.map((c) => c.id)).toEqual([2, 3]);
		expect(settled.record.pending).toEqual([]);
		expect(settled.holes).toEqual([2, 3]);
	});

	it('says nothing is lost when the server got every change before the database went', () => {
		const settled = settle(queued(1, 2), 2, [], 3);
		expect(settled.lost).toEqual([]);
		expect(settled.holes).toEqual([]);
		expect(settled.record.pending).toEqual([]);
	});

	it('keeps changes made in the new database after the loss apart from the lost ones', () => {
		// Lost: 2, 3. Made since (offline, in the new database): 4.
		const record = withQueued(queued(1, 2, 3), owner, change(4));
		const settled = settle(record, 1, [4], 5);
		expect(settled.lost.map((c) => c.id)).toEqual([2, 3]);
		expect(settled.record.pending.map((c) => c.id)).toEqual([4]);
		expect(settled.holes).toEqual([2, 3]);
	});

	it('finds the ids the server waits for that no outbox holds', () => {
		expect(holes(0, [1, 2], 2)).toEqual([]);
		expect(holes(3, [6], 6)).toEqual([4, 5]);
		expect(holes(5, [], 5)).toEqual([]);
	});

	it('lets a recreated database count on above the highest id, never repeating one', () => {
		expect(nextIdAfter(queued(1, 2, 7), 1)).toBe(8);
		expect(nextIdAfter(null, 1)).toBe(1);
		expect(nextIdAfter(queued(1), 5)).toBe(5);
	});

	it('reads back what it stored, and nothing from a foreign or broken entry', () => {
		const record = queued(1, 2);
		expect(parseRecord(JSON.stringify(record))).toEqual(record);
		expect(parseRecord(null)).toBeNull();
		expect(parseRecord('{')).toBeNull();
		expect(parseRecord(JSON.stringify({ clientId: 'c', highest: 'x', pending: [] }))).toBeNull();
		expect(parseLost(JSON.stringify([change(2), { id: 'x' }]))).toEqual([change(2)]);
		expect(parseLost('nonsense')).toEqual([]);
	});

	it('adds newly lost changes to the notice once', () => {
		const list = withLost([change(2)], [change(2), change(3)]);
		expect(list.map((c) => c.id)).toEqual([2, 3]);
	});
});
