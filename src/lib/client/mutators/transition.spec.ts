// The client's one placement step on a real LocalDb (fake-indexeddb): it moves the row only when
// the machine allows it, and the Kita's place counts follow the step as the server keeps them.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Child } from '$lib/domain/family';
import type { FacilityId } from '$lib/domain/ids';
import { defaultKitaYear } from '$lib/domain/kita-year';
import type { Request } from '$lib/domain/request';
import { capacityKey, type CapacityRow } from '$lib/sync/protocol';
import { LocalDb } from '../local-db';
import { writer } from '../sync/writer';
import { applyClientMutator, clientMutators } from '.';
import { transition } from './transition';

const year = defaultKitaYear(2027);
const facilityId = 'f1' as FacilityId;
const child: Child = { id: 'c1', familyId: 'fam', firstName: 'Mia', lastName: 'M', birthDate: '2024-03-10' };
const request = (over: Partial<Request> = {}): Request => ({
	id: 'r1',
	registrationId: 'reg',
	childId: 'c1',
	facilityId,
	kitaYearId: year.id,
	rank: null,
	startDate: '2027-08-01',
	weeklyHours: 35,
	changeRequest: false,
	comment: '',
	status: 'registered',
	registeredAt: '2026-12-01T09:00:00.000Z',
	offeredAt: null,
	offerExpiresAt: null,
	offer: null,
	rejectReason: null,
	rejectNote: null,
	updatedAt: '2026-12-01T09:00:00.000Z',
	...over
});
// Mia is 40 months old on 1 Aug 2027: over three.
const cell: CapacityRow = {
	key: capacityKey({ facilityId, kitaYearId: year.id, ageBand: 'ue3', weeklyHours: 35 }),
	facilityId,
	kitaYearId: year.id,
	ageBand: 'ue3',
	weeklyHours: 35,
	places: 10,
	offered: 1,
	contracted: 4
};

let db: LocalDb;
beforeEach(async () => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(new Date('2026-12-05T09:00:00Z'));
	db = new LocalDb(`mutators-test-${crypto.randomUUID()}`);
	await db.open();
	await db.kitaYears.put(year);
	await db.children.put(child);
	await db.capacities.put(cell);
});
afterEach(async () => {
	vi.useRealTimers();
	await db.delete();
});

const counts = async () => {
	const c = await db.capacities.get(cell.key);
	return { offered: c?.offered, contracted: c?.contracted };
};
const step = (fn: () => Promise<unknown>) =>
	db.transaction('rw', db.syncTables(), async () => void (await fn()));

describe('transition', () => {
	it('an offer moves the request and holds a place; its withdrawal frees it', async () => {
		await db.requests.put(request());
		const offer = { startDate: '2027-08-01', weeklyHours: 35 as const, note: '' };
		await step(() =>
			transition(writer(db), 'r1', {
				event: 'offer',
				expectedStatus: 'registered',
				actor: 'staff',
				changes: () => ({ offer })
			})
		);
		expect((await db.requests.get('r1'))?.status).toBe('offered');
		expect(await counts()).toEqual({ offered: 2, contracted: 4 });

		await step(() =>
			transition(writer(db), 'r1', { event: 'withdrawOffer', expectedStatus: 'offered', actor: 'staff' })
		);
		expect((await db.requests.get('r1'))?.status).toBe('registered');
		expect(await counts()).toEqual({ offered: 1, contracted: 4 });
	});

	it('a contract turns the held place into a filled one', async () => {
		await db.requests.put(request({ status: 'accepted' }));
		await step(() =>
			transition(writer(db), 'r1', { event: 'contract', expectedStatus: 'accepted', actor: 'staff' })
		);
		expect(await counts()).toEqual({ offered: 0, contracted: 5 });
	});

	it('a step the machine refuses changes nothing and keeps no shadow', async () => {
		await db.requests.put(request());
		// Stale: the device saw it offered; and parents may not make offers at all.
		await step(() =>
			transition(writer(db), 'r1', { event: 'withdraw', expectedStatus: 'offered', actor: 'parent' })
		);
		await step(() =>
			transition(writer(db), 'r1', { event: 'offer', expectedStatus: 'registered', actor: 'parent' })
		);
		expect(await db.requests.get('r1')).toEqual(request());
		expect(await counts()).toEqual({ offered: 1, contracted: 4 });
		expect(await db.shadows.count()).toBe(0);
	});
});

describe('an acceptance on the device (issue 17)', () => {
	it('ends the child’s other open requests of that Kita year at once, as the server does', async () => {
		const offerExpiresAt = '2026-12-19T09:00:00.000Z';
		await db.requests.bulkPut([
			request({ id: 'r1', status: 'offered', offerExpiresAt }),
			request({ id: 'r2' }),
			request({ id: 'r3', status: 'declined' }),
			request({ id: 'r4', kitaYearId: defaultKitaYear(2028).id })
		]);
		await step(() =>
			applyClientMutator(db, 'answerOffer', {
				requestId: 'r1',
				expectedStatus: 'offered',
				answer: 'accept'
			})
		);
		const status = async (id: string) => (await db.requests.get(id))?.status;
		expect([await status('r1'), await status('r2'), await status('r3'), await status('r4')]).toEqual([
			'accepted',
			'withdrawn',
			'declined',
			'registered'
		]);
	});
});

describe('the table of client mutators', () => {
	it('applies a mutation by name, and ignores names it does not know or has no effect for', async () => {
		await db.requests.put(request());
		await step(() => applyClientMutator(db, 'lostOnDevice', null));
		await step(() => applyClientMutator(db, 'auditRead', { kind: 'request', id: 'r1' }));
		expect(clientMutators.auditRead).toBeNull();
		expect(await db.shadows.count()).toBe(0);

		await step(() =>
			applyClientMutator(db, 'withdrawRequest', { requestId: 'r1', expectedStatus: 'registered' })
		);
		expect((await db.requests.get('r1'))?.status).toBe('withdrawn');
	});
});
