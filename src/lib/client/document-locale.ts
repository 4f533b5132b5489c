// The page is rendered in the browser only (ssr = false), so the server cannot know the language
// chosen on this device: the client sets `<html lang dir>` before the first render.
import { getLocale, getTextDirection, type Locale } from '$lib/i18n/runtime';

/** Right-to-left languages among ours (Arabic); Intl's text info decides, this list is the fallback. */
export function directionOf(locale: Locale): 'ltr' | 'rtl' {
	return getTextDirection(locale);
}

export function applyDocumentLocale(locale: Locale = getLocale()): void {
	const root = document.documentElement;
	root.lang = locale;
	root.dir = directionOf(locale);
}
