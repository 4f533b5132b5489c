// The language of the portal on this device (kept in localStorage, see i18n/runtime.ts) and in the
// account (mails go out in it). A choice made with the switcher is pushed to the account — at once
// when someone is logged in, otherwise at the next login. A device where nobody ever chose takes
// the account's language after login (a shared office PC follows whoever logs in).
import { isLocale, setLocale, getLocale, type Locale } from '$lib/i18n/runtime';
import { rememberUser, session } from './session.svelte';
import { trpc } from './trpc';

/** Each language named in itself, so that people find theirs whatever is shown. */
export const LOCALE_NAMES: Record<Locale, string> = {
	de: 'Deutsch',
	en: 'English',
	tr: 'Türkçe',
	ar: 'العربية',
	uk: 'Українська',
	ru: 'Русский',
	pl: 'Polski'
};

const CHOSEN_KEY = 'kita-portal:locale-chosen';
const PENDING_KEY = 'kita-portal:locale-pending';
const PUSH_TIMEOUT_MS = 4000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	return Promise.race([
		promise,
		new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))
	]);
}

/** Stores the locale in the logged-in account; false when that did not work (offline, 401). */
async function pushToAccount(locale: Locale): Promise<boolean> {
	const user = session.user;
	if (!user || !navigator.onLine) return false;
	try {
		await withTimeout(trpc.account.setLocale.mutate({ locale }), PUSH_TIMEOUT_MS);
		rememberUser({ ...user, locale });
		localStorage.removeItem(PENDING_KEY);
		return true;
	} catch {
		return false;
	}
}

/** The switcher's action: remember the choice here and in the account, then show the page in it. */
export async function switchLocale(locale: Locale): Promise<void> {
	localStorage.setItem(CHOSEN_KEY, '1');
	localStorage.setItem(PENDING_KEY, locale);
	await pushToAccount(locale);
	// Stores the locale and reloads the page in it.
	setLocale(locale);
}

/** Called whenever the known user (or their account's locale) changes. */
export async function reconcileAccountLocale(accountLocale: string): Promise<void> {
	const pending = localStorage.getItem(PENDING_KEY);
	if (pending !== null && isLocale(pending)) {
		await pushToAccount(pending);
		return;
	}
	if (localStorage.getItem(CHOSEN_KEY) === null && isLocale(accountLocale) && accountLocale !== getLocale())
		setLocale(accountLocale);
}
