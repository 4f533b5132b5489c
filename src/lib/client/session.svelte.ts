// Who is logged in on this device, remembered locally so that the app knows its user offline.
// The session itself is an HttpOnly cookie; this is only what the UI needs to pick the right local
// database and show the right menus.
import type { KnownUser } from '$lib/domain/account';

export type { KnownUser };

const STORAGE_KEY = 'kita-portal:user';

function load(): KnownUser | null {
	if (typeof localStorage === 'undefined') return null;
	try {
		const raw = localStorage.getItem(STORAGE_KEY);
		return raw ? (JSON.parse(raw) as KnownUser) : null;
	} catch {
		return null;
	}
}

class SessionState {
	/** The last user who logged in here; kept offline and across restarts until logout. */
	user = $state<KnownUser | null>(load());
	/** The server said the session ended (401): local data stays, the user is asked to log in. */
	expired = $state(false);
}

export const session = new SessionState();

/**
 * Tells the other tabs of this browser that someone logged in or out. A BroadcastChannel rather than
 * the storage event: writing the same user again (a new login after the session ended) changes
 * nothing in localStorage, so no storage event would fire, and the other tabs stayed "ended".
 */
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('kita-portal:session');

export function rememberUser(user: KnownUser): void {
	localStorage.setItem(STORAGE_KEY, JSON.stringify(user));
	session.user = user;
	session.expired = false;
	channel?.postMessage('login');
}

export function forgetUser(): void {
	localStorage.removeItem(STORAGE_KEY);
	session.user = null;
	session.expired = false;
	channel?.postMessage('logout');
}

/**
 * Every open tab follows a login or logout in another tab at once. The same user logging in again
 * resumes here too; any other change of user reloads the tab, so that nothing typed here for the
 * previous user is saved into the next user's local database, and every page shows who is logged in.
 */
export function followOtherTabs(reload: () => void = () => location.reload()): () => void {
	if (!channel) return () => {};
	const listener = () => {
		const user = load();
		if (user && user.userId === session.user?.userId) {
			session.user = user;
			session.expired = false;
		} else if (user || session.user) reload();
	};
	channel.addEventListener('message', listener);
	return () => channel.removeEventListener('message', listener);
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
