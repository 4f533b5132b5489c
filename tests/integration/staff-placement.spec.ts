import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contractAt, OFFER, staffWorld, type StaffWorld } from './staff-world';

describe('staff actions on the queue', () => {
	let w: StaffWorld;
	beforeEach(async () => {
		w = await staffWorld();
	});
	afterEach(async () => {
		await w.close();
	});

	const capacity = async (facilityId: string) =>
		w.t.app.database.db
			.selectFrom('capacities')
			.select(['offered', 'contracted'])
			.where('facility_id', '=', facilityId)
			.where('kita_year_id', '=', '2027-28')
			.where('age_band', '=', 'ue3')
			.where('weekly_hours', '=', 35)
			.executeTakeFirstOrThrow();

	it('makes an offer with the answer-by instant taken from the server clock', async () => {
		await w.push(w.staffX, 'makeOffer', { requestId: w.requestX, expectedStatus: 'registered', ...OFFER });
		const row = await w.t.app.database.db
			.selectFrom('requests')
			.selectAll()
			.where('id', '=', w.requestX)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			status: 'offered',
			offered_at: '2026-12-02T09:00:00.000Z',
			// 14 days (the Kita year's offerResponseDays) after the server received it
			offer_expires_at: '2026-12-16T09:00:00.000Z',
			offer_start_date: '2027-08-01',
			offer_weekly_hours: 35,
			offer_note: 'Gruppe Sonnenblumen'
		});
		expect((await capacity(w.kitaX)).offered).toBe(1);
		const mails = await w.t.app.database.db
			.selectFrom('mail_outbox')
			.selectAll()
			.where('kind', '=', 'statusChange')
			.execute();
		expect(mails.map((m) => m.to_address)).toEqual(['eltern@example.org']);
		// Generic on purpose: neither the Kita nor the offer is named.
		const facility = await w.t.app.database.db
			.selectFrom('facilities')
			.select('name')
			.where('id', '=', w.kitaX)
			.executeTakeFirstOrThrow();
		expect(mails[0]?.text_body).not.toContain(facility.name);
	});

	it('refuses an offer for the next Kita year before its offersFrom day, and allows the running year at once', async () => {
		w.t.clock.set('2026-11-25T09:00:00Z');
		await w.push(w.staffX, 'makeOffer', { requestId: w.requestX, expectedStatus: 'registered', ...OFFER });
		expect(await w.lastRejection(w.staffX)).toMatchObject({
			code: 'offersNotYetOpen',
			current: { id: w.requestX, status: 'registered' }
		});
		// A running-year request (2026/27) can be offered at once.
		await w.t.app.database.db
			.updateTable('requests')
			.set({ kita_year_id: '2026-27', start_date: '2027-01-04' })
			.where('id', '=', w.requestX)
			.execute();
		await w.push(w.staffX, 'makeOffer', {
			requestId: w.requestX,
			expectedStatus: 'registered',
			...OFFER,
			startDate: '2027-01-04'
		});
		expect(await w.status(w.requestX)).toBe('offered');
	});

	it('refuses offer terms outside the Kita year or with hours the Kita does not offer', async () => {
		await w.push(w.staffX, 'makeOffer', {
			requestId: w.requestX,
			expectedStatus: 'registered',
			...OFFER,
			startDate: '2028-09-01'
		});
		expect(await w.lastRejection(w.staffX)).toMatchObject({
			code: 'invalidOffer',
			current: { issues: [{ field: 'startDate', code: 'outsideKitaYear' }] }
		});
		expect(await w.status(w.requestX)).toBe('registered');
	});

	it('concludes a contract at X and closes the request at Y in the same transaction', async () => {
		// Issue 17: accepting at X ends the requests there were; Y is registered after the acceptance.
		await w.push(w.staffX, 'makeOffer', { requestId: w.requestX, expectedStatus: 'registered', ...OFFER });
		await w.push(w.staffX, 'recordAnswer', {
			requestId: w.requestX,
			expectedStatus: 'offered',
			answer: 'accept'
		});
		expect(await w.status(w.requestY)).toBe('withdrawn');
		const laterY = crypto.randomUUID();
		await w.push(w.parent, 'submitRegistration', {
			registrationId: crypto.randomUUID(),
			childId: w.childId,
			items: [
				{
					requestId: laterY,
					facilityId: w.kitaY,
					startDate: '2027-08-01',
					weeklyHours: 35,
					changeRequest: false,
					comment: ''
				}
			]
		});
		await w.push(w.staffX, 'concludeContract', { requestId: w.requestX, expectedStatus: 'accepted' });
		expect(await w.status(w.requestX)).toBe('contracted');
		expect(await w.status(laterY)).toBe('placedElsewhere');
		// X's contract fills a place; nothing is offered any more.
		expect(await capacity(w.kitaY)).toEqual({ offered: 0, contracted: 0 });
		expect(await capacity(w.kitaX)).toEqual({ offered: 0, contracted: 1 });
		// Both changes carry the seq of the one mutation: they were written together.
		const rows = await w.t.app.database.db
			.selectFrom('requests')
			.select(['id', 'seq'])
			.where('id', 'in', [w.requestX, laterY])
			.execute();
		expect(new Set(rows.map((r) => r.seq)).size).toBe(1);
		const events = await w.t.app.database.db
			.selectFrom('request_events')
			.selectAll()
			.where('request_id', '=', laterY)
			.where('event', '=', 'placeElsewhere')
			.execute();
		expect(events).toEqual([
			expect.objectContaining({
				actor_role: 'system',
				from_status: 'registered',
				reason: 'contractElsewhere'
			})
		]);
	});

	it('refuses an offer by Y with expectedStatus registered after X concluded a contract, with the current state', async () => {
		await contractAt(w, w.staffX, w.requestX);
		await w.push(w.staffY, 'makeOffer', { requestId: w.requestY, expectedStatus: 'registered', ...OFFER });
		const pulled = await w.pull(w.staffY);
		// Issue 17: the acceptance at X ended Y's request; the offer comes back with that reason.
		expect(pulled.rejections).toEqual([
			expect.objectContaining({
				name: 'makeOffer',
				code: 'acceptedElsewhere',
				current: expect.objectContaining({ id: w.requestY, status: 'withdrawn', rank: null })
			})
		]);
		// Y sees at its next pull that the child has a contract elsewhere, without the other Kita.
		const y = pulled.patch.put.requests?.find((r) => r.id === w.requestY);
		expect(y).toMatchObject({ status: 'withdrawn', contractElsewhere: true });
		const { requests, requestEvents, registrations, children, guardians, families } = pulled.patch.put;
		const own = JSON.stringify({ requests, requestEvents, registrations, children, guardians, families });
		expect(own).not.toContain(w.kitaX);
		expect(own).not.toContain(w.requestX);
	});

	it('lets a Wechselwunsch registered after the contract stay open and end the old contract when it is contracted', async () => {
		await contractAt(w, w.staffX, w.requestX);
		w.t.clock.advance(86_400_000);
		const changeId = crypto.randomUUID();
		await w.push(w.parent, 'submitRegistration', {
			registrationId: crypto.randomUUID(),
			childId: w.childId,
			items: [
				{
					requestId: changeId,
					facilityId: w.kitaZ,
					startDate: '2027-08-01',
					weeklyHours: 35,
					changeRequest: true,
					comment: 'Wechselwunsch'
				}
			]
		});
		expect(await w.status(changeId)).toBe('registered');
		const staffZ = {
			session: await (
				await import('./fixtures')
			).createUserWithSession(w.t.app.database.db, w.t.clock.now(), 'staff', { facilityIds: [w.kitaZ] }),
			clientId: crypto.randomUUID(),
			next: 1
		};
		const zView = await w.pull(staffZ);
		expect(zView.patch.put.requests?.find((r) => r.id === changeId)?.contractElsewhere).toBe(true);
		await contractAt(w, staffZ, changeId);
		expect(await w.status(changeId)).toBe('contracted');
		expect(await w.status(w.requestX)).toBe('placedElsewhere');
		expect((await capacity(w.kitaX)).contracted).toBe(0);
	});

	it('records an Absage with reason and note, and answers given by phone', async () => {
		await w.push(w.staffX, 'rejectRequest', {
			requestId: w.requestX,
			expectedStatus: 'registered',
			reason: 'noPlaceAvailable',
			note: 'Warteliste'
		});
		expect(await w.status(w.requestX)).toBe('rejected');
		await w.push(w.staffY, 'makeOffer', { requestId: w.requestY, expectedStatus: 'registered', ...OFFER });
		await w.push(w.staffY, 'recordAnswer', {
			requestId: w.requestY,
			expectedStatus: 'offered',
			answer: 'decline'
		});
		expect(await w.status(w.requestY)).toBe('declined');
		const staffView = await w.pull(w.staffX);
		expect(staffView.patch.put.requests?.find((r) => r.id === w.requestX)).toMatchObject({
			rejectReason: 'noPlaceAvailable',
			rejectNote: 'Warteliste'
		});
		// Parents see the status, never the reason text or the offer's content.
		const parentView = await w.pull(w.parent);
		expect(parentView.patch.put.requests?.find((r) => r.id === w.requestX)).toMatchObject({
			status: 'rejected',
			rejectReason: null,
			offer: null
		});
	});

	it('withdraws an offer and frees the place', async () => {
		await w.push(w.staffX, 'makeOffer', { requestId: w.requestX, expectedStatus: 'registered', ...OFFER });
		await w.push(w.staffX, 'withdrawOffer', { requestId: w.requestX, expectedStatus: 'offered' });
		expect(await w.status(w.requestX)).toBe('registered');
		expect((await capacity(w.kitaX)).offered).toBe(0);
		const row = await w.t.app.database.db
			.selectFrom('requests')
			.select(['offer_expires_at', 'offer_start_date'])
			.where('id', '=', w.requestX)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ offer_expires_at: null, offer_start_date: null });
	});

	it('audits every staff action and every opening of a request, with ids only', async () => {
		await w.push(w.staffX, 'auditRead', { kind: 'request', id: w.requestX });
		await w.push(w.staffX, 'makeOffer', { requestId: w.requestX, expectedStatus: 'registered', ...OFFER });
		await w.push(w.staffX, 'auditRead', { kind: 'queueExport', id: w.kitaX });
		const rows = await w.t.app.database.db
			.selectFrom('audit_events')
			.selectAll()
			.where('actor_id', '=', w.staffX.session.userId)
			.orderBy('id')
			.execute();
		expect(rows.map((r) => [r.action, r.target_id])).toEqual([
			['request.read', w.requestX],
			['request.transition', w.requestX],
			['export.download', w.kitaX]
		]);
	});

	it('gives staff the child and guardians of their requests, without the parents rank', async () => {
		const pulled = await w.pull(w.staffX);
		expect(pulled.patch.put.requests?.map((r) => [r.id, r.rank, r.contractElsewhere])).toEqual([
			[w.requestX, null, false]
		]);
		expect(pulled.patch.put.children?.map((c) => c.id)).toEqual([w.childId]);
		expect(pulled.patch.put.guardians?.map((g) => g.phone)).toEqual(['02922 123']);
		expect(pulled.patch.put.registrations).toHaveLength(1);
		expect(pulled.patch.put.requestEvents).toHaveLength(1);
		// An unchanged world sends nothing the second time.
		const again = await w.pull(w.staffX, pulled.cookie);
		expect(again.patch).toEqual({ put: {}, del: {} });
	});
});
