import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_PAGE_SIZE } from '../../src/lib/domain/youth-office';
import { berlinDayStart } from '../../server/services/audit-log';
import { audit } from '../../server/services/audit';
import { officeWorld, type OfficeWorld } from './office-world';

describe('the audit viewer', () => {
	let w: OfficeWorld;
	beforeEach(async () => {
		w = await officeWorld();
		const db = w.t.app.database.db;
		// 23:30 in Soest on 1 Dec is 22:30 UTC: it belongs to 1 Dec, not 2 Dec.
		await audit(
			db,
			{ action: 'request.read', actor: w.staff.session, targetType: 'request', targetId: 'r-1' },
			new Date('2026-12-01T22:30:00Z')
		);
		await audit(
			db,
			{ action: 'request.transition', actor: w.staff.session, targetType: 'request', targetId: 'r-1' },
			new Date('2026-12-02T08:00:00Z')
		);
		await audit(
			db,
			{ action: 'family.write', actor: w.parent.session, targetType: 'guardian', targetId: 'g-1' },
			new Date('2026-12-03T08:00:00Z')
		);
	});
	afterEach(async () => {
		await w.close();
	});

	const view = () => w.t.caller({ session: w.admin.session }).youthOffice.audit;

	it('filters by actor (address or id), target, action and days in Europe/Berlin, newest first', async () => {
		const staffEmail = (
			await w.t.app.database.db
				.selectFrom('users')
				.select('email')
				.where('id', '=', w.staff.session.userId)
				.executeTakeFirstOrThrow()
		).email;
		const byEmail = await view()({ actor: staffEmail.toUpperCase() });
		expect(byEmail.entries.map((e) => e.action)).toEqual(['request.transition', 'request.read']);
		expect(byEmail.entries[0]).toMatchObject({
			actorId: w.staff.session.userId,
			actorEmail: staffEmail,
			actorRole: 'staff',
			targetId: 'r-1'
		});
		expect((await view()({ actor: w.parent.session.userId })).entries.map((e) => e.targetId)).toEqual([
			'g-1'
		]);
		expect((await view()({ actor: 'niemand@example.org' })).entries).toEqual([]);
		expect((await view()({ target: 'r-1' })).entries).toHaveLength(2);
		expect((await view()({ action: 'family.write' })).entries.map((e) => e.targetId)).toEqual(['g-1']);
		expect((await view()({ from: '2026-12-01', to: '2026-12-01' })).entries.map((e) => e.action)).toEqual([
			'request.read'
		]);
		expect((await view()({ from: '2026-12-02', to: '2026-12-02' })).entries.map((e) => e.action)).toEqual([
			'request.transition'
		]);
		expect(berlinDayStart('2026-07-01')).toBe('2026-06-30T22:00:00.000Z');
		expect(berlinDayStart('2026-12-01')).toBe('2026-11-30T23:00:00.000Z');
		await expect(view()({ from: '2026-12-03', to: '2026-12-01' })).rejects.toThrow();
	});

	it('pages through long trails and records that the trail was read', async () => {
		const db = w.t.app.database.db;
		for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++)
			await audit(
				db,
				{ action: 'request.read', actor: w.staff.session, targetType: 'request', targetId: `p-${i}` },
				new Date('2026-12-04T08:00:00Z')
			);
		const first = await view()({ action: 'request.read' });
		expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
		expect(first.nextBefore).not.toBeNull();
		const second = await view()({ action: 'request.read', before: first.nextBefore });
		expect(second.entries).toHaveLength(6);
		expect(second.nextBefore).toBeNull();
		const reads = await db
			.selectFrom('audit_events')
			.select('actor_id')
			.where('action', '=', 'audit.read')
			.execute();
		expect(reads).toEqual([{ actor_id: w.admin.session.userId }, { actor_id: w.admin.session.userId }]);
		expect(first.actions).toContain('carryOver.run');
	});
});
