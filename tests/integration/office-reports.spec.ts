// The report of a Kita year on a small data set whose answers were worked out by hand (see the
// comments): two municipalities, four Kitas (one switched off), six children.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FacilityInput } from '../../src/lib/domain/facility-admin';
import { defaultKitaYear } from '../../src/lib/domain/kita-year';
import { expireOffers } from '../../server/jobs/offer-expiry';
import { createUserWithSession } from './fixtures';
import { createTestApp, testClock, type TestApp } from './harness';
import { actor, expectOk, type Actor, type Rejected } from './office-world';
import type { MutationArgs, MutationName } from '../../src/lib/domain/mutations';
import { SCHEMA_VERSION } from '../../src/lib/sync/protocol';

const ids = {
	A: crypto.randomUUID(),
	B: crypto.randomUUID(),
	C: crypto.randomUUID(),
	D: crypto.randomUUID()
};

function kita(
	id: string,
	name: string,
	municipalityId: 'werl' | 'ense',
	weeklyHours: (25 | 35 | 45)[]
): FacilityInput {
	return {
		id,
		name,
		municipalityId,
		provider: 'Test',
		providerType: 'kommunal',
		street: 'Weg 1',
		postcode: municipalityId === 'werl' ? '59457' : '59469',
		town: municipalityId === 'werl' ? 'Werl' : 'Ense',
		lat: 51.5,
		lon: 7.9,
		minAgeMonths: 0,
		maxAgeMonths: 72,
		weeklyHours,
		features: [],
		phone: '',
		email: '',
		website: '',
		openingHours: '',
		description: '',
		meetingRequired: false,
		isDemo: false,
		active: true
	};
}

