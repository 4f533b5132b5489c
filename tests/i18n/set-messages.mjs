// Adds or replaces single messages in the catalogue without touching the others (several people
// edit the files at the same time): reads each locale file right before writing it back, formatted.
// Usage: node tests/i18n/set-messages.mjs changes.json
//   changes.json: { "de": { "key": "text", … }, "en": { … }, … }  (a value of null deletes the key)
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as prettier from 'prettier';

const root = resolve(import.meta.dirname, '../..');
const changes = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const options = (await prettier.resolveConfig(resolve(root, 'src/lib/messages/de.json'))) ?? {};

for (const [locale, entries] of Object.entries(changes)) {
	const file = resolve(root, `src/lib/messages/${locale}.json`);
	const current = JSON.parse(readFileSync(file, 'utf8'));
	let changed = 0;
	for (const [key, value] of Object.entries(entries)) {
		if (value === null) delete current[key];
		else current[key] = value;
		changed++;
	}
	const text = await prettier.format(JSON.stringify(current, null, '\t'), { ...options, filepath: file });
	writeFileSync(file, text);
	console.log(`${locale}: ${changed} messages set`);
}
