import { describe, expect, it } from 'vitest';
import { linksIn, localeFor, renderMail, MAIL_LOCALES } from './render';

// The languages' mails are assembled from the catalogue (the modules de.ts, en.ts … are gone).
const de = localeFor('de');
const en = localeFor('en');

describe('mail templates', () => {
	it('has every kind in every locale', () => {
		const kinds = Object.keys(de.templates).sort();
		expect(kinds.length).toBeGreaterThanOrEqual(7);
		for (const locale of Object.values(MAIL_LOCALES))
			expect(Object.keys(locale.templates).sort()).toEqual(kinds);
		expect(Object.keys(en.templates).sort()).toEqual(kinds);
	});

	it('renders plain text and simple, escaped HTML with the same links', () => {
		const mail = renderMail('de', 'confirm', {
			name: 'Anna <b>Beispiel</b>',
			confirmUrl: 'https://kita.example/konto/bestaetigen#token=abc',
			resendUrl: 'https://kita.example/konto/bestaetigen#neu=abc',
			minutes: 60
		});
		expect(mail.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
		expect(mail.text).toContain('Guten Tag Anna <b>Beispiel</b>,');
		expect(mail.text).toContain('60 Minuten');
		expect(linksIn(mail.text)).toEqual([
			'https://kita.example/konto/bestaetigen#token=abc',
			'https://kita.example/konto/bestaetigen#neu=abc'
		]);
		expect(mail.html).toContain('Anna &lt;b&gt;Beispiel&lt;/b&gt;');
		expect(mail.html).not.toContain('<b>Beispiel');
		expect(mail.html).toContain('<a href="https://kita.example/konto/bestaetigen#token=abc">');
	});

	it('falls back to German for a locale without templates', () => {
		const params = { name: 'A', forgotUrl: 'https://kita.example/passwort-vergessen' };
		expect(renderMail('fr', 'passwordChanged', params)).toEqual(renderMail('de', 'passwordChanged', params));
		expect(renderMail('en', 'passwordChanged', params).subject).toBe('Your password was changed');
	});
});
