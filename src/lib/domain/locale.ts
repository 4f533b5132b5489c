// The Intl locale for a UI language, shared by the browser (dates and numbers on screen) and the
// server (dates in mails).

/**
 * Arabic keeps Western digits ("ar-u-nu-latn"), as numbers inside the message texts, Kita data
 * (postcodes, phone numbers) and registration numbers use them; month names and order stay Arabic.
 */
export function intlLocale(locale: string): string {
	return locale === 'ar' ? 'ar-u-nu-latn' : locale;
}
