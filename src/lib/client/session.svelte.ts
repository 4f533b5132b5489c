// Who is logged in on this device, remembered locally so that the app knows its user offline.
// The session itself is an HttpOnly cookie; this is only what the UI needs to pick the right local
// database and show the right menus.
import type { KnownUser } from '$lib/domain/account';

export type { KnownUser };

const STORAGE_KEY = 'kita-portal:user';

export function storedUser(): KnownUser | null {
	if (typeof localStorage === 'undefined') return null;
	try {
		const raw = localStorage.getItem(STORAGE_KEY);
		return raw ? (JSON.parse(raw) as KnownUser) : null;
	} catch {
		return null;
	}
}

// A page the server rendered shows no one logged in (the server renders public pages for all):
// it is hydrated so, and the root layout brings in the known user once it has mounted.
const hydrating = typeof document !== 'undefined' && document.getElementById('main') !== null;

class SessionState {
	/** The last user who logged in here; kept offline and across restarts until logout. */
	user = $state<KnownUser | null>(hydrating ? null : storedUser());
	/** The server said the session ended (401): local data stays, the user is asked to log in. */
	expired = $state(false);
}

export const session = new SessionState();

/** Tells the other tabs of this browser (tab-announce.ts, loaded only when someone logs in or out). */
function announce(kind: 'login' | 'logout', userId: string | null): void {
	void import('./tab-announce').then((tabs) => tabs.announce(kind, userId));
}

export function rememberUser(user: KnownUser): void {
	localStorage.setItem(STORAGE_KEY, JSON.stringify(user));
	session.user = user;
	session.expired = false;
	announce('login', user.userId);
}

export function forgetUser(): void {
	const userId = session.user?.userId ?? null;
	localStorage.removeItem(STORAGE_KEY);
	session.user = null;
	session.expired = false;
	announce('logout', userId);
}

/**
 * Runs `start` once in this component's life, as soon as the known user has `role` — at mount,
 * or later when the session check (or a login in another tab) makes it known. A check in
 * `onMount` alone missed a session confirmed after mount, and an online-only list stayed
 * "loading". Call during component initialisation.
 */
export function onceUserIs(role: KnownUser['role'], start: () => void): void {
	let started = false;
	$effect(() => {
		if (!started && session.user?.role === role) {
			started = true;
			start();
		}
	});
}