describe('report of a Kita year on a known data set', () => {
	let t: TestApp;
	let report: Awaited<ReturnType<ReturnType<TestApp['caller']>['youthOffice']['report']>>;
	const child: Record<string, string> = {};
	const number: Record<string, string> = {};
	let admin: Actor;
	let staff: Actor;

	beforeAll(async () => {
		t = await createTestApp({ demoData: false, clock: testClock('2026-12-02T09:00:00Z') });
		const db = t.app.database.db;
		await db
			.insertInto('municipalities')
			.values([
				{ id: 'werl', name: 'Werl', postcodes: '[]', seq: 1 },
				{ id: 'ense', name: 'Ense', postcodes: '[]', seq: 1 }
			])
			.execute();
		const now = t.clock.now();
		admin = actor(await createUserWithSession(db, now, 'admin'));
		const parent = actor(await createUserWithSession(db, now, 'parent'));
		const push = async <N extends MutationName>(
			who: Actor,
			name: N,
			args: MutationArgs<N>
		): Promise<Rejected | null> => {
			const id = who.next++;
			await t.caller({ session: who.session }).sync.push({
				clientId: who.clientId,
				userId: who.session.userId,
				schemaVersion: SCHEMA_VERSION,
				mutations: [{ id, name, args, createdAt: '' }]
			});
			const row = await db
				.selectFrom('sync_rejections')
				.selectAll()
				.where('client_id', '=', who.clientId)
				.where('mutation_id', '=', id)
				.executeTakeFirst();
			return row ? { code: row.code, current: row.current } : null;
		};
		for (const y of [2026, 2027]) {
			const { label: _label, ...year } = defaultKitaYear(y);
			await expectOk(push(admin, 'saveKitaYear', year));
		}
		await expectOk(push(admin, 'saveFacility', kita(ids.A, 'Kita A', 'werl', [25, 35, 45])));
		await expectOk(push(admin, 'saveFacility', kita(ids.B, 'Kita B', 'werl', [35, 45])));
		await expectOk(push(admin, 'saveFacility', kita(ids.C, 'Kita C', 'ense', [35])));
		await expectOk(push(admin, 'saveFacility', kita(ids.D, 'Kita D', 'werl', [35])));
		staff = actor(await createUserWithSession(db, now, 'staff', { facilityIds: [ids.A, ids.B, ids.C] }));
		const places = (facilityId: string, rows: MutationArgs<'setCapacities'>['rows']) =>
			expectOk(push(admin, 'setCapacities', { facilityId, kitaYearId: '2027-28', rows }));
		await places(ids.A, [
			{ ageBand: 'u3', weeklyHours: 35, places: 5 },
			{ ageBand: 'ue3', weeklyHours: 35, places: 10 },
			{ ageBand: 'ue3', weeklyHours: 45, places: 4 }
		]);
		await places(ids.B, [{ ageBand: 'ue3', weeklyHours: 35, places: 8 }]);
		await places(ids.C, [{ ageBand: 'ue3', weeklyHours: 35, places: 6 }]);
		await places(ids.D, [{ ageBand: 'ue3', weeklyHours: 35, places: 7 }]);
		// Two contracts at B made before the portal: only the counter knows them.
		await db.updateTable('capacities').set({ contracted: 2 }).where('facility_id', '=', ids.B).execute();
		// Kita D closes: its places no longer count.
		await expectOk(push(admin, 'saveFacility', { ...kita(ids.D, 'Kita D', 'werl', [35]), active: false }));

		await expectOk(
			push(parent, 'saveGuardian', {
				id: crypto.randomUUID(),
				position: 1,
				firstName: 'Anna',
				lastName: 'Muster',
				street: 'Weg 2',
				postcode: '59457',
				town: 'Werl',
				phone: '02922 1',
				email: ''
			})
		);
		const register = async (name: string, birthDate: string, kitas: [string, 25 | 35 | 45][]) => {
			child[name] = crypto.randomUUID();
			await expectOk(
				push(parent, 'saveChild', {
					id: child[name] as string,
					firstName: name,
					lastName: 'Muster',
					birthDate
				})
			);
			const requestIds = kitas.map(() => crypto.randomUUID());
			await expectOk(
				push(parent, 'submitRegistration', {
					registrationId: crypto.randomUUID(),
					childId: child[name] as string,
					items: kitas.map(([facilityId, weeklyHours], i) => ({
						requestId: requestIds[i] as string,
						facilityId,
						startDate: '2027-08-01',
						weeklyHours,
						changeRequest: false,
						comment: ''
					}))
				})
			);
			const reg = await db
				.selectFrom('registrations')
				.select('number')
				.where('child_id', '=', child[name] as string)
				.executeTakeFirstOrThrow();
			number[name] = reg.number;
			return requestIds;
		};
		// All registered on 2 Dec 2026, for 1 Aug 2027.
		const [c1A] = await register('c1', '2024-01-15', [
			[ids.A, 35],
			[ids.B, 35]
		]); // Ü3
		const [, c2C] = await register('c2', '2024-05-01', [
			[ids.B, 35],
			[ids.C, 35]
		]); // Ü3
		await register('c3', '2025-06-01', [[ids.A, 35]]); // U3, 26 months: legal claim
		await register('c4', '2026-10-01', [[ids.A, 25]]); // U3, 10 months: no claim yet
		const [c5A] = await register('c5', '2023-09-01', [
			[ids.A, 45],
			[ids.C, 35]
		]); // Ü3
		const [c6B] = await register('c6', '2024-02-01', [[ids.B, 35]]);

		const offer = (requestId: string | undefined, weeklyHours: 35 | 45) =>
			expectOk(
				push(staff, 'makeOffer', {
					requestId: requestId as string,
					expectedStatus: 'registered',
					startDate: '2027-08-01',
					weeklyHours,
					note: ''
				})
			);
		t.clock.set('2026-12-03T09:00:00Z');
		await expectOk(
			push(parent, 'withdrawRequest', { requestId: c6B as string, expectedStatus: 'registered' })
		);
		t.clock.set('2026-12-05T09:00:00Z'); // c5: offer after 3 days, lapses on 19 Dec
		await offer(c5A, 45);
		t.clock.set('2026-12-10T09:00:00Z'); // c1: offer after 8 days
		await offer(c1A, 35);
		t.clock.set('2026-12-12T09:00:00Z');
		await expectOk(
			push(staff, 'recordAnswer', { requestId: c1A as string, expectedStatus: 'offered', answer: 'accept' })
		);
		t.clock.set('2026-12-15T09:00:00Z'); // c2: offer after 13 days, due 29 Dec
		await offer(c2C, 35);
		t.clock.set('2026-12-20T09:00:00Z'); // c1: contract after 18 days
		await expectOk(push(staff, 'concludeContract', { requestId: c1A as string, expectedStatus: 'accepted' }));
		await expireOffers({ db, now: t.clock.now, origin: '' });
		t.clock.set('2026-12-27T09:00:00Z');
		report = await t.caller({ session: admin.session }).youthOffice.report({ kitaYearId: '2027-28' });
	});
	afterAll(async () => {
		await t.close();
	});

	it('sets demand against places per municipality × age band × hours, without the closed Kita', () => {
		const rows = report.demand.rows.map((r) => [
			r.municipalityName,
			r.ageBand,
			r.weeklyHours,
			r.places,
			r.contracted,
			r.offered,
			r.free,
			r.waiting,
			r.balance
		]);
		expect(rows).toEqual([
			// c2's open offer at C; c5 waits with its first remaining choice C.
			['Ense', 'ue3', 35, 6, 0, 1, 5, 1, 4],
			// c4 asks for 25 hours under three: no such places.
			['Werl', 'u3', 25, 0, 0, 0, 0, 1, -1],
			['Werl', 'u3', 35, 5, 0, 0, 5, 1, 4],
			// A 10 (c1's contract) + B 8 (two older contracts); D's 7 are gone with D.
			['Werl', 'ue3', 35, 18, 3, 0, 15, 0, 15],
			['Werl', 'ue3', 45, 4, 0, 0, 4, 0, 4]
		]);
		expect(report.demand.totals).toEqual({
			places: 33,
			contracted: 3,
			offered: 1,
			free: 29,
			waiting: 3,
			balance: 26
		});
	});

	it('lists children with a legal claim that have neither contract nor open offer', () => {
		expect(report.legalClaim).toEqual([
			{
				childId: child.c3,
				registrationNumbers: [number.c3],
				ageMonths: 26,
				desiredStart: '2027-08-01',
				municipalityNames: ['Werl'],
				kitas: 1
			},
			{
				childId: child.c5,
				registrationNumbers: [number.c5],
				ageMonths: 47,
				desiredStart: '2027-08-01',
				municipalityNames: ['Ense', 'Werl'],
				kitas: 2
			}
		]);
	});

	it('counts Kitas per registered child', () => {
		expect(report.kitasPerChild).toEqual({
			children: 6,
			distribution: [
				{ kitas: 1, children: 3 },
				{ kitas: 2, children: 3 }
			],
			mean: 1.5,
			median: 1.5
		});
	});

	it('counts open, lapsing and lapsed offers per Kita', () => {
		expect(report.offers.rows).toEqual([
			{ facilityId: ids.A, facilityName: 'Kita A', open: 0, lapsing: 0, accepted: 0, lapsed: 1 },
			{ facilityId: ids.C, facilityName: 'Kita C', open: 1, lapsing: 1, accepted: 0, lapsed: 0 }
		]);
		expect(report.offers.totals).toEqual({ open: 1, lapsing: 1, accepted: 0, lapsed: 1 });
	});

	it('measures days from registration to the first offer and to the contract', () => {
		expect(report.durations.toOffer).toEqual({ n: 3, min: 3, q1: 5.5, median: 8, q3: 10.5, max: 13 });
		expect(report.durations.toContract).toEqual({ n: 1, min: 18, q1: 18, median: 18, q3: 18, max: 18 });
	});

	it('gives the offer flow per municipality from the history: place-days of the lapsed offer, days to fill', () => {
		expect(report.offerFlow.rows).toEqual([
			// c2's offer at C is still open: it blocks nothing yet.
			{
				municipalityId: 'ense',
				municipalityName: 'Ense',
				places: 6,
				filled: 0,
				daysToFill: null,
				blocked: { declined: 0, lapsed: 0, released: 0 },
				released: 0
			},
			// c5's offer at A held its place from 5 Dec until the job let it lapse on 20 Dec; c1's offer
			// became a contract. 27 places (D is closed): one contract is far from 95 %.
			{
				municipalityId: 'werl',
				municipalityName: 'Werl',
				places: 27,
				filled: 1,
				daysToFill: null,
				blocked: { declined: 0, lapsed: 15, released: 0 },
				released: 0
			}
		]);
		expect(report.offerFlow.district).toMatchObject({ places: 33, filled: 1, blocked: { lapsed: 15 } });
	});

	describe('for one municipality (the server filters)', () => {
		let ense: typeof report;
		beforeAll(async () => {
			ense = await t
				.caller({ session: admin.session })
				.youthOffice.report({ kitaYearId: '2027-28', municipalityId: 'ense' });
		});

		it("keeps only Ense's demand cells, with their totals", () => {
			expect(
				ense.demand.rows.map((r) => [r.municipalityName, r.ageBand, r.weeklyHours, r.free, r.waiting])
			).toEqual([['Ense', 'ue3', 35, 5, 1]]);
			expect(ense.demand.totals).toEqual({
				places: 6,
				contracted: 0,
				offered: 1,
				free: 5,
				waiting: 1,
				balance: 4
			});
		});

		it('lists the children registered at a Kita in Ense, judged on all their requests', () => {
			// c5 (A and C, the offer at A lapsed) still waits; c3 registered in Werl only.
			expect(ense.legalClaim.map((c) => c.childId)).toEqual([child.c5]);
			// c2 and c5 registered at C, each at two Kitas in all.
			expect(ense.kitasPerChild).toEqual({
				children: 2,
				distribution: [{ kitas: 2, children: 2 }],
				mean: 2,
				median: 2
			});
		});

		it("counts only Ense's offers and the days to them", () => {
			expect(ense.offers.rows.map((o) => o.facilityName)).toEqual(['Kita C']);
			expect(ense.offers.totals).toEqual({ open: 1, lapsing: 1, accepted: 0, lapsed: 0 });
			// c2's offer at C after 13 days; c5's offer came from A (Werl).
			expect(ense.durations.toOffer).toEqual({ n: 1, min: 13, q1: 13, median: 13, q3: 13, max: 13 });
			expect(ense.durations.toContract.n).toBe(0);
		});

		it('gives the same report as before without a municipality', async () => {
			const all = await t
				.caller({ session: admin.session })
				.youthOffice.report({ kitaYearId: '2027-28', municipalityId: null });
			expect(all.demand.totals).toEqual(report.demand.totals);
			expect(all.legalClaim).toEqual(report.legalClaim);
		});

		it('refuses an unknown or malformed municipality, and anyone but an admin', async () => {
			const call = (session: Actor['session'], municipalityId: string) =>
				t.caller({ session }).youthOffice.report({ kitaYearId: '2027-28', municipalityId });
			await expect(call(admin.session, 'atlantis')).rejects.toMatchObject({ code: 'NOT_FOUND' });
			await expect(call(admin.session, '')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
			await expect(call(admin.session, 'x'.repeat(61))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
			await expect(call(staff.session, 'ense')).rejects.toMatchObject({ code: 'FORBIDDEN' });
		});
	});
});
