// Every mail exists in every language of the portal (project.inlang/settings.json), is really
// translated (no German left in it), keeps all links and details, and is marked with its language.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linksIn, MAIL_LOCALES, renderMail } from './render';
import type { MailKind, MailParamsByKind } from './types';

const settings = JSON.parse(
	readFileSync(resolve(import.meta.dirname, '../../../project.inlang/settings.json'), 'utf8')
) as { locales: string[] };

const url = (path: string) => `https://kita.example${path}`;
/** One example per kind; a new kind without an example here does not compile. */
const EXAMPLES: { [K in MailKind]: MailParamsByKind[K] } = {
	confirm: { name: 'Ayşe Yılmaz', confirmUrl: url('/c#1'), resendUrl: url('/c#2'), minutes: 60 },
	alreadyRegistered: { name: 'Ayşe Yılmaz', loginUrl: url('/login'), forgotUrl: url('/forgot') },
	reset: { name: 'Ayşe Yılmaz', resetUrl: url('/reset#3'), minutes: 60 },
	invite: { name: 'Karla Kita', role: 'staff', inviteUrl: url('/invite#4'), hours: 72 },
	changeEmail: { name: 'Ayşe Yılmaz', confirmUrl: url('/c#5'), minutes: 60 },
	emailChanged: { name: 'Ayşe Yılmaz', forgotUrl: url('/forgot') },
	passwordChanged: { name: 'Ayşe Yılmaz', forgotUrl: url('/forgot') },
	registration: {
		name: 'Ayşe Yılmaz',
		child: 'Elif Yılmaz',
		number: 'KP-2026-000123',
		submittedAt: '25.11.2026, 10:00',
		kitas: ['Kath. Kita St. Marien', 'AWO Familienzentrum Sausewind'],
		receiptUrl: url('/beleg/1')
	},
	statusChange: { name: 'Ayşe Yılmaz', loginUrl: url('/login') },
	offerReleased: {
		name: 'Ayşe Yılmaz',
		child: 'Elif',
		keptKita: 'Kath. Kita St. Marien',
		keptRank: 1,
		releasedKita: 'AWO Familienzentrum Sausewind',
		releasedRank: 2,
		loginUrl: url('/meine-anmeldungen')
	},
	linkQuestion: { name: 'Ayşe Yılmaz', loginUrl: url('/familie') },
	carryOver: { name: 'Ayşe Yılmaz', fromYear: '2026/27', toYear: '2027/28', loginUrl: url('/login') },
	childminding: {
		name: 'Ayşe Yılmaz',
		child: 'Elif Yılmaz',
		number: 'TP-2026-000045',
		submittedAt: '25.11.2026, 10:00',
		officeAddress: 'Kreis Soest, Hoher Weg 1–3, 59494 Soest',
		statusUrl: url('/meine-anmeldungen')
	}
};
const KINDS = Object.keys(EXAMPLES) as MailKind[];

function render(locale: string, kind: MailKind) {
	return renderMail(locale, kind, EXAMPLES[kind] as MailParamsByKind[typeof kind] & { name: string });
}

describe('mails in every language', () => {
	it('has a module for each language of the portal', () => {
		expect(Object.keys(MAIL_LOCALES).sort()).toEqual([...settings.locales].sort());
	});

	describe.each(settings.locales.filter((l) => l !== 'de'))('%s', (locale) => {
		it.each(KINDS)('%s is translated and keeps its links and details', (kind) => {
			const mail = render(locale, kind);
			const german = render('de', kind);
			expect(mail.subject).not.toBe(german.subject);
			expect(mail.text).not.toContain(german.text.split('\n\n')[1] ?? '');
			expect(mail.text).not.toContain(german.text.split('\n\n').at(-1) ?? '');
			expect(linksIn(mail.text)).toEqual(linksIn(german.text));
			for (const value of Object.values(EXAMPLES[kind]).flat())
				if (typeof value === 'string' && !value.startsWith('http') && kind !== 'invite')
					expect(mail.text).toContain(value);
			expect(mail.html).toContain(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`);
		});
	});
});
