// A number in a mail with the word that agrees with it, by the language's plural rules (CLDR via
// Intl.PluralRules, the same rules the message catalogue's plural messages use).

/** The forms of a counted word; `#` stands for the number (Arabic writes 1 and 2 without it). */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export function plural(locale: string, n: number, forms: PluralForms): string {
	return (forms[new Intl.PluralRules(locale).select(n)] ?? forms.other).replaceAll('#', String(n));
}
