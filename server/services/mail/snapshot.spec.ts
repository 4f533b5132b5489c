// Issue 15, point 7: the mail texts moved from seven hand-written modules into the message
// catalogue. Every mail of every kind in every language must read word for word as before: the
// snapshot (__snapshots__/snapshot.spec.ts.snap) was taken from the old modules before the move.
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../src/lib/domain/roles';
import { renderMail } from './render';
import type { MailKind, MailParamsByKind } from './types';

const LOCALES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl'] as const;
const url = (path: string) => `https://kita.example${path}`;
// A name that HTML must escape, so the snapshot also pins the escaping.
const name = 'Ayşe "A&B" <Yılmaz>';

/** Each kind with one or more parameter sets (counted numbers in every plural category). */
const CASES: { [K in MailKind]: MailParamsByKind[K][] } = {
	confirm: [1, 2, 3, 5, 11, 21, 22, 60].map((minutes) => ({
		name,
		confirmUrl: url('/konto/bestaetigen#token=a&b'),
		resendUrl: url('/konto/bestaetigen#neu=a'),
		minutes
	})),
	alreadyRegistered: [{ name, loginUrl: url('/login'), forgotUrl: url('/passwort-vergessen') }],
	reset: [1, 2, 5, 21, 60].map((minutes) => ({ name, resetUrl: url('/passwort-neu#t=1'), minutes })),
	invite: [
		...ROLES.map((role) => ({ name, role, inviteUrl: url('/einladung#t=2'), hours: 72 })),
		...[1, 2, 3, 11, 21, 25, 100].map((hours) => ({
			name,
			role: 'staff' as const,
			inviteUrl: url('/einladung#t=2'),
			hours
		}))
	],
	changeEmail: [1, 2, 5, 21, 60].map((minutes) => ({ name, confirmUrl: url('/konto/email#t=3'), minutes })),
	emailChanged: [{ name, forgotUrl: url('/passwort-vergessen') }],
	passwordChanged: [{ name, forgotUrl: url('/passwort-vergessen') }],
	registration: [
		{
			name,
			child: 'Elif <Yılmaz>',
			number: 'KP-2026-000123',
			submittedAt: '25.11.2026, 10:00',
			kitas: ['Kath. Kita St. Marien', 'AWO Familienzentrum „Sausewind“'],
			receiptUrl: url('/meine-anmeldungen/beleg/1')
		},
		{
			name,
			child: 'Elif',
			number: 'KP-2026-000124',
			submittedAt: '1.1.2027, 08:05',
			kitas: ['Kita'],
			receiptUrl: url('/meine-anmeldungen/beleg/2')
		}
	],
	statusChange: [{ name, loginUrl: url('/login') }],
	offerReleased: [
		{
			name,
			child: 'Elif <Yılmaz>',
			keptKita: 'Kath. Kita St. Marien',
			keptRank: 1,
			releasedKita: 'AWO Familienzentrum „Sausewind“',
			releasedRank: 3,
			loginUrl: url('/meine-anmeldungen')
		}
	],
	linkQuestion: [{ name, loginUrl: url('/familie') }],
	carryOver: [{ name, fromYear: '2026/27', toYear: '2027/28', loginUrl: url('/login') }],
	childminding: [
		{
			name,
			child: 'Elif Yılmaz',
			number: 'TP-2026-000045',
			submittedAt: '25.11.2026, 10:00',
			officeAddress: 'Kreis Soest\nHoher Weg 1–3\n59494 Soest',
			statusUrl: url('/meine-anmeldungen')
		}
	]
};

describe('every mail in every language reads as before the move into the catalogue', () => {
	describe.each([...LOCALES, 'fr'])('%s', (locale) => {
		it.each(Object.keys(CASES) as MailKind[])('%s', (kind) => {
			const rendered = (CASES[kind] as MailParamsByKind[typeof kind][]).map((params) =>
				renderMail(locale, kind, params as MailParamsByKind[typeof kind] & { name: string })
			);
			expect(rendered).toMatchSnapshot();
		});
	});
});
