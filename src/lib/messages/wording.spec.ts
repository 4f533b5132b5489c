// Issue 13, points 15 and 16: wording that a fluent review found misleading or wrong — the status
// "Angemeldet" read as "enrolled", the Turkish consent sentence glued from three parts, Polish "Ty",
// quotation marks of another language, and the registration's comment field named unlike the FAQ.
import { describe, expect, it } from 'vitest';
import { catalogue, LOCALES, type Message } from '../../../tests/i18n/catalogues';
import { informalWords } from '../../../tests/i18n/polish-register';

function texts(message: Message | undefined): string[] {
	if (message === undefined) return [];
	return typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match));
}

function text(locale: string, key: string): string {
	return texts(catalogue(locale)[key]).join('\n');
}

describe('status "Angemeldet"', () => {
	// these words say "enrolled / has a place": a parent might stop applying elsewhere
	it.each([
		['tr', /kayıtlı|kaydoldu|kaydedildi/i],
		['ar', /مسج/],
		['uk', /записан/i],
		['ru', /записан/i]
	] as const)('%s says "application submitted", not "enrolled"', (locale, enrolled) => {
		for (const key of [
			'status_registered',
			'status_registered_text',
			'staff_event_register',
			'staff_confirm_withdraw_text'
		])
			expect(text(locale, key), key).not.toMatch(enrolled);
		expect(text(locale, 'status_registered')).toBe(
			{ tr: 'Başvuru yapıldı', ar: 'تم تقديم الطلب', uk: 'Заявку подано', ru: 'Заявка подана' }[locale]
		);
	});

	it('Turkish "register your child" does not use the verb of "save"', () => {
		expect(text('tr', 'nav_registration')).toBe('Çocuğunuzu kaydettirin');
		expect(text('tr', 'registration_title')).toBe('Çocuğunuzu kaydettirin');
	});
});

describe('privacy consent', () => {
	it.each(LOCALES)('%s is one sentence with one link, in the order of the language', (locale) => {
		const consent = text(locale, 'signup_privacy_consent');
		const parts = consent.split(/<\/?a>/);
		expect(parts).toHaveLength(3);
		expect(parts[1]?.trim()).not.toBe('');
		expect(catalogue(locale)).not.toHaveProperty('signup_privacy_before');
		expect(catalogue(locale)).not.toHaveProperty('signup_privacy_after');
	});

	it('Turkish puts the object first ("… okudum ve onaylıyorum")', () => {
		expect(text('tr', 'signup_privacy_consent')).toBe('<a>Gizlilik bildirimini</a> okudum ve onaylıyorum.');
	});
});

describe('comment field of the registration', () => {
	it('is named as the FAQ names it', () => {
		expect(text('de', 'registration_comment')).toBe(
			'Kommentar zum Betreuungswunsch / Name der Kindertagespflegeperson'
		);
		// the same field as in the child-minding registration, translated once
		for (const locale of LOCALES)
			expect(text(locale, 'registration_comment'), locale).toBe(text(locale, 'childminding_comment'));
	});
});

describe('register and quotation marks', () => {
	it('Polish addresses families as an authority does, never with "Ty"', () => {
		const informal = Object.entries(catalogue('pl')).flatMap(([key, message]) => {
			const words = [...new Set(texts(message).flatMap((t) => informalWords(t)))];
			return words.length > 0 ? [`${key}: ${words.join(', ')}`] : [];
		});
		expect(informal).toEqual([]);
	});

	it('the check finds the informal forms the review found', () => {
		expect(informalWords('Nie masz jeszcze zgłoszeń.')).toEqual(['masz']);
		expect(informalWords('Placówka skontaktuje się z Tobą.')).toEqual(['tobą']);
		expect(informalWords('Wybierz co najmniej jedną placówkę.')).toEqual(['wybierz']);
		expect(informalWords('Zostaniesz wylogowany(-a).')).toEqual(['zostaniesz', 'wylogowany(-a)']);
		expect(informalWords('Zapisz zmiany')).toEqual([]);
		expect(informalWords('„Przyjmij ofertę” to wiążąca zgoda.')).toEqual([]);
	});

	it.each([
		['ar', /[„“”"]/, /«[^»]+»/],
		['pl', /[“"«»]/, /„[^”]+”/]
	] as const)('%s uses its own quotation marks', (locale, foreign, own) => {
		const all = Object.values(catalogue(locale)).flatMap(texts);
		expect(all.filter((t) => foreign.test(t))).toEqual([]);
		expect(all.some((t) => own.test(t))).toBe(true);
	});
});
