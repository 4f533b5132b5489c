import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectOk, officeWorld, type OfficeWorld } from './office-world';

describe('the Fachberatung works child-minding requests', () => {
	let w: OfficeWorld;
	let id: string;
	let childId: string;
	beforeEach(async () => {
		w = await officeWorld();
		childId = await w.family(w.parent, { birthDate: '2025-09-01' });
		id = crypto.randomUUID();
		await expectOk(
			w.push(w.parent, 'submitChildminding', {
				id,
				childId,
				startDate: '2027-02-01',
				weeklyHours: 35,
				comment: 'Wir suchen Hilfe bei der Suche.'
			})
		);
	});
	afterEach(async () => {
		await w.close();
	});

	const statusMails = async () =>
		(
			await w.t.app.database.db
				.selectFrom('mail_outbox')
				.select('id')
				.where('kind', '=', 'statusChange')
				.execute()
		).length;

	it('holds every request with the child and the family’s contact, and nothing of Kita requests', async () => {
		const kitaChild = await w.family(w.parent, { firstName: 'Ben' });
		await w.register(w.parent, kitaChild, [w.kitaX], '2027-08-01');
		const patch = await w.pull(w.adviser);
		expect(patch.patch.put.childminderRequests).toEqual([
			expect.objectContaining({
				id,
				status: 'submitted',
				comment: 'Wir suchen Hilfe bei der Suche.',
				internalNote: '',
				accountEmail: 'eltern@example.org'
			})
		]);
		expect(patch.patch.put.children?.map((c) => c.id)).toEqual([childId]);
		expect(patch.patch.put.guardians).toEqual([
			expect.objectContaining({ firstName: 'Anna', phone: '02922 123', email: 'anna@example.org' })
		]);
		expect(patch.patch.put.families).toHaveLength(1);
		expect(patch.patch.put.requests).toBeUndefined();
		expect(patch.patch.put.registrations).toBeUndefined();
		// Kita staff never see child-minding requests.
		expect((await w.pull(w.staff)).patch.put.childminderRequests).toBeUndefined();
	});

	it('moves submitted → inContact → placed by the machine, mails the family generically, refuses stale steps', async () => {
		const mails = await statusMails();
		const before = await w.pull(w.adviser);
		await expectOk(
			w.push(w.adviser, 'childmindingTransition', { id, event: 'contact', expectedStatus: 'submitted' })
		);
		expect(await statusMails()).toBe(mails + 1);
		// A second adviser who still saw "submitted" is told what happened instead.
		const other = await w.push(w.adviser, 'childmindingTransition', {
			id,
			event: 'close',
			expectedStatus: 'submitted'
		});
		expect(other).toMatchObject({ code: 'staleStatus', current: { id, status: 'inContact' } });
		expect(
			await w.push(w.adviser, 'childmindingTransition', { id, event: 'place', expectedStatus: 'inContact' })
		).toBeNull();
		expect(
			await w.push(w.adviser, 'childmindingTransition', { id, event: 'close', expectedStatus: 'placed' })
		).toMatchObject({
			code: 'notAllowed'
		});
		const after = await w.pull(w.adviser, before.cookie);
		expect(after.patch.put.childminderRequests).toEqual([expect.objectContaining({ id, status: 'placed' })]);
		const mail = await w.t.app.database.db
			.selectFrom('mail_outbox')
			.selectAll()
			.where('kind', '=', 'statusChange')
			.orderBy('created_at', 'desc')
			.executeTakeFirstOrThrow();
		expect(mail.to_address).toBe('eltern@example.org');
		// Generic: neither the status nor the note nor the child's name.
		expect(mail.text_body).not.toMatch(/placed|vermittelt|Mia/i);
	});

	it('keeps internal notes from the family, also when the note changes after they pulled', async () => {
		const parentBefore = await w.pull(w.parent);
		await expectOk(w.push(w.adviser, 'saveChildmindingNote', { id, note: 'Tagesmutter Frau K. angefragt' }));
		const adviser = await w.pull(w.adviser);
		expect(adviser.patch.put.childminderRequests).toEqual([
			expect.objectContaining({ internalNote: 'Tagesmutter Frau K. angefragt' })
		]);
		const parentAfter = await w.pull(w.parent, parentBefore.cookie);
		for (const row of parentAfter.patch.put.childminderRequests ?? []) expect(row.internalNote).toBeNull();
		expect(JSON.stringify(parentAfter)).not.toContain('Frau K.');
		expect(JSON.stringify(await w.pull(w.parent))).not.toContain('Frau K.');
	});

	it('lets parents withdraw, and the Fachberatung sees it; only advisers may work the queue', async () => {
		const before = await w.pull(w.adviser);
		await expectOk(w.push(w.parent, 'withdrawChildminding', { id, expectedStatus: 'submitted' }));
		expect((await w.pull(w.adviser, before.cookie)).patch.put.childminderRequests).toEqual([
			expect.objectContaining({ status: 'withdrawn' })
		]);
		for (const who of [w.admin, w.staff, w.parent])
			expect(
				await w.push(who, 'childmindingTransition', { id, event: 'contact', expectedStatus: 'withdrawn' })
			).toMatchObject({
				code: 'notPermitted'
			});
		for (const who of [w.admin, w.staff, w.parent])
			expect(await w.push(who, 'saveChildmindingNote', { id, note: 'x' })).toMatchObject({
				code: 'notPermitted'
			});
	});
});
