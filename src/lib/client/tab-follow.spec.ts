import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KnownUser } from '$lib/domain/account';

const state = vi.hoisted(() => ({
	session: { user: null as KnownUser | null, expired: false },
	stored: null as KnownUser | null
}));
vi.mock('./session.svelte', () => ({ session: state.session, storedUser: () => state.stored }));

const { followOtherTabs } = await import('./tab-follow');

const staff = { userId: 'u-staff', role: 'staff', firstName: 'Kim', lastName: 'Kita' } as KnownUser;
const parent = { userId: 'u-parent', role: 'parent', firstName: 'Erika', lastName: 'M' } as KnownUser;

/** Another tab: its own channel of the same name (a channel does not hear its own messages). */
async function fromOtherTab(message: unknown): Promise<void> {
	const other = new BroadcastChannel('kita-portal:session');
	other.postMessage(message);
	other.close();
	await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('followOtherTabs (issue 14, points 1 and 5)', () => {
	let reload: ReturnType<typeof vi.fn<() => void>>;
	let stop: () => void;
	beforeEach(() => {
		reload = vi.fn<() => void>();
		stop = followOtherTabs(reload);
	});
	afterEach(() => stop());

	it("reloads at a logout of this tab's user even when the same user is back by the time it arrives", async () => {
		// "Trotzdem abmelden" deleted the local database (a walk-in with it); the front desk logged in
		// again before this busy tab read the message: what it shows as saved is gone all the same.
		state.session.user = staff;
		state.stored = staff;
		await fromOtherTab({ kind: 'logout', userId: staff.userId });
		expect(reload).toHaveBeenCalledOnce();
	});

	it('reloads at a logout announced by a tab of the previous release (the kind alone)', async () => {
		state.session.user = staff;
		state.stored = null;
		await fromOtherTab('logout');
		expect(reload).toHaveBeenCalledOnce();
	});

	it('resumes without a reload when the same user logs in again', async () => {
		state.session.user = staff;
		state.session.expired = true;
		state.stored = staff;
		await fromOtherTab({ kind: 'login', userId: staff.userId });
		expect(reload).not.toHaveBeenCalled();
		expect(state.session.expired).toBe(false);
	});

	it('reloads when another user logs in, and leaves an anonymous tab alone at a logout', async () => {
		state.session.user = staff;
		state.stored = parent;
		await fromOtherTab({ kind: 'login', userId: parent.userId });
		expect(reload).toHaveBeenCalledOnce();
		state.session.user = null;
		state.stored = null;
		await fromOtherTab({ kind: 'logout', userId: parent.userId });
		expect(reload).toHaveBeenCalledOnce();
	});
});
