// What the sync indicator says once the app runs: its announcements, and its "last synced" in
// words for the first hour ("gerade eben", "vor 5 Minuten"), then the day and time. Online the portal pulls each minute, so a clock time said little that
// "just now" does not; offline the minutes say at a glance how old what is on screen is. And a
// date formatted on the first load of every page cost a phone the start-up of the browser's date
// formatter (Intl.DateTimeFormat, 106 ms of one task at 4× CPU in the login page's trace), which the
// catalogue's plural rules do not (under 1 ms). Loaded after the first render with its texts (the
// namespace deferred/sync), as the sync engine whose changes they tell of is: until then there is
// nothing to tell, and the texts stay out of every page's first load.
import type { SyncPhase } from '$lib/client/sync/sync-status.svelte';
import { tickingClock } from '$lib/client/ticking-clock.svelte';
import { formatDateTime } from '$lib/format';
import { m } from '$lib/i18n/messages';

const MINUTE_MS = 60_000;

/** What the indicator says of the last sync: it changes as the minutes pass. */
export function lastSyncText(last: Date): string {
	return lastSyncTextAt(last, tickingClock.now.getTime());
}

/** What the indicator says of the last sync at `now`, the device's clock (as `last` is). */
export function lastSyncTextAt(last: Date, now: number): string {
	// A clock set back since counts as "just now", not as minutes to come.
	const minutes = Math.max(0, Math.floor((now - last.getTime()) / MINUTE_MS));
	const time =
		minutes < 1
			? m.sync_ago_now()
			: minutes < 60
				? m.sync_ago_minutes({ count: minutes })
				: formatDateTime(last);
	return m.sync_last({ time });
}

/** The part of the sync's state whose changes are announced. */
export interface Announced {
	online: boolean;
	phase: SyncPhase;
	pending: number;
}

/**
 * What is announced when the state changed from `before` to `now`, if anything. The indicator changes
 * on every pull (each minute); speaking that would drown the page. Only what matters is announced:
 * connection lost or back, a failure, an update needed, and all changes transmitted.
 */
export function announcement(before: Announced, now: Announced): string | undefined {
	if (now.online !== before.online) return now.online ? m.sync_announce_online() : m.sync_announce_offline();
	if (now.phase !== before.phase && now.phase === 'error') return m.sync_error();
	if (now.phase !== before.phase && now.phase === 'updateRequired') return m.sync_update_required();
	if (now.online && before.pending > 0 && now.pending === 0) return m.sync_announce_done();
	return undefined;
}
