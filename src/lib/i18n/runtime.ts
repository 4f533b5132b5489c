export {
	getLocale,
	getTextDirection,
	isLocale,
	locales,
	setLocale,
	type Locale
} from '$lib/paraglide/runtime';
