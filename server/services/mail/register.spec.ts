// Issue 13, point 16: the Polish mails speak as an authority (Państwo or impersonal, never "Ty"),
// and every mail names the Jugendamt so that families recognise it from its letters.
import { describe, expect, it } from 'vitest';
import { informalWords } from '../../../tests/i18n/polish-register';
import { MAIL_LOCALES, renderMail } from './render';
import type { MailKind, MailParamsByKind } from './types';

const url = 'https://k.example/x';
const samples: { [K in MailKind]: MailParamsByKind[K] } = {
	confirm: { name: 'A', confirmUrl: url, resendUrl: url, minutes: 60 },
	alreadyRegistered: { name: 'A', loginUrl: url, forgotUrl: url },
	reset: { name: 'A', resetUrl: url, minutes: 60 },
	invite: { name: 'A', role: 'parent', inviteUrl: url, hours: 72 },
	changeEmail: { name: 'A', confirmUrl: url, minutes: 60 },
	emailChanged: { name: 'A', forgotUrl: url },
	passwordChanged: { name: 'A', forgotUrl: url },
	registration: {
		name: 'A',
		child: 'B',
		number: 'K-1',
		submittedAt: '1.1.2027',
		kitas: ['K'],
		receiptUrl: url
	},
	statusChange: { name: 'A', loginUrl: url },
	offerReleased: {
		name: 'A',
		child: 'B',
		keptKita: 'K1',
		keptRank: 1,
		releasedKita: 'K2',
		releasedRank: 2,
		loginUrl: url
	},
	linkQuestion: { name: 'A', loginUrl: url },
	carryOver: { name: 'A', fromYear: '2026/27', toYear: '2027/28', loginUrl: url },
	childminding: {
		name: 'A',
		child: 'B',
		number: 'T-1',
		submittedAt: '1.1.2027',
		officeAddress: 'X',
		statusUrl: url
	}
};

function mail(locale: string, kind: MailKind): string {
	const rendered = renderMail(
		locale,
		kind,
		samples[kind] as MailParamsByKind[typeof kind] & { name: string }
	);
	return `${rendered.subject}\n${rendered.text}`;
}

describe('mail register', () => {
	it.each(Object.keys(samples) as MailKind[])('Polish %s mail is formal', (kind) => {
		const text = mail('pl', kind);
		const sentences = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('http'));
		expect(sentences.flatMap((s) => informalWords(s))).toEqual([]);
	});

	it.each(Object.keys(MAIL_LOCALES))('%s names the Jugendamt recognisably', (locale) => {
		for (const kind of ['emailChanged', 'childminding'] as const)
			expect(mail(locale, kind), kind).toMatch(/Jugendamt/i);
	});
});
