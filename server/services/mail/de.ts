// German mail texts (the portal's language; complete). Plain words, as the FAQ speaks to parents.
import type { Role } from '../../../src/lib/domain/roles';
import { plural } from './plural';
import type { MailLocale } from './types';

const roleNames: Record<Role, string> = {
	parent: 'Eltern',
	staff: 'Kita-Mitarbeitende',
	childminding: 'Fachberatung Kindertagespflege',
	admin: 'Administration'
};

const minutes = (n: number) => plural('de', n, { one: '# Minute', other: '# Minuten' });
const hours = (n: number) => plural('de', n, { one: '# Stunde', other: '# Stunden' });

export const de: MailLocale = {
	greeting: (name) => `Guten Tag ${name},`,
	closing: ['Mit freundlichen Grüßen', 'Ihr Kita-Portal des Kreises Soest'],
	footer:
		'Diese E-Mail wurde automatisch vom Kita-Portal des Kreises Soest (Demonstrationsumgebung) erstellt. Bitte antworten Sie nicht auf diese E-Mail.',
	templates: {
		confirm: (p) => ({
			subject: 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
			blocks: [
				{ text: 'vielen Dank für Ihre Registrierung im Kita-Portal des Kreises Soest.' },
				{ text: 'Bitte bestätigen Sie Ihre E-Mail-Adresse mit diesem Link:' },
				{ link: p.confirmUrl, label: 'E-Mail-Adresse bestätigen' },
				{
					text: `Aus Sicherheitsgründen ist der Link ${minutes(p.minutes)} gültig und kann nur einmal verwendet werden. Sollte der Link durch Anklicken nicht funktionieren, kopieren Sie ihn und fügen Sie ihn in die Adresszeile Ihres Browsers ein.`
				},
				{ text: 'Ist der Link abgelaufen? Mit diesem zweiten Link erhalten Sie einen neuen:' },
				{ link: p.resendUrl, label: 'Neuen Bestätigungslink anfordern' },
				{ text: 'Wenn Sie sich nicht registriert haben, können Sie diese E-Mail ignorieren.' }
			]
		}),
		alreadyRegistered: (p) => ({
			subject: 'Registrierung im Kita-Portal',
			blocks: [
				{
					text: 'jemand hat versucht, mit Ihrer E-Mail-Adresse ein neues Benutzerkonto im Kita-Portal zu erstellen. Für diese Adresse besteht bereits ein Benutzerkonto.'
				},
				{ text: 'Wenn Sie das waren, melden Sie sich bitte mit Ihrem Passwort an:' },
				{ link: p.loginUrl, label: 'Zum Eltern-Login' },
				{ text: 'Haben Sie Ihr Passwort vergessen? Dann fordern Sie hier einen neuen Link an:' },
				{ link: p.forgotUrl, label: 'Passwort vergessen' },
				{
					text: 'Wenn Sie das nicht waren, können Sie diese E-Mail ignorieren. Ihr Konto bleibt unverändert.'
				}
			]
		}),
		reset: (p) => ({
			subject: 'Neues Passwort für das Kita-Portal',
			blocks: [
				{ text: 'Sie haben ein neues Passwort für Ihr Benutzerkonto im Kita-Portal angefordert.' },
				{ text: 'Mit diesem Link vergeben Sie ein neues Passwort:' },
				{ link: p.resetUrl, label: 'Neues Passwort vergeben' },
				{
					text: `Der Link ist ${minutes(p.minutes)} gültig und kann nur einmal verwendet werden. Danach sind Sie auf allen Geräten abgemeldet und melden sich mit dem neuen Passwort an.`
				},
				{ text: 'Wenn Sie kein neues Passwort angefordert haben, können Sie diese E-Mail ignorieren.' }
			]
		}),
		invite: (p) => ({
			subject: 'Einladung zum Kita-Portal des Kreises Soest',
			blocks: [
				{
					text: `Sie wurden zum Kita-Portal des Kreises Soest eingeladen (Rolle: ${roleNames[p.role]}).`
				},
				{ text: 'Mit diesem Link vergeben Sie Ihr Passwort:' },
				{ link: p.inviteUrl, label: 'Passwort vergeben' },
				{
					text: `Der Link ist ${hours(p.hours)} gültig. Bei der ersten Anmeldung richten Sie die Zwei-Faktor-Anmeldung mit einer Authenticator-App ein.`
				}
			]
		}),
		changeEmail: (p) => ({
			subject: 'Bitte bestätigen Sie Ihre neue E-Mail-Adresse',
			blocks: [
				{
					text: 'Sie möchten diese E-Mail-Adresse für Ihr Benutzerkonto im Kita-Portal verwenden. Sie gilt erst, wenn Sie sie mit diesem Link bestätigen:'
				},
				{ link: p.confirmUrl, label: 'Neue E-Mail-Adresse bestätigen' },
				{ text: `Der Link ist ${minutes(p.minutes)} gültig und kann nur einmal verwendet werden.` },
				{ text: 'Wenn Sie das nicht veranlasst haben, können Sie diese E-Mail ignorieren.' }
			]
		}),
		emailChanged: (p) => ({
			subject: 'Ihre E-Mail-Adresse wurde geändert',
			blocks: [
				{
					text: 'die E-Mail-Adresse Ihres Benutzerkontos im Kita-Portal wurde geändert. Nachrichten des Portals gehen ab jetzt an die neue Adresse.'
				},
				{
					text: 'Wenn Sie das nicht veranlasst haben, wenden Sie sich bitte an das Jugendamt des Kreises Soest und setzen Sie Ihr Passwort zurück:'
				},
				{ link: p.forgotUrl, label: 'Passwort vergessen' }
			]
		}),
		passwordChanged: (p) => ({
			subject: 'Ihr Passwort wurde geändert',
			blocks: [
				{ text: 'das Passwort Ihres Benutzerkontos im Kita-Portal wurde soeben geändert.' },
				{ text: 'Wenn Sie das nicht waren, setzen Sie Ihr Passwort bitte sofort zurück:' },
				{ link: p.forgotUrl, label: 'Passwort vergessen' }
			]
		}),
		registration: (p) => ({
			subject: `Bestätigung Ihrer Anmeldung ${p.number}`,
			blocks: [
				{
					text: `Ihre Anmeldung für ${p.child} ist im Kita-Portal des Kreises Soest eingegangen (Anmeldenummer ${p.number}, ${p.submittedAt}).`
				},
				{
					text: `Die Anmeldung wurde an diese Wunscheinrichtungen gesandt:\n${p.kitas.map((k) => `– ${k}`).join('\n')}`
				},
				{
					text: 'Diese E-Mail und der Beleg im Portal bestätigen, dass Sie Ihren Betreuungsbedarf angemeldet haben (§ 3b KiBiz).'
				},
				{
					text: 'Sobald eine Einrichtung Ihnen einen Platz anbieten kann, ändert sich der Status im Portal auf „Vertragsangebot“. Die Leitung der Einrichtung setzt sich dann per E-Mail, telefonisch oder per Post mit Ihnen in Verbindung.'
				},
				{ link: p.receiptUrl, label: 'Beleg und Status ansehen' }
			]
		}),
		statusChange: (p) => ({
			subject: 'Der Status Ihrer Anmeldung hat sich geändert',
			blocks: [
				{ text: 'der Vertragsstatus der Anmeldung Ihres Kindes im Kita-Portal hat sich geändert.' },
				{ text: 'Um den Status einzusehen, melden Sie sich bitte mit Ihren Zugangsdaten im Kita-Portal an:' },
				{ link: p.loginUrl, label: 'Zum Eltern-Login' }
			]
		}),
		linkQuestion: (p) => ({
			subject: 'Eine Kita fragt, ob eine Anmeldung Ihr Kind betrifft',
			blocks: [
				{
					text: 'eine Kita im Kreis hat ein Kind vor Ort angemeldet, dessen Name und Geburtsdatum mit einem Kind in Ihrem Konto übereinstimmen. Die Kita fragt, ob es sich um Ihr Kind handelt.'
				},
				{
					text: 'Bitte melden Sie sich im Kita-Portal an und beantworten Sie die Frage. Solange Sie nicht zustimmen, wird nichts zusammengeführt.'
				},
				{ link: p.loginUrl, label: 'Zum Eltern-Login' }
			]
		}),
		carryOver: (p) => ({
			subject: `Ihre Anmeldung wurde in das Kindergartenjahr ${p.toYear} übernommen`,
			blocks: [
				{
					text: `die Vergabe der Plätze für das Kindergartenjahr ${p.fromYear} ist abgeschlossen. Anmeldungen Ihres Kindes, die bisher keinen Platz erhalten haben, wurden automatisch in das Kindergartenjahr ${p.toYear} übernommen.`
				},
				{
					text: 'Sie müssen Ihr Kind nicht erneut anmelden. Bitte prüfen Sie im Portal den gewünschten Betreuungsbeginn und ob weitere Einrichtungen oder die Kindertagespflege für Sie in Frage kommen.'
				},
				{ link: p.loginUrl, label: 'Zum Eltern-Login' }
			]
		}),
		childminding: (p) => ({
			subject: `Online-Voranmeldebestätigung Kindertagespflege ${p.number}`,
			blocks: [
				{
					text: `Ihre Anmeldung für einen Platz in der Kindertagespflege für ${p.child} ist eingegangen (Nummer ${p.number}, ${p.submittedAt}). Sie wurde an die zuständige Fachberatung des Kreisjugendamtes gesandt, die sich bei Bedarf mit Ihnen in Verbindung setzt.`
				},
				{
					text: 'Die Anmeldung im Kita-Portal ersetzt weder den Antrag auf Förderung in der Kindertagespflege noch den Abschluss eines Betreuungsvertrages mit der Kindertagespflegeperson.'
				},
				{ text: `Anschrift:\n${p.officeAddress}` },
				{ link: p.statusUrl, label: 'Status im Portal ansehen' }
			]
		})
	}
};
