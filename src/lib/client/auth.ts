// Account calls from the browser: error mapping for forms, the logged-in user (remembered for
// offline use), login completion and logout with the local data of that user.
import { goto } from '$app/navigation';
import type { KnownUser } from '$lib/domain/account';
import { isAccountErrorCode, type AccountErrorCode } from '$lib/domain/account-codes';
import { loadDataLayer, openLocalDb } from './data-layer';
import { isUserChange } from '$lib/sync/read-records';
import { safeNext } from './safe-next';
import { forgetUser, rememberUser, session } from './session.svelte';
import { isTRPCClientError, trpc } from './trpc';

export interface CallError {
	code: AccountErrorCode;
	/** Seconds to wait after a 429. */
	retryAfter?: number;
	/** Field path → code, when the server's validation refused single fields. */
	fields: Record<string, AccountErrorCode>;
}

interface ErrorData {
	httpStatus?: number;
	retryAfter?: number;
	zodIssues?: { path: (string | number)[]; message: string }[];
}

/** Turns whatever a tRPC call threw into a code the UI can translate. */
export function toCallError(error: unknown): CallError {
	if (!isTRPCClientError(error)) return { code: 'internal', fields: {} };
	const data = (error.data ?? undefined) as ErrorData | undefined;
	if (!data) return { code: navigator.onLine ? 'network' : 'offline', fields: {} };
	const fields: Record<string, AccountErrorCode> = {};
	for (const issue of data.zodIssues ?? []) {
		const key = issue.path.join('.');
		fields[key] ??= isAccountErrorCode(issue.message) ? issue.message : 'required';
	}
	const code: AccountErrorCode = isAccountErrorCode(error.message) ? error.message : 'internal';
	// A call that needs a login found none: keep everything local and ask for a new login.
	if (code === 'loginRequired' && session.user) session.expired = true;
	return { code, retryAfter: data.retryAfter, fields };
}

/** Only the portal's own pages are followed after login (no open redirect). */
export { safeNext };

/** Where `user` starts: their role's own page (loaded when needed, not with the login pages). */
export async function homeFor(user: KnownUser): Promise<string> {
	return (await import('$lib/domain/landing')).landingPath(user.role);
}

/** The login is complete: remember the user on this device and go on (an explicit safe `next` wins). */
export async function completeLogin(user: KnownUser, next: string | null): Promise<void> {
	rememberUser(user);
	await goto(safeNext(next) ?? (await homeFor(user)));
}

/** Asks the server who is logged in (when online). A vanished session keeps the local data. */
export async function refreshSession(): Promise<void> {
	if (!navigator.onLine) return;
	try {
		const user = await trpc.auth.me.query();
		// The same user confirmed (a new object) is no change: remembered anew, everything that follows
		// the user would start over, the sync among it, which looks at the device's copy again and so
		// takes the family forms off the screen for that moment, with what was being typed in them
		// (e2e parent/family-devices). A session that had ended and is back again does start it over:
		// the changes it held go out then.
		if (user) {
			if (session.expired || !alike(session.user, user)) rememberUser(user);
		} else if (session.user) session.expired = true;
	} catch {
		// Offline or server trouble: keep what this device knows.
	}
}

/** Whether two plain values (the user as this device and the server know it) are alike, field by field. */
function alike(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	const x = a as Record<string, unknown>;
	const y = b as Record<string, unknown>;
	return [...new Set([...Object.keys(x), ...Object.keys(y)])].every((key) => alike(x[key], y[key]));
}

/** Changes of this user not yet pushed to the server (the sync outbox, if this build has one). */
export async function unsyncedChanges(): Promise<number> {
	const table = (await openLocalDb()).tables.find((t) => t.name === 'outbox');
	return table ? table.filter((entry: { name: string }) => isUserChange(entry)).count() : 0;
}

/** Ends the session on the server, then deletes this user's local database and forgets them. */
export async function logout(): Promise<CallError | null> {
	const user = session.user;
	try {
		await trpc.auth.logout.mutate();
	} catch (error) {
		const failure = toCallError(error);
		// Without a session on the server there is nothing to end; the device is cleaned all the same.
		if (failure.code !== 'loginRequired') return failure;
	}
	if (user) await (await loadDataLayer()).deleteLocalDb(user.userId);
	forgetUser();
	await goto('/');
	return null;
}
