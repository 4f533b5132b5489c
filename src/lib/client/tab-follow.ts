// Every open tab of this browser follows a login or logout in another tab at once (issue 14). A
// BroadcastChannel rather than the storage event: writing the same user again (a new login after the
// session ended) changes nothing in localStorage, so no storage event would fire and the other tabs
// stayed "ended". Loaded after the first render, and by session.svelte.ts when someone logs in or out.
import { session, storedUser } from './session.svelte';

const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('kita-portal:session');

export function announce(kind: 'login' | 'logout'): void {
	channel?.postMessage(kind);
}

/**
 * The same user logging in again resumes here too; any other change of user reloads the tab, so that
 * nothing typed here for the previous user is saved into the next user's local database, and every
 * page shows who is logged in.
 */
export function followOtherTabs(reload: () => void = () => location.reload()): () => void {
	if (!channel) return () => {};
	const listener = () => {
		const user = storedUser();
		if (user && user.userId === session.user?.userId) {
			session.user = user;
			session.expired = false;
		} else if (user || session.user) reload();
	};
	channel.addEventListener('message', listener);
	return () => channel.removeEventListener('message', listener);
}
