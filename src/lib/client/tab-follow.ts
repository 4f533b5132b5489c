// Every open tab of this browser follows a login or logout in another tab at once (issue 14). A
// BroadcastChannel rather than the storage event: writing the same user again (a new login after the
// session ended) changes nothing in localStorage, so no storage event would fire and the other tabs
// stayed "ended". The storage event is kept as a second way, for browsers without the channel.
// Loaded after the first render; the telling side is tab-announce.ts.
import { session, storedUser } from './session.svelte';
import { channel, type SessionMessage } from './tab-announce';

const STORAGE_KEY = 'kita-portal:user';

/**
 * The same user logging in again resumes here too; any other change of user reloads the tab, so that
 * nothing typed here for the previous user is saved into the next user's local database, and every
 * page shows who is logged in. A logout of this tab's user always reloads (issue 14, point 5): it
 * deleted the user's local database with its unsent changes, so what this tab shows as saved (a
 * walk-in's receipt) is gone — even when the same user has logged in again by the time the message
 * arrives (a busy or background tab reads it late).
 */
export function followOtherTabs(reload: () => void = () => location.reload()): () => void {
	const follow = (message: Partial<SessionMessage> | null) => {
		const here = session.user;
		if (message?.kind === 'logout' && here && (!message.userId || message.userId === here.userId)) {
			reload();
			return;
		}
		const user = storedUser();
		if (user && user.userId === here?.userId) {
			session.user = user;
			session.expired = false;
		} else if (user || here) reload();
	};
	const onMessage = (event: MessageEvent<unknown>) => {
		const data = event.data;
		// Tabs of the previous release send the kind alone.
		follow(typeof data === 'string' ? { kind: data as SessionMessage['kind'] } : (data as SessionMessage));
	};
	const onStorage = (event: StorageEvent) => {
		if (event.key === STORAGE_KEY || event.key === null)
			follow(event.newValue === null ? { kind: 'logout', userId: null } : null);
	};
	channel?.addEventListener('message', onMessage);
	if (typeof window !== 'undefined') window.addEventListener('storage', onStorage);
	return () => {
		channel?.removeEventListener('message', onMessage);
		if (typeof window !== 'undefined') window.removeEventListener('storage', onStorage);
	};
}
