// The server's side of the texts: every namespace in every language, loaded with the server, and
// the language each request renders in — the cookie the language switcher sets, else the
// browser's Accept-Language, else German (the order the browser follows, runtime.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import { installRequestI18n, type RequestI18n, type Text } from './request-i18n';
import { baseLocale, isLocale, LOCALE_COOKIE, locales, type Locale } from './runtime';

const modules = import.meta.glob<{ default: Record<string, Text> }>('./generated/*.*.js', { eager: true });

function textsOf(locale: Locale): Map<string, Text> {
	const texts = new Map<string, Text>();
	for (const [path, module] of Object.entries(modules))
		if (path.endsWith(`.${locale}.js`))
			for (const [key, text] of Object.entries(module.default)) texts.set(key, text);
	return texts;
}

const byLocale = new Map<Locale, RequestI18n>(
	locales.map((locale) => {
		const texts = textsOf(locale);
		const rules = new Intl.PluralRules(locale);
		return [locale, { locale, text: (key) => texts.get(key), plural: (n) => rules.select(Number(n)) }];
	})
);

const current = new AsyncLocalStorage<RequestI18n>();
installRequestI18n(() => current.getStore());

/** The languages of an Accept-Language header, most wanted first. */
function acceptedLanguages(header: string): string[] {
	return header
		.split(',')
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
			return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
		})
		.filter((entry) => entry.tag && entry.q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index)
		.map((entry) => entry.tag);
}

/** The language a request is answered in: the device's choice (cookie), its browser's, German. */
export function requestLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
	if (isLocale(cookie)) return cookie;
	for (const tag of acceptedLanguages(acceptLanguage ?? '')) {
		if (isLocale(tag)) return tag;
		const base = tag.split('-')[0];
		if (isLocale(base)) return base;
	}
	return baseLocale;
}

/** Runs `render` (a request's answer) with the texts of `locale` for every `m.…()` call in it. */
export function withLocale<T>(locale: Locale, render: () => T): T {
	return current.run(byLocale.get(locale) ?? (byLocale.get(baseLocale) as RequestI18n), render);
}

export { LOCALE_COOKIE };
