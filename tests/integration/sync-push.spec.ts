import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type Mutation } from '../../src/lib/sync/protocol';
import type { AuthSession } from '../../server/auth/session';
import { createUserWithSession, someFacilities } from './fixtures';
import { createTestApp, testClock, type TestApp } from './harness';

describe('sync.push and sync.pull for parents', () => {
	let t: TestApp;
	let parent: AuthSession;
	const clientId = crypto.randomUUID();

	beforeEach(async () => {
		// 2 Dec 2026: the running year 2026/27 is open, and so is 2027/28 (opened 1 Oct 2026).
		t = await createTestApp({ clock: testClock('2026-12-02T09:00:00Z') });
		parent = await createUserWithSession(t.app.database.db, t.clock.now(), 'parent', {
			email: 'a@example.org'
		});
	});
	afterEach(async () => {
		await t.close();
	});

	const as = (session: AuthSession) => t.caller({ session });
	const m = (id: number, name: string, args: unknown): Mutation => ({
		id,
		name,
		args,
		createdAt: '2026-12-02T09:00:00Z'
	});
	const pushAs = (session: AuthSession, mutations: Mutation[], cid = clientId) =>
		as(session).sync.push({
			clientId: cid,
			userId: session.userId,
			schemaVersion: SCHEMA_VERSION,
			mutations
		});
	const pullAs = async (
		session: AuthSession,
		cookie: string | null = null,
		cid: string | null = clientId
	) => {
		const r = await as(session).sync.pull({
			clientId: cid,
			userId: session.userId,
			schemaVersion: SCHEMA_VERSION,
			cookie
		});
		if (r.kind !== 'patch') throw new Error('expected a patch');
		return r;
	};

	const childId = crypto.randomUUID();
	const child = (id = childId) => ({ id, firstName: 'Mia', lastName: 'Muster', birthDate: '2024-03-10' });
	const guardian = () => ({
		id: crypto.randomUUID(),
		position: 1,
		firstName: 'Anna',
		lastName: 'Muster',
		street: 'Steinerstraße 3',
		postcode: '59457',
		town: 'Werl',
		phone: '02922 123',
		email: ''
	});

	async function registration(count = 2) {
		const facilities = await someFacilities(t.app.database.db, count, { weeklyHours: 35 });
		return {
			registrationId: crypto.randomUUID(),
			childId,
			items: facilities.map((f) => ({
				requestId: crypto.randomUUID(),
				facilityId: f.id,
				startDate: '2027-08-01',
				weeklyHours: 35,
				changeRequest: false,
				comment: 'Geschwisterkind in der Einrichtung'
			}))
		};
	}

	it('applies the same push only once', async () => {
		const batch = [m(1, 'saveGuardian', guardian()), m(2, 'saveChild', child())];
		expect(await pushAs(parent, batch)).toEqual({ kind: 'ok', lastMutationId: 2 });
		expect(await pushAs(parent, batch)).toEqual({ kind: 'ok', lastMutationId: 2 });
		const children = await t.app.database.db.selectFrom('children').selectAll().execute();
		expect(children).toHaveLength(1);
		const pulled = await pullAs(parent);
		expect(pulled.lastMutationId).toBe(2);
		expect(pulled.patch.put.children).toEqual([{ ...child(), familyId: children[0]?.family_id }]);
	});

	it('refuses a gap without losing anything, then takes the missing mutations', async () => {
		await pushAs(parent, [m(1, 'saveChild', child())]);
		const reg = await registration();
		expect(await pushAs(parent, [m(3, 'submitRegistration', reg)])).toEqual({
			kind: 'gap',
			lastMutationId: 1
		});
		expect(await t.app.database.db.selectFrom('requests').selectAll().execute()).toHaveLength(0);
		expect(await pushAs(parent, [m(2, 'saveGuardian', guardian()), m(3, 'submitRegistration', reg)])).toEqual(
			{ kind: 'ok', lastMutationId: 3 }
		);
		expect(await t.app.database.db.selectFrom('requests').selectAll().execute()).toHaveLength(2);
	});

	it('records a refused mutation in the middle of a batch and goes on with the rest', async () => {
		const unborn = { ...child(crypto.randomUUID()), birthDate: '2027-05-01' };
		const result = await pushAs(parent, [
			m(1, 'saveChild', child()),
			m(2, 'saveChild', unborn),
			m(3, 'saveGuardian', guardian())
		]);
		expect(result).toEqual({ kind: 'ok', lastMutationId: 3 });
		const pulled = await pullAs(parent);
		expect(pulled.patch.put.children?.map((c) => c.id)).toEqual([childId]);
		expect(pulled.patch.put.guardians).toHaveLength(1);
		expect(pulled.rejections).toEqual([
			expect.objectContaining({ mutationId: 2, name: 'saveChild', code: 'notBorn', args: unborn })
		]);
	});

	it('rejects invalid input with the field issues, without a 500', async () => {
		await pushAs(parent, [m(1, 'saveChild', { ...child(), firstName: '' })]);
		const pulled = await pullAs(parent);
		expect(pulled.rejections[0]).toMatchObject({ mutationId: 1, code: 'invalidInput' });
		expect(JSON.stringify(pulled.rejections[0]?.current)).toContain('firstName');
	});

	it('never gives parent B the rows of parent A', async () => {
		await pushAs(parent, [m(1, 'saveGuardian', guardian()), m(2, 'saveChild', child())]);
		await pushAs(parent, [m(3, 'submitRegistration', await registration())]);
		const other = await createUserWithSession(t.app.database.db, t.clock.now(), 'parent');
		const pulled = await pullAs(other, null, crypto.randomUUID());
		for (const entity of [
			'families',
			'guardians',
			'children',
			'registrations',
			'requests',
			'requestEvents'
		] as const)
			expect(pulled.patch.put[entity]).toBeUndefined();
		expect(pulled.patch.put.facilities?.length).toBeGreaterThan(0);
		// and B cannot act on A's request either
		const requestId = (await t.app.database.db.selectFrom('requests').select('id').executeTakeFirstOrThrow())
			.id;
		const bClient = crypto.randomUUID();
		await pushAs(other, [m(1, 'withdrawRequest', { requestId, expectedStatus: 'registered' })], bClient);
		const bPull = await pullAs(other, null, bClient);
		expect(bPull.rejections[0]).toMatchObject({ code: 'notFound' });
		const row = await t.app.database.db
			.selectFrom('requests')
			.select('status')
			.where('id', '=', requestId)
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('registered');
	});

	it('refuses a client id that belongs to another user', async () => {
		await pushAs(parent, [m(1, 'saveChild', child())]);
		const other = await createUserWithSession(t.app.database.db, t.clock.now(), 'parent');
		await expect(pushAs(other, [m(2, 'saveChild', child(crypto.randomUUID()))])).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
	});

	it('rejects a transition with a stale expectedStatus and returns the current state', async () => {
		const reg = await registration(1);
		await pushAs(parent, [m(1, 'saveChild', child()), m(2, 'submitRegistration', reg)]);
		const requestId = reg.items[0]?.requestId ?? '';
		await pushAs(parent, [m(3, 'withdrawRequest', { requestId, expectedStatus: 'registered' })]);
		// a second device still thought it was registered and tries to withdraw again
		await pushAs(parent, [m(4, 'answerOffer', { requestId, expectedStatus: 'offered', answer: 'accept' })]);
		const pulled = await pullAs(parent);
		expect(pulled.rejections).toEqual([
			expect.objectContaining({
				mutationId: 4,
				code: 'staleStatus',
				current: expect.objectContaining({ id: requestId, status: 'withdrawn' })
			})
		]);
	});

	it('registers at several Kitas with ranks, events and one confirmation mail listing every Kita', async () => {
		const reg = await registration(3);
		await pushAs(parent, [m(1, 'saveChild', child()), m(2, 'submitRegistration', reg)]);
		const pulled = await pullAs(parent);
		expect(pulled.patch.put.requests?.map((r) => [r.rank, r.status, r.kitaYearId]).sort()).toEqual([
			[1, 'registered', '2027-28'],
			[2, 'registered', '2027-28'],
			[3, 'registered', '2027-28']
		]);
		expect(pulled.patch.put.registrations?.[0]?.number).toMatch(/^KP-2026-\d{6}$/);
		expect(pulled.patch.put.requestEvents).toHaveLength(3);
		const mails = await t.app.database.db
			.selectFrom('mail_outbox')
			.selectAll()
			.where('kind', '=', 'registration')
			.execute();
		expect(mails).toHaveLength(1);
		expect(mails[0]?.to_address).toBe('a@example.org');
		const names = await t.app.database.db
			.selectFrom('facilities')
			.select('name')
			.where(
				'id',
				'in',
				reg.items.map((i) => i.facilityId)
			)
			.execute();
		for (const n of names) expect(mails[0]?.text_body).toContain(n.name);
	});

	it('refuses the next Kita year before its opening date and names the date', async () => {
		t.clock.set('2026-09-15T10:00:00Z');
		const reg = await registration(1);
		await pushAs(parent, [m(1, 'saveChild', child()), m(2, 'submitRegistration', reg)]);
		const pulled = await pullAs(parent);
		expect(pulled.rejections[0]).toMatchObject({
			code: 'invalidRegistration',
			current: { issues: [{ code: 'notYetOpen', opensOn: '2026-10-01' }] }
		});
		expect(await t.app.database.db.selectFrom('requests').selectAll().execute()).toHaveLength(0);
		expect(await t.app.database.db.selectFrom('registrations').selectAll().execute()).toHaveLength(0);
	});

	it('returns only new rejections after the cookie, and nothing when nothing changed', async () => {
		await pushAs(parent, [m(1, 'saveChild', { ...child(), birthDate: '2030-01-01' })]);
		const first = await pullAs(parent);
		expect(first.rejections).toHaveLength(1);
		const second = await pullAs(parent, first.cookie);
		expect(second.rejections).toHaveLength(0);
		expect(second.patch).toEqual({ put: {}, del: {} });
	});

	it('needs a login to push', async () => {
		await expect(
			t
				.caller()
				.sync.push({ clientId, schemaVersion: SCHEMA_VERSION, mutations: [m(1, 'saveChild', child())] })
		).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
	});

	it('refuses a cross-site push', async () => {
		await expect(
			t
				.caller({ session: parent, sameOrigin: false })
				.sync.push({ clientId, schemaVersion: SCHEMA_VERSION, mutations: [] })
		).rejects.toMatchObject({ code: 'FORBIDDEN' });
	});
});
