// Polish mail texts, for accounts whose locale is Polish. The register of a public authority: the
// family is addressed as "Państwo" (or impersonally), never with "Ty". German terms the portal and
// the Kitas use stay in brackets, so that families recognise them on letters and signs.
import type { Role } from '../../../src/lib/domain/roles';
import { plural } from './plural';
import type { MailLocale } from './types';

const roleNames: Record<Role, string> = {
	parent: 'rodzic',
	staff: 'pracownik placówki',
	childminding: 'doradztwo ds. opieki dziennej (Fachberatung)',
	admin: 'administracja'
};

// "ważny 1 minutę / 2 minuty / 5 minut": the accusative of a duration.
const minutes = (n: number) =>
	plural('pl', n, { one: '# minutę', few: '# minuty', many: '# minut', other: '# minuty' });
const hours = (n: number) =>
	plural('pl', n, { one: '# godzinę', few: '# godziny', many: '# godzin', other: '# godziny' });

export const pl: MailLocale = {
	greeting: (name) => `Dzień dobry ${name},`,
	closing: ['Z poważaniem', 'Kita-Portal powiatu Soest'],
	footer:
		'Ta wiadomość została wysłana automatycznie przez Kita-Portal powiatu Soest (środowisko demonstracyjne). Prosimy na nią nie odpowiadać.',
	templates: {
		confirm: (p) => ({
			subject: 'Prosimy potwierdzić adres e-mail',
			blocks: [
				{ text: 'dziękujemy za rejestrację w Kita-Portal powiatu Soest.' },
				{ text: 'Prosimy potwierdzić adres e-mail, klikając ten link:' },
				{ link: p.confirmUrl, label: 'Potwierdzenie adresu e-mail' },
				{
					text: `Ze względów bezpieczeństwa link jest ważny ${minutes(p.minutes)} i działa tylko raz. Jeśli nie działa po kliknięciu, prosimy go skopiować i wkleić w pasek adresu przeglądarki.`
				},
				{ text: 'Link wygasł? Tym drugim linkiem można otrzymać nowy:' },
				{ link: p.resendUrl, label: 'Nowy link potwierdzający' },
				{ text: 'Jeśli nie rejestrowali się Państwo w portalu, prosimy zignorować tę wiadomość.' }
			]
		}),
		alreadyRegistered: (p) => ({
			subject: 'Rejestracja w Kita-Portal',
			blocks: [
				{
					text: 'ktoś próbował założyć nowe konto w Kita-Portal z Państwa adresem e-mail. Dla tego adresu konto już istnieje.'
				},
				{ text: 'Jeśli to byli Państwo, prosimy zalogować się swoim hasłem:' },
				{ link: p.loginUrl, label: 'Logowanie dla rodziców (Eltern-Login)' },
				{ text: 'Nie pamiętają Państwo hasła? Tutaj można poprosić o nowy link:' },
				{ link: p.forgotUrl, label: 'Nie pamiętam hasła' },
				{ text: 'Jeśli to nie byli Państwo, prosimy zignorować tę wiadomość. Konto pozostaje bez zmian.' }
			]
		}),
		reset: (p) => ({
			subject: 'Nowe hasło do Kita-Portal',
			blocks: [
				{ text: 'otrzymaliśmy prośbę o nowe hasło do Państwa konta w Kita-Portal.' },
				{ text: 'Nowe hasło można ustawić, klikając ten link:' },
				{ link: p.resetUrl, label: 'Ustawienie nowego hasła' },
				{
					text: `Link jest ważny ${minutes(p.minutes)} i działa tylko raz. Następnie nastąpi wylogowanie na wszystkich urządzeniach; prosimy zalogować się nowym hasłem.`
				},
				{ text: 'Jeśli nie prosili Państwo o nowe hasło, prosimy zignorować tę wiadomość.' }
			]
		}),
		invite: (p) => ({
			subject: 'Zaproszenie do Kita-Portal powiatu Soest',
			blocks: [
				{ text: `zapraszamy Państwa do Kita-Portal powiatu Soest (rola: ${roleNames[p.role]}).` },
				{ text: 'Hasło można ustawić, klikając ten link:' },
				{ link: p.inviteUrl, label: 'Ustawienie hasła' },
				{
					text: `Link jest ważny ${hours(p.hours)}. Przy pierwszym logowaniu należy skonfigurować logowanie dwuetapowe w aplikacji uwierzytelniającej.`
				}
			]
		}),
		changeEmail: (p) => ({
			subject: 'Prosimy potwierdzić nowy adres e-mail',
			blocks: [
				{
					text: 'ten adres ma być używany do konta w Kita-Portal. Zacznie on obowiązywać dopiero po potwierdzeniu tym linkiem:'
				},
				{ link: p.confirmUrl, label: 'Potwierdzenie nowego adresu e-mail' },
				{ text: `Link jest ważny ${minutes(p.minutes)} i działa tylko raz.` },
				{ text: 'Jeśli to nie byli Państwo, prosimy zignorować tę wiadomość.' }
			]
		}),
		emailChanged: (p) => ({
			subject: 'Adres e-mail konta został zmieniony',
			blocks: [
				{
					text: 'adres e-mail Państwa konta w Kita-Portal został zmieniony. Wiadomości z portalu trafiają teraz na nowy adres.'
				},
				{
					text: 'Jeśli to nie byli Państwo, prosimy skontaktować się z urzędem ds. młodzieży (Jugendamt) powiatu Soest i zresetować hasło:'
				},
				{ link: p.forgotUrl, label: 'Nie pamiętam hasła' }
			]
		}),
		passwordChanged: (p) => ({
			subject: 'Hasło zostało zmienione',
			blocks: [
				{ text: 'hasło do Państwa konta w Kita-Portal zostało właśnie zmienione.' },
				{ text: 'Jeśli to nie byli Państwo, prosimy natychmiast zresetować hasło:' },
				{ link: p.forgotUrl, label: 'Nie pamiętam hasła' }
			]
		}),
		registration: (p) => ({
			subject: `Potwierdzenie zgłoszenia ${p.number}`,
			blocks: [
				{
					text: `Państwa zgłoszenie dla ${p.child} wpłynęło do Kita-Portal powiatu Soest (numer zgłoszenia ${p.number}, ${p.submittedAt}).`
				},
				{
					text: `Zgłoszenie wysłano do tych wybranych placówek:\n${p.kitas.map((k) => `– ${k}`).join('\n')}`
				},
				{
					text: 'Ta wiadomość i potwierdzenie w portalu poświadczają, że zgłoszono potrzebę opieki (§ 3b KiBiz).'
				},
				{
					text: 'Gdy placówka będzie mogła zaproponować Państwu miejsce, status w portalu zmieni się na „Oferta umowy” (Vertragsangebot). Kierownictwo placówki skontaktuje się wtedy z Państwem mailowo, telefonicznie lub listownie.'
				},
				{ link: p.receiptUrl, label: 'Potwierdzenie i status' }
			]
		}),
		statusChange: (p) => ({
			subject: 'Status zgłoszenia się zmienił',
			blocks: [
				{ text: 'status zgłoszenia Państwa dziecka w Kita-Portal się zmienił.' },
				{ text: 'Aby zobaczyć status, prosimy zalogować się do Kita-Portal swoimi danymi:' },
				{ link: p.loginUrl, label: 'Logowanie dla rodziców (Eltern-Login)' }
			]
		}),
		linkQuestion: (p) => ({
			subject: 'Przedszkole pyta, czy zgłoszenie dotyczy Państwa dziecka',
			blocks: [
				{
					text: 'przedszkole w powiecie zarejestrowało na miejscu dziecko, którego imię i data urodzenia zgadzają się z dzieckiem na Państwa koncie. Przedszkole pyta, czy to Państwa dziecko.'
				},
				{
					text: 'Prosimy zalogować się w Kita-Portal i odpowiedzieć na pytanie. Bez Państwa zgody nic nie zostanie połączone.'
				},
				{ link: p.loginUrl, label: 'Logowanie dla rodziców (Eltern-Login)' }
			]
		}),
		carryOver: (p) => ({
			subject: `Zgłoszenie przeniesiono na rok przedszkolny ${p.toYear}`,
			blocks: [
				{
					text: `przydział miejsc na rok przedszkolny ${p.fromYear} zakończył się. Zgłoszenia Państwa dziecka, które nie otrzymały jeszcze miejsca, zostały automatycznie przeniesione na rok ${p.toYear}.`
				},
				{
					text: 'Nie trzeba zgłaszać dziecka ponownie. Prosimy sprawdzić w portalu preferowaną datę rozpoczęcia i rozważyć, czy odpowiadają Państwu inne placówki lub opiekunka dzienna (Kindertagespflege).'
				},
				{ link: p.loginUrl, label: 'Logowanie dla rodziców (Eltern-Login)' }
			]
		}),
		childminding: (p) => ({
			subject: `Potwierdzenie wstępnego zgłoszenia online do opiekunki dziennej ${p.number}`,
			blocks: [
				{
					text: `Państwa zgłoszenie na miejsce u opiekunki dziennej (Kindertagespflege) dla ${p.child} wpłynęło (numer ${p.number}, ${p.submittedAt}). Przekazano je do właściwego doradztwa (Fachberatung) urzędu ds. młodzieży (Jugendamt), które w razie potrzeby skontaktuje się z Państwem.`
				},
				{
					text: 'Zgłoszenie w Kita-Portal nie zastępuje ani wniosku o dofinansowanie opieki dziennej, ani umowy z opiekunką.'
				},
				{ text: `Adres:\n${p.officeAddress}` },
				{ link: p.statusUrl, label: 'Status w portalu' }
			]
		})
	}
};
