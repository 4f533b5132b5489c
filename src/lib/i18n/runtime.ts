// The portal's language on this device: chosen with the switcher (kept in localStorage under the key
// Paraglide used before, so earlier choices still count), else the browser's preferred languages,
// else German. Changing it reloads the page, which then loads its texts in the new language. The
// choice also goes into a cookie, so that the server renders public pages in it (texts.server.ts);
// on the server, the language is the request's (request-i18n.ts).
import { LOCALES } from './generated/loaders';
import { requestI18n } from './request-i18n';

export const locales = LOCALES;
export type Locale = (typeof LOCALES)[number];
export const baseLocale: Locale = 'de';
const STORAGE_KEY = 'PARAGLIDE_LOCALE';
/** The cookie that tells the server the language chosen on this device. */
export const LOCALE_COOKIE = 'kita-portal-locale';
const RIGHT_TO_LEFT = new Set<Locale>(['ar']);

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The language chosen with the switcher on this device, if any. */
export function stored(): string | null {
	try {
		return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
	} catch {
		return null; // storage disabled (private mode, policies)
	}
}

function preferred(): Locale | undefined {
	const languages = (globalThis.navigator as Navigator | undefined)?.languages ?? [];
	for (const tag of languages) {
		const lower = tag.toLowerCase();
		if (isLocale(lower)) return lower;
		const base = lower.split('-')[0];
		if (isLocale(base)) return base;
	}
	return undefined;
}

let current: Locale | undefined;

export function getLocale(): Locale {
	if (import.meta.env.SSR) {
		const request = requestI18n();
		if (request) return request.locale;
	}
	if (current === undefined) {
		const chosen = stored();
		current = isLocale(chosen) ? chosen : (preferred() ?? baseLocale);
	}
	return current;
}

/** Tells the server the language of this device (the cookie it renders pages in). */
export function setLocaleCookie(locale: Locale): void {
	document.cookie = `${LOCALE_COOKIE}=${locale};path=/;max-age=31536000;samesite=lax`;
}

/** Shows this page in `locale` without remembering it (the language the server rendered it in). */
export function adoptLocale(locale: Locale): void {
	current = locale;
}

/** Remembers the language on this device and shows the page in it (a reload). */
export function setLocale(locale: Locale, options: { reload?: boolean } = {}): void {
	try {
		globalThis.localStorage?.setItem(STORAGE_KEY, locale);
	} catch {
		// storage disabled: the choice lasts for this page only
	}
	if (typeof document !== 'undefined') setLocaleCookie(locale);
	const changed = locale !== current;
	current = locale;
	if (changed && options.reload !== false) globalThis.location?.reload();
}

export function getTextDirection(locale: Locale = getLocale()): 'ltr' | 'rtl' {
	return RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
}
