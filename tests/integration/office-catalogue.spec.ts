import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { facilityToInput, type FacilityInput } from '../../src/lib/domain/facility-admin';
import { defaultKitaYear } from '../../src/lib/domain/kita-year';
import { pokesFor } from '../../server/events/poke';
import { expectOk, officeWorld, type OfficeWorld } from './office-world';

function newKita(overrides: Partial<FacilityInput> = {}): FacilityInput {
	return {
		id: crypto.randomUUID(),
		name: 'Kita Regenbogen',
		municipalityId: 'werl',
		provider: 'Stadt Werl',
		providerType: 'kommunal',
		street: 'Am Markt 1',
		postcode: '59457',
		town: 'Werl',
		lat: 51.55,
		lon: 7.91,
		minAgeMonths: 12,
		maxAgeMonths: 72,
		weeklyHours: [35, 45],
		features: ['familienzentrum'],
		phone: '02922 1000',
		email: 'regenbogen@example.org',
		website: 'https://regenbogen.example.org',
		openingHours: 'Mo–Fr 7:00–16:30',
		description: 'Neue Einrichtung am Markt.',
		meetingRequired: false,
		isDemo: false,
		active: true,
		...overrides
	};
}

describe('the Kita catalogue kept by the youth office', () => {
	let w: OfficeWorld;
	beforeEach(async () => {
		w = await officeWorld();
	});
	afterEach(async () => {
		await w.close();
	});

	it('lets an admin create a Kita with places; every finder gets it at its next pull, and everyone is poked', async () => {
		const before = await w.pull(null);
		const abort = new AbortController();
		const pokes = pokesFor(null, abort.signal);
		const firstPoke = pokes.next();
		const kita = newKita();
		await expectOk(w.push(w.admin, 'saveFacility', kita));
		await expect(firstPoke).resolves.toMatchObject({ done: false });
		abort.abort();
		await expectOk(
			w.push(w.admin, 'setCapacities', {
				facilityId: kita.id,
				kitaYearId: '2027-28',
				rows: [
					{ ageBand: 'u3', weeklyHours: 35, places: 6 },
					{ ageBand: 'ue3', weeklyHours: 45, places: 20 }
				]
			})
		);
		const after = await w.pull(null, before.cookie);
		expect(after.reset).toBe(false);
		expect(after.patch.put.facilities).toEqual([
			expect.objectContaining({
				id: kita.id,
				name: 'Kita Regenbogen',
				weeklyHours: [35, 45],
				website: 'https://regenbogen.example.org'
			})
		]);
		expect(
			after.patch.put.capacities?.map((c) => [c.kitaYearId, c.ageBand, c.weeklyHours, c.places]).sort()
		).toEqual([
			['2027-28', 'u3', 35, 6],
			['2027-28', 'ue3', 45, 20]
		]);
		const audit = await w.t.app.database.db
			.selectFrom('audit_events')
			.selectAll()
			.where('action', '=', 'facility.write')
			.execute();
		expect(audit.map((a) => [a.actor_id, a.target_id])).toContainEqual([w.admin.session.userId, kita.id]);
	});

	it('changes places of an existing Kita, keeping the counters of contracts and offers', async () => {
		const db = w.t.app.database.db;
		const cap = await db
			.selectFrom('capacities')
			.selectAll()
			.where('facility_id', '=', w.kitaX)
			.where('kita_year_id', '=', '2027-28')
			.orderBy('age_band')
			.executeTakeFirstOrThrow();
		await db
			.updateTable('capacities')
			.set({ contracted: 3 })
			.where('facility_id', '=', w.kitaX)
			.where('kita_year_id', '=', '2027-28')
			.where('age_band', '=', cap.age_band)
			.where('weekly_hours', '=', cap.weekly_hours)
			.execute();
		const before = await w.pull(null);
		await expectOk(
			w.push(w.admin, 'setCapacities', {
				facilityId: w.kitaX,
				kitaYearId: '2027-28',
				rows: [
					{
						ageBand: cap.age_band as 'u3' | 'ue3',
						weeklyHours: cap.weekly_hours as 25 | 35 | 45,
						places: cap.places + 7
					}
				]
			})
		);
		const after = await w.pull(null, before.cookie);
		expect(after.patch.put.capacities).toContainEqual(
			expect.objectContaining({
				facilityId: w.kitaX,
				ageBand: cap.age_band,
				weeklyHours: cap.weekly_hours,
				places: cap.places + 7,
				contracted: 3
			})
		);
	});

	it('deactivates a Kita: gone from every finder, still in the admin’s list; refused while families wait there', async () => {
		const db = w.t.app.database.db;
		const row = await db
			.selectFrom('facilities')
			.selectAll()
			.where('id', '=', w.kitaZ)
			.executeTakeFirstOrThrow();
		const { toFacility } = await import('../../server/services/catalogue');
		const input = facilityToInput(toFacility(row));
		// A family waits at Kita X: it cannot be switched off under them.
		const childId = await w.family(w.parent);
		await w.register(w.parent, childId, [w.kitaX], '2027-08-01');
		const rowX = await db
			.selectFrom('facilities')
			.selectAll()
			.where('id', '=', w.kitaX)
			.executeTakeFirstOrThrow();
		const refused = await w.push(w.admin, 'saveFacility', {
			...facilityToInput(toFacility(rowX)),
			active: false
		});
		expect(refused).toMatchObject({ code: 'openRequests', current: { count: 1 } });

		const publicBefore = await w.pull(null);
		const adminBefore = await w.pull(w.admin);
		expect(adminBefore.patch.put.facilities?.some((f) => f.id === w.kitaZ)).toBe(true);
		await expectOk(w.push(w.admin, 'saveFacility', { ...input, active: false }));
		const publicAfter = await w.pull(null, publicBefore.cookie);
		expect(publicAfter.patch.del.facilities).toEqual([w.kitaZ]);
		expect(publicAfter.patch.del.capacities?.every((key) => key.startsWith(w.kitaZ))).toBe(true);
		const adminAfter = await w.pull(w.admin, adminBefore.cookie);
		expect(adminAfter.patch.put.facilities).toEqual([
			expect.objectContaining({ id: w.kitaZ, active: false })
		]);
		expect(adminAfter.patch.del.facilities).toBeUndefined();
		// A fresh anonymous device never sees it; switching it on again brings it back.
		expect((await w.pull(null)).patch.put.facilities?.some((f) => f.id === w.kitaZ)).toBe(false);
		await expectOk(w.push(w.admin, 'saveFacility', { ...input, active: true }));
		expect((await w.pull(null, publicAfter.cookie)).patch.put.facilities?.map((f) => f.id)).toEqual([
			w.kitaZ
		]);
	});

	it('lets staff edit description, opening hours and contact of their own Kita only, and nothing else', async () => {
		const info = {
			facilityId: w.kitaX,
			description: 'Wir sind umgezogen.',
			openingHours: 'Mo–Do 7:30–16:00, Fr bis 14:00',
			phone: '02922 999',
			email: 'leitung@example.org',
			website: ''
		};
		const before = await w.pull(null);
		await expectOk(w.push(w.staff, 'saveFacilityInfo', info));
		const after = await w.pull(null, before.cookie);
		expect(after.patch.put.facilities).toEqual([
			expect.objectContaining({
				id: w.kitaX,
				description: 'Wir sind umgezogen.',
				phone: '02922 999',
				website: null
			})
		]);
		expect(await w.push(w.staff, 'saveFacilityInfo', { ...info, facilityId: w.kitaY })).toMatchObject({
			code: 'notFound'
		});
		const db = w.t.app.database.db;
		const { toFacility } = await import('../../server/services/catalogue');
		const x = toFacility(
			await db.selectFrom('facilities').selectAll().where('id', '=', w.kitaX).executeTakeFirstOrThrow()
		);
		expect(await w.push(w.staff, 'saveFacility', { ...facilityToInput(x), name: 'Umbenannt' })).toMatchObject(
			{ code: 'notPermitted' }
		);
		expect(
			await w.push(w.staff, 'setCapacities', { facilityId: w.kitaX, kitaYearId: '2027-28', rows: [] })
		).toMatchObject({
			code: 'notPermitted'
		});
		expect(await w.push(w.parent, 'saveFacilityInfo', info)).toMatchObject({ code: 'notPermitted' });
		expect(await w.push(w.adviser, 'saveFacilityInfo', info)).toMatchObject({ code: 'notPermitted' });
	});

	it('publishes the admission criteria a Kita chose, in its order with the registration date last, to everyone', async () => {
		const info = {
			facilityId: w.kitaX,
			description: '',
			openingHours: '',
			phone: '',
			email: '',
			website: ''
		};
		const before = await w.pull(null);
		await expectOk(
			w.push(w.staff, 'saveFacilityInfo', {
				...info,
				admissionCriteria: ['registrationDate', 'siblingAtKita', 'legalClaimByAge']
			})
		);
		const published = ['siblingAtKita', 'legalClaimByAge', 'registrationDate'];
		const after = await w.pull(null, before.cookie);
		expect(after.patch.put.facilities).toEqual([
			expect.objectContaining({ id: w.kitaX, admissionCriteria: published })
		]);
		const stored = async () => {
			const { toFacility } = await import('../../server/services/catalogue');
			return toFacility(
				await w.t.app.database.db
					.selectFrom('facilities')
					.selectAll()
					.where('id', '=', w.kitaX)
					.executeTakeFirstOrThrow()
			);
		};
		// The youth office's master data and a change from before there were criteria keep them.
		await expectOk(w.push(w.admin, 'saveFacility', { ...facilityToInput(await stored()), name: 'Neu' }));
		await expectOk(w.push(w.staff, 'saveFacilityInfo', { ...info, description: 'Alt' }));
		expect((await stored()).admissionCriteria).toEqual(published);
		// Only the catalogue's criteria, each once.
		for (const admissionCriteria of [['siblingAtKita', 'siblingAtKita'], ['lottery']])
			expect(
				await w.push(w.staff, 'saveFacilityInfo', { ...info, admissionCriteria } as never)
			).toMatchObject({
				code: 'invalidInput'
			});
		await expectOk(w.push(w.staff, 'saveFacilityInfo', { ...info, admissionCriteria: [] }));
		expect((await stored()).admissionCriteria).toEqual([]);
	});

	it('refuses invalid master data with the schema, an unknown municipality with a refusal', async () => {
		expect(
			await w.push(w.admin, 'saveFacility', { ...newKita(), minAgeMonths: 40, maxAgeMonths: 30 })
		).toMatchObject({
			code: 'invalidInput'
		});
		expect(await w.push(w.admin, 'saveFacility', newKita({ municipalityId: 'atlantis' }))).toMatchObject({
			code: 'unknownMunicipality'
		});
	});
});

