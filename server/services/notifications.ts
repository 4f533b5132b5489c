// Mails to families about their requests. Status mails are generic on purpose (FAQ: details only
// after login); the registration confirmation lists the Kitas, as proof of the announced demand.
import type { Executor } from '../db/database';
import { queueMail, simpleHtml } from './mail/outbox';

type Locale = 'de' | 'en';

interface Recipient {
	email: string;
	locale: Locale;
}

/** The account holder, or — for walk-in families without an account — every guardian with an address. */
export async function familyRecipients(db: Executor, familyId: string): Promise<Recipient[]> {
	const owner = await db
		.selectFrom('families')
		.innerJoin('users', 'users.id', 'families.owner_user_id')
		.select(['users.email', 'users.locale'])
		.where('families.id', '=', familyId)
		.executeTakeFirst();
	if (owner) return [{ email: owner.email, locale: owner.locale === 'en' ? 'en' : 'de' }];
	const guardians = await db
		.selectFrom('guardians')
		.select('email')
		.where('family_id', '=', familyId)
		.where('email', '!=', '')
		.execute();
	return guardians.map((g) => ({ email: g.email, locale: 'de' as const }));
}

const TEXT = {
	de: {
		registrationSubject: (n: string) => `Bestätigung Ihrer Anmeldung ${n}`,
		registration: (child: string, n: string, at: string, kitas: string[], link: string) => [
			'Guten Tag,',
			`Ihre Anmeldung für ${child} ist im Kita-Portal des Kreises Soest eingegangen (Anmeldenummer ${n}, ${at}).`,
			`Die Anmeldung wurde an diese Wunscheinrichtungen gesandt:\n${kitas.map((k) => `– ${k}`).join('\n')}`,
			'Diese E-Mail und der Beleg im Portal bestätigen, dass Sie Ihren Betreuungsbedarf angemeldet haben (§ 3b KiBiz).',
			'Sobald eine Einrichtung Ihnen einen Platz anbieten kann, ändert sich der Status im Portal auf „Vertragsangebot“ und die Leitung nimmt Kontakt mit Ihnen auf.',
			`Beleg und Status: ${link}`,
			'Mit freundlichen Grüßen\nIhr Kita-Portal des Kreises Soest'
		],
		statusSubject: 'Der Status Ihrer Anmeldung hat sich geändert',
		status: (link: string) => [
			'Guten Tag,',
			'der Status der Anmeldung Ihres Kindes im Kita-Portal hat sich geändert.',
			`Um den Status einzusehen, melden Sie sich bitte mit Ihren Zugangsdaten im Kita-Portal an: ${link}`,
			'Mit freundlichen Grüßen\nIhr Kita-Portal des Kreises Soest'
		],
		childmindingSubject: (n: string) => `Online-Voranmeldebestätigung Kindertagespflege ${n}`,
		childminding: (child: string, n: string, at: string, office: string, link: string) => [
			'Guten Tag,',
			`Ihre Anmeldung für einen Platz in der Kindertagespflege für ${child} ist eingegangen (Nummer ${n}, ${at}). Sie wurde an die zuständige Fachberatung gesandt, die sich bei Bedarf mit Ihnen in Verbindung setzt.`,
			'Die Anmeldung im Kita-Portal ersetzt weder den Antrag auf Förderung in der Kindertagespflege noch den Abschluss eines Betreuungsvertrages mit der Kindertagespflegeperson.',
			`Anschrift:\n${office}`,
			`Status im Portal: ${link}`,
			'Mit freundlichen Grüßen\nIhr Kita-Portal des Kreises Soest'
		]
	},
	en: {
		registrationSubject: (n: string) => `Confirmation of your registration ${n}`,
		registration: (child: string, n: string, at: string, kitas: string[], link: string) => [
			'Hello,',
			`Your registration for ${child} has been received by the Kita-Portal of Kreis Soest (registration number ${n}, ${at}).`,
			`It was sent to these Kitas of your choice:\n${kitas.map((k) => `– ${k}`).join('\n')}`,
			'This email and the receipt in the portal confirm that you announced your need for childcare (§ 3b KiBiz).',
			'As soon as a Kita can offer you a place, the status in the portal changes to “Contract offer” (Vertragsangebot) and the Kita will contact you.',
			`Receipt and status: ${link}`,
			'Kind regards\nKita-Portal of Kreis Soest'
		],
		statusSubject: 'The status of your registration has changed',
		status: (link: string) => [
			'Hello,',
			"the status of your child's registration in the Kita-Portal has changed.",
			`Please log in to the Kita-Portal to see it: ${link}`,
			'Kind regards\nKita-Portal of Kreis Soest'
		],
		childmindingSubject: (n: string) => `Online pre-registration confirmation, child-minding ${n}`,
		childminding: (child: string, n: string, at: string, office: string, link: string) => [
			'Hello,',
			`Your registration for a child-minding place (Kindertagespflege) for ${child} has been received (number ${n}, ${at}). It was sent to the responsible advisers (Fachberatung), who will contact you if needed.`,
			'Registering in the Kita-Portal replaces neither the application for child-minding funding nor the contract with the child-minder.',
			`Address:\n${office}`,
			`Status in the portal: ${link}`,
			'Kind regards\nKita-Portal of Kreis Soest'
		]
	}
} as const;

function berlinTime(at: Date, locale: Locale): string {
	return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Europe/Berlin'
	}).format(at);
}

export async function notifyRegistration(
	db: Executor,
	input: {
		familyId: string;
		registrationId: string;
		number: string;
		childFirstName: string;
		kitas: string[];
	},
	now: Date,
	origin: string
): Promise<void> {
	const link = `${origin}/meine-anmeldungen/beleg/${input.registrationId}`;
	for (const r of await familyRecipients(db, input.familyId)) {
		const t = TEXT[r.locale];
		const body = t.registration(
			input.childFirstName,
			input.number,
			berlinTime(now, r.locale),
			input.kitas,
			link
		);
		await queueMail(
			db,
			{
				to: r.email,
				subject: t.registrationSubject(input.number),
				text: body.join('\n\n'),
				html: simpleHtml(body),
				kind: 'registration'
			},
			now
		);
	}
}

export async function notifyStatusChange(
	db: Executor,
	familyId: string,
	now: Date,
	origin: string
): Promise<void> {
	for (const r of await familyRecipients(db, familyId)) {
		const t = TEXT[r.locale];
		const body = t.status(`${origin}/meine-anmeldungen`);
		await queueMail(
			db,
			{
				to: r.email,
				subject: t.statusSubject,
				text: body.join('\n\n'),
				html: simpleHtml(body),
				kind: 'statusChange'
			},
			now
		);
	}
}

export async function notifyChildminding(
	db: Executor,
	input: { familyId: string; number: string; childFirstName: string; officeAddress: string },
	now: Date,
	origin: string
): Promise<void> {
	for (const r of await familyRecipients(db, input.familyId)) {
		const t = TEXT[r.locale];
		const body = t.childminding(
			input.childFirstName,
			input.number,
			berlinTime(now, r.locale),
			input.officeAddress,
			`${origin}/meine-anmeldungen`
		);
		await queueMail(
			db,
			{
				to: r.email,
				subject: t.childmindingSubject(input.number),
				text: body.join('\n\n'),
				html: simpleHtml(body),
				kind: 'childminding'
			},
			now
		);
	}
}
