// The youth office's answer to the accessibility feedback form (BITV 2.0 § 7): only admins read the
// entries (with the senders' names and addresses) and close them; both steps are in the audit trail.
import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { officeWorld, type Actor, type OfficeWorld } from './office-world';

async function outcome(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
		return 'ok';
	} catch (error) {
		if (error instanceof TRPCError) return `${error.code} ${error.message}`;
		throw error;
	}
}

describe('feedback for the youth office', () => {
	let w: OfficeWorld;
	let ids: { old: string; mid: string; recent: string };

	beforeEach(async () => {
		w = await officeWorld();
		const send = async (message: string, extra: Record<string, unknown> = {}) => {
			await w.t.caller().feedback.submit({ kind: 'barrier', message, ...extra });
			w.t.clock.advance(60_000);
		};
		await send('Alt: der Kalender ist nicht mit der Tastatur bedienbar', { page: '/anmeldung' });
		await send('Mitte: bitte als PDF', {
			kind: 'content',
			name: 'Ute Beispiel',
			email: 'ute@example.org',
			wantsReply: true
		});
		await send('Neu: Kontrast zu schwach', { page: '/kitas' });
		const rows = await w.t.app.database.db
			.selectFrom('feedback')
			.select(['id', 'message'])
			.orderBy('created_at')
			.execute();
		const [old, mid, recent] = rows.map((r) => r.id);
		if (!old || !mid || !recent) throw new Error('feedback not stored');
		ids = { old, mid, recent };
	});
	afterEach(async () => {
		await w.close();
	});

	const as = (who: Actor | null) => w.t.caller({ session: who?.session ?? null }).feedback;

	it('is read and closed by admins only', async () => {
		for (const [who, expected] of [
			[null, 'UNAUTHORIZED loginRequired'],
			[w.parent, 'FORBIDDEN notPermitted'],
			[w.staff, 'FORBIDDEN notPermitted'],
			[w.adviser, 'FORBIDDEN notPermitted']
		] as const) {
			expect(await outcome(as(who).list({ status: 'all' }))).toBe(expected);
			expect(await outcome(as(who).markHandled({ id: ids.old }))).toBe(expected);
		}
		const stillOpen = await w.t.app.database.db
			.selectFrom('feedback')
			.select('id')
			.where('handled_at', 'is', null)
			.execute();
		expect(stillOpen).toHaveLength(3);
		expect(await outcome(as(w.admin).list({ status: 'all' }))).toBe('ok');
		expect(await outcome(as(w.admin).markHandled({ id: ids.old }))).toBe('ok');
	});

	it('lists newest first with the contact the sender gave, filtered by status', async () => {
		const all = await as(w.admin).list({ status: 'all' });
		expect(all.map((e) => e.id)).toEqual([ids.recent, ids.mid, ids.old]);
		expect(all[1]).toMatchObject({
			kind: 'content',
			name: 'Ute Beispiel',
			email: 'ute@example.org',
			wantsReply: true,
			handledAt: null
		});
		expect(all[0]).toMatchObject({ page: '/kitas', name: '', email: '' });

		w.t.clock.advance(3600_000);
		const handled = await as(w.admin).markHandled({ id: ids.mid });
		expect(handled).toEqual({ handledAt: w.t.clock.now().toISOString() });

		expect((await as(w.admin).list({ status: 'open' })).map((e) => e.id)).toEqual([ids.recent, ids.old]);
		const closed = await as(w.admin).list({ status: 'handled' });
		expect(closed.map((e) => [e.id, e.handledAt])).toEqual([[ids.mid, handled.handledAt]]);
		// Without a filter: everything (as before the filter existed).
		expect(await as(w.admin).list()).toHaveLength(3);
	});

	it('keeps the first closing time, refuses unknown entries and records reads and closings', async () => {
		const first = await as(w.admin).markHandled({ id: ids.old });
		w.t.clock.advance(60_000);
		expect(await as(w.admin).markHandled({ id: ids.old })).toEqual(first);
		expect(await outcome(as(w.admin).markHandled({ id: crypto.randomUUID() }))).toBe('NOT_FOUND notFound');
		await as(w.admin).list({ status: 'open' });

		const trail = await w.t.app.database.db
			.selectFrom('audit_events')
			.select(['action', 'actor_id', 'target_type', 'target_id'])
			.where('action', 'in', ['feedback.read', 'feedback.handle'])
			.orderBy('id')
			.execute();
		expect(trail).toEqual([
			{
				action: 'feedback.handle',
				actor_id: w.admin.session.userId,
				target_type: 'feedback',
				target_id: ids.old
			},
			{ action: 'feedback.read', actor_id: w.admin.session.userId, target_type: 'feedback', target_id: null }
		]);
		// Refused attempts leave the entry and the trail as they were.
		await outcome(as(w.parent).list({ status: 'all' }));
		expect(
			await w.t.app.database.db
				.selectFrom('audit_events')
				.select('id')
				.where('action', '=', 'feedback.read')
				.execute()
		).toHaveLength(1);
	});
});
