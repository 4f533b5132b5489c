// Online registration (submitRegistration) and the walk-in at the Kita's desk (createWalkin) are
// one command, registerAtKitas (issue 15): the same bad input is refused by both with the same code
// and the same detail, and a refused registration leaves nothing behind on either path.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MutationArgs } from '../../src/lib/domain/mutations';
import { createUserWithSession } from './fixtures';
import { actor, staffWorld, walkin, type Actor, type StaffWorld } from './staff-world';

/** What a Kita is asked for in both paths. */
interface Choice {
	facilityId: string;
	requestId: string;
	registrationId: string;
	startDate: string;
}

describe('online and walk-in registration share their checks', () => {
	let w: StaffWorld;
	let staffZ: Actor;
	const unknownKita = crypto.randomUUID();
	beforeEach(async () => {
		w = await staffWorld();
		const session = await createUserWithSession(w.t.app.database.db, w.t.clock.now(), 'staff', {
			facilityIds: [w.kitaZ]
		});
		// A Kita of the staff member's session that no longer exists in the catalogue.
		staffZ = actor({ ...session, facilityIds: [...session.facilityIds, unknownKita as never] });
	});
	afterEach(async () => {
		await w.close();
	});

	const db = () => w.t.app.database.db;
	const fresh = (overrides: Partial<Choice> = {}): Choice => ({
		facilityId: w.kitaZ,
		requestId: crypto.randomUUID(),
		registrationId: crypto.randomUUID(),
		startDate: '2027-08-01',
		...overrides
	});

	async function online(choice: Choice) {
		const args: MutationArgs<'submitRegistration'> = {
			registrationId: choice.registrationId,
			childId: w.childId,
			items: [
				{
					requestId: choice.requestId,
					facilityId: choice.facilityId,
					startDate: choice.startDate,
					weeklyHours: 35,
					changeRequest: false,
					comment: ''
				}
			]
		};
		await w.push(w.parent, 'submitRegistration', args);
		return w.lastRejection(w.parent);
	}

	async function atTheDesk(choice: Choice) {
		const { args } = await walkin(choice.facilityId);
		await w.push(staffZ, 'createWalkin', {
			...args,
			registrationId: choice.registrationId,
			requestId: choice.requestId,
			startDate: choice.startDate
		});
		return w.lastRejection(staffZ);
	}

	const registrationsNow = async () =>
		(await db().selectFrom('registrations').select('id').execute()).map((r) => r.id).sort();

	const existingRegistration = async () =>
		(await db().selectFrom('registrations').select('id').executeTakeFirstOrThrow()).id;

	const cases: [string, () => Promise<{ choice: () => Choice; code: string }>][] = [
		[
			'a Kita that does not exist',
			async () => ({ choice: () => fresh({ facilityId: unknownKita }), code: 'facilityNotFound' })
		],
		[
			'a Kita no longer active',
			async () => {
				await db().updateTable('facilities').set({ active: 0 }).where('id', '=', w.kitaZ).execute();
				return { choice: () => fresh(), code: 'invalidRegistration' };
			}
		],
		[
			'a start in the past',
			async () => ({ choice: () => fresh({ startDate: '2026-11-01' }), code: 'invalidRegistration' })
		],
		[
			'a registration id in use',
			async () => {
				const taken = await existingRegistration();
				return { choice: () => fresh({ registrationId: taken }), code: 'idTaken' };
			}
		],
		['a request id in use', async () => ({ choice: () => fresh({ requestId: w.requestX }), code: 'idTaken' })]
	];

	it.each(cases)('refuses %s the same way online and at the desk', async (_, setUp) => {
		const { choice, code } = await setUp();
		const before = await registrationsNow();
		const byParent = await online(choice());
		const byStaff = await atTheDesk(choice());
		expect(byParent?.code).toBe(code);
		expect(byStaff).toEqual(byParent);
		expect(await registrationsNow()).toEqual(before);
	});

	it('numbers, mails and pokes both the same way', async () => {
		await online(fresh());
		await atTheDesk(fresh());
		const registrations = await db()
			.selectFrom('registrations')
			.select(['number', 'source'])
			.orderBy('number')
			.execute();
		// The world's own registration, then one per path, from the same counter.
		expect(registrations.map((r) => r.number)).toEqual([
			'KP-2026-000001',
			'KP-2026-000002',
			'KP-2026-000003'
		]);
		expect(registrations.map((r) => r.source)).toEqual(['online', 'online', 'walkin']);
		const mails = await db()
			.selectFrom('mail_outbox')
			.select('kind')
			.where('kind', '=', 'registration')
			.execute();
		// The world's family and this second online registration; the walk-in family has no address.
		expect(mails).toHaveLength(2);
	});
});
