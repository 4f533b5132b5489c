// The document's language and writing direction on this device. A page the server rendered
// (public pages) comes in the language of the cookie the switcher sets, or of the browser's (which
// is this device's too); a page rendered here (the shell, private pages) gets `<html lang dir>` set
// before its first render.
import {
	adoptLocale,
	getLocale,
	getTextDirection,
	isLocale,
	LOCALE_COOKIE,
	setLocaleCookie,
	stored,
	type Locale
} from '$lib/i18n/runtime';

/**
 * Before the first render (hooks.client.ts). A page the server rendered (the root layout's main
 * region is in the HTML) stays in the language it was rendered in, which hydration must find —
 * unless a choice made before the cookie existed says otherwise: then the choice goes into the
 * cookie and the page is loaded once more.
 */
export function applyDocumentLocale(locale: Locale = getLocale()): Promise<void> | void {
	const root = document.documentElement;
	const rendered = document.getElementById('main') !== null;
	const choice = stored();
	const cookie = `${LOCALE_COOKIE}=${choice}`;
	if (isLocale(choice) && !document.cookie.includes(cookie)) {
		setLocaleCookie(choice);
		if (rendered && root.lang !== choice && document.cookie.includes(cookie)) {
			location.reload();
			return new Promise(() => {});
		}
	}
	if (rendered) adoptLocale(root.lang as Locale);
	else {
		root.lang = locale;
		root.dir = getTextDirection(locale);
	}
}
