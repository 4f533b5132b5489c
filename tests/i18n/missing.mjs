// Lists, per language, the messages of de.json that are missing or still German (a translation
// left out). Usage:
//   node tests/i18n/missing.mjs            summary; exit code 1 when anything is missing
//   node tests/i18n/missing.mjs --list     also every key
//   node tests/i18n/missing.mjs --export tr out.json   the German (and English) texts still to translate
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const settings = JSON.parse(readFileSync(resolve(root, 'project.inlang/settings.json'), 'utf8'));
const read = (locale) => JSON.parse(readFileSync(resolve(root, `src/lib/messages/${locale}.json`), 'utf8'));

/** Messages that are rightly the same as in German (names, international words), per language. */
const sameAsGerman = JSON.parse(readFileSync(resolve(import.meta.dirname, 'same-as-german.json'), 'utf8'));
const allowedSame = (locale, key) =>
	[...(sameAsGerman['*'] ?? []), ...(sameAsGerman[locale] ?? [])].includes(key);

const base = read(settings.baseLocale);
const keys = Object.keys(base).filter((k) => k !== '$schema');
const flat = (value) => JSON.stringify(value);

export function gaps(locale) {
	const messages = read(locale);
	const missing = keys.filter((k) => !(k in messages));
	const untranslated = keys.filter(
		(k) => k in messages && !allowedSame(locale, k) && flat(messages[k]) === flat(base[k])
	);
	const extra = Object.keys(messages).filter((k) => k !== '$schema' && !(k in base));
	return { missing, untranslated, extra };
}

const args = process.argv.slice(2);
if (args[0] === '--export') {
	const [, locale, out] = args;
	const { missing, untranslated } = gaps(locale);
	const english = read('en');
	const todo = Object.fromEntries(
		[...missing, ...untranslated].map((k) => [k, { de: base[k], en: english[k] ?? null }])
	);
	writeFileSync(out, JSON.stringify(todo, null, '\t'));
	console.log(`${locale}: ${Object.keys(todo).length} messages to translate → ${out}`);
} else {
	let total = 0;
	for (const locale of settings.locales.filter((l) => l !== settings.baseLocale)) {
		const { missing, untranslated, extra } = gaps(locale);
		total += missing.length + untranslated.length;
		console.log(
			`${locale}: ${missing.length} missing, ${untranslated.length} identical to German, ${extra.length} not in ${settings.baseLocale}.json (of ${keys.length})`
		);
		if (args.includes('--list'))
			for (const [name, list] of Object.entries({ missing, untranslated, extra }))
				if (list.length) console.log(`  ${name}: ${list.join(', ')}`);
	}
	process.exitCode = total > 0 ? 1 : 0;
}
