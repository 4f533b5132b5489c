// Where a new account goes on to after "sign up → confirm the address → log in": the sign-up page
// keeps its `next` on this device, the confirmation page builds the login link from it (unless the
// confirmation link itself carries one), and the login forgets it. A day is plenty for that trip.
import { safeNext } from './safe-next';

const KEY = 'kita-portal:next-after-signup';
const KEEP_MS = 24 * 60 * 60 * 1000;

export function keepNextForLater(next: string | null, now = Date.now()): void {
	const safe = safeNext(next);
	if (!safe) return;
	try {
		localStorage.setItem(KEY, JSON.stringify({ next: safe, at: now }));
	} catch {
		// Storage full or blocked: the trip ends at the usual page after login.
	}
}

export function pendingNext(now = Date.now()): string | null {
	try {
		const raw = localStorage.getItem(KEY);
		if (!raw) return null;
		const kept = JSON.parse(raw) as { next?: unknown; at?: unknown };
		if (typeof kept.next !== 'string' || typeof kept.at !== 'number' || now - kept.at > KEEP_MS) return null;
		return safeNext(kept.next);
	} catch {
		return null;
	}
}

export function forgetPendingNext(): void {
	try {
		localStorage.removeItem(KEY);
	} catch {
		// Nothing kept.
	}
}

/** `?next=…` for a link, or nothing. */
export function nextQuery(next: string | null): string {
	const safe = safeNext(next);
	return safe ? `?next=${encodeURIComponent(safe)}` : '';
}
