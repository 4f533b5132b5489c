// Issue 13, point 16: the numbers in mails agree with their words by the language's plural rules
// ("72 годин" was wrong: 72 години), and each language quotes as it does.
import { describe, expect, it } from 'vitest';
import { renderMail } from './render';

const links = {
	confirmUrl: 'https://k.example/c',
	resendUrl: 'https://k.example/r',
	resetUrl: 'https://k.example/p'
};

function minutesText(locale: string, minutes: number): string {
	return [
		renderMail(locale, 'confirm', { name: 'A', ...links, minutes }).text,
		renderMail(locale, 'reset', { name: 'A', ...links, minutes }).text,
		renderMail(locale, 'changeEmail', { name: 'A', ...links, minutes }).text
	].join('\n');
}

function hoursText(locale: string, hours: number): string {
	return renderMail(locale, 'invite', { name: 'A', role: 'staff', inviteUrl: 'https://k.example/i', hours })
		.text;
}

describe('numbers in mails', () => {
	// [locale, number, the words each of the three minute mails must contain]
	it.each([
		['de', 1, '1 Minute '],
		['de', 60, '60 Minuten'],
		['en', 1, '1 minute '],
		['en', 60, '60 minutes'],
		['tr', 60, '60 dakika'],
		['ar', 1, 'دقيقة واحدة'],
		['ar', 2, 'دقيقتين'],
		['ar', 5, '5 دقائق'],
		['ar', 60, '60 دقيقة'],
		['uk', 1, '1 хвилину'],
		['uk', 2, '2 хвилини'],
		['uk', 60, '60 хвилин'],
		['ru', 1, '1 минуту'],
		['ru', 22, '22 минуты'],
		['ru', 60, '60 минут'],
		['pl', 1, '1 minutę'],
		['pl', 2, '2 minuty'],
		['pl', 60, '60 minut']
	] as const)('%s: %i minutes', (locale, minutes, words) => {
		const text = minutesText(locale, minutes);
		expect(text.split(words).length - 1).toBe(3);
	});

	it.each([
		['de', 1, '1 Stunde '],
		['de', 72, '72 Stunden'],
		['en', 1, '1 hour.'],
		['en', 72, '72 hours'],
		['tr', 72, '72 saat'],
		['ar', 1, 'ساعة واحدة'],
		['ar', 3, '3 ساعات'],
		['ar', 72, '72 ساعة'],
		['uk', 72, '72 години'],
		['uk', 25, '25 годин'],
		['uk', 1, '1 годину'],
		['ru', 72, '72 часа'],
		['ru', 25, '25 часов'],
		['ru', 21, '21 час.'],
		['pl', 72, '72 godziny'],
		['pl', 25, '25 godzin'],
		['pl', 1, '1 godzinę']
	] as const)('%s: %i hours', (locale, hours, words) => {
		expect(hoursText(locale, hours)).toContain(words);
	});
});

describe('quotation marks in mails', () => {
	const registration = {
		name: 'A',
		child: 'B',
		number: 'K-1',
		submittedAt: '1.1.2027',
		kitas: ['Kita'],
		receiptUrl: 'https://k.example/b'
	};

	it.each([
		['ar', /«[^»]+»/],
		['pl', /„[^”"]+”/],
		['de', /„[^“]+“/]
	] as const)('%s quotes as the language does', (locale, quoted) => {
		const text = renderMail(locale, 'registration', registration).text;
		expect(text).toMatch(quoted);
		expect(text).not.toContain('"');
	});
});
