import { describe, expect, it } from 'vitest';
import { errorLine } from './error-line';

describe('errorLine', () => {
	it.each([
		[
			'Erziehungsberechtigte Person: Telefon',
			'Bitte geben Sie eine Telefonnummer an.',
			'Erziehungsberechtigte Person: Telefon: Bitte geben Sie eine Telefonnummer an.'
		],
		[
			'Die Familie hat den Datenschutzhinweis unterschrieben.',
			'Bitte bestätigen Sie.',
			'Die Familie hat den Datenschutzhinweis unterschrieben. Bitte bestätigen Sie.'
		],
		['Wechselwunsch?', 'Bitte wählen.', 'Wechselwunsch? Bitte wählen.'],
		['Telefon:', 'Fehlt.', 'Telefon: Fehlt.'],
		['', 'Bitte prüfen.', 'Bitte prüfen.'],
		['هاتف؟', 'مطلوب', 'هاتف؟ مطلوب']
	])('%s + %s → %s', (label, message, line) => {
		expect(errorLine(label, message)).toBe(line);
		expect(errorLine(label, message)).not.toMatch(/[.?!]:/);
	});
});