describe('Kita years set by the youth office', () => {
	let w: OfficeWorld;
	beforeEach(async () => {
		w = await officeWorld();
	});
	afterEach(async () => {
		await w.close();
	});

	it('creates the next year and changes its dates; clients get it through the public pull', async () => {
		const before = await w.pull(null);
		const next = { ...defaultKitaYear(2028), offerResponseDays: 10 };
		const { label: _label, ...input } = next;
		await expectOk(w.push(w.admin, 'saveKitaYear', input));
		await expectOk(w.push(w.admin, 'saveKitaYear', { ...input, preferredDeadline: '2027-11-20' }));
		const after = await w.pull(null, before.cookie);
		expect(after.patch.put.kitaYears).toEqual([
			expect.objectContaining({
				id: '2028-29',
				label: '2028/29',
				preferredDeadline: '2027-11-20',
				offerResponseDays: 10
			})
		]);
	});

	it('refuses dates out of order, overlapping years and a range that would leave requests outside', async () => {
		const { label: _l, ...year } = defaultKitaYear(2027);
		const bad = await w.push(w.admin, 'saveKitaYear', { ...year, offersFrom: '2026-11-01' });
		expect(bad).toMatchObject({
			code: 'invalidKitaYear',
			current: { issues: [{ field: 'offersFrom', code: 'notAfter', other: 'reviewEndsOn' }] }
		});
		const { label: _m, ...other } = defaultKitaYear(2028);
		const overlapping = await w.push(w.admin, 'saveKitaYear', { ...other, startsOn: '2028-07-01' });
		expect(overlapping).toMatchObject({
			code: 'invalidKitaYear',
			current: { issues: [{ field: 'startsOn', code: 'overlaps', other: '2027-28' }] }
		});
		const childId = await w.family(w.parent);
		await w.register(w.parent, childId, [w.kitaX], '2028-02-01');
		const shrunk = await w.push(w.admin, 'saveKitaYear', { ...year, endsOn: '2028-01-31' });
		expect(shrunk).toMatchObject({ code: 'requestsOutsideYear', current: { count: 1 } });
		expect(await w.push(w.staff, 'saveKitaYear', year)).toMatchObject({ code: 'notPermitted' });
	});
});
