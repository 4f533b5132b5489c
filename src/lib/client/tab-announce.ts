// The channel on which the tabs of this browser tell each other of a login or logout (issue 14), and
// the telling. Apart from tab-follow.ts so that session.svelte.ts can announce without an import
// cycle; one channel object per tab, since a channel does not hear its own messages but another
// object of the same name in the same tab would.

export const SESSION_CHANNEL = 'kita-portal:session';

export const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(SESSION_CHANNEL);

/** What one tab tells the others; `userId` is the user who logged in or out. */
export interface SessionMessage {
	kind: 'login' | 'logout';
	userId: string | null;
}

export function announce(kind: 'login' | 'logout', userId: string | null = null): void {
	channel?.postMessage({ kind, userId } satisfies SessionMessage);
}
