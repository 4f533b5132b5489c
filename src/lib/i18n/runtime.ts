// The portal's language on this device: chosen with the switcher (kept in localStorage under the key
// Paraglide used before, so earlier choices still count), else the browser's preferred languages,
// else German. Changing it reloads the page, which then loads its texts in the new language.
import { LOCALES } from './generated/loaders';

export const locales = LOCALES;
export type Locale = (typeof LOCALES)[number];
export const baseLocale: Locale = 'de';
const STORAGE_KEY = 'PARAGLIDE_LOCALE';
const RIGHT_TO_LEFT = new Set<Locale>(['ar']);

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function stored(): string | null {
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
	if (current === undefined) {
		const chosen = stored();
		current = isLocale(chosen) ? chosen : (preferred() ?? baseLocale);
	}
	return current;
}

/** Remembers the language on this device and shows the page in it (a reload). */
export function setLocale(locale: Locale, options: { reload?: boolean } = {}): void {
	try {
		globalThis.localStorage?.setItem(STORAGE_KEY, locale);
	} catch {
		// storage disabled: the choice lasts for this page only
	}
	const changed = locale !== current;
	current = locale;
	if (changed && options.reload !== false) globalThis.location?.reload();
}

export function getTextDirection(locale: Locale = getLocale()): 'ltr' | 'rtl' {
	return RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
}
