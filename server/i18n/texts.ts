// The message catalogue's texts on the server (the mails): the `mail_` keys of
// src/lib/messages/<locale>.json, compiled by `npm run i18n` into server/i18n/generated/ with the
// same compiler as the pages' texts — one catalogue, one message format, one plural rule set.
import { BASE_LOCALE, DICTIONARIES, type ServerMessages } from './generated/mail';

type Text = string | ((inputs: Record<string, unknown>, plural: (n: unknown) => string) => string);

/** The languages the catalogue has texts in (project.inlang/settings.json), German first. */
export const TEXT_LOCALES: readonly string[] = Object.keys(DICTIONARIES);

/** The texts of one language (German for a language the catalogue does not have). */
export function serverTexts(locale: string): ServerMessages {
	const lang = locale in DICTIONARIES ? locale : BASE_LOCALE;
	const dictionary = DICTIONARIES[lang] ?? {};
	const rules = new Intl.PluralRules(lang);
	const plural = (n: unknown) => rules.select(Number(n));
	return new Proxy({} as ServerMessages, {
		get: (_target, key) => {
			const text = typeof key === 'string' ? (dictionary[key] as Text | undefined) : undefined;
			if (text === undefined) return undefined;
			return (inputs: Record<string, unknown> = {}) =>
				typeof text === 'string' ? text : text(inputs, plural);
		}
	});
}
