// Polish mail texts, for accounts whose locale is Polish. Plain words for parents; German terms the
// portal and the Kitas use stay in brackets.
import type { Role } from '../../../src/lib/domain/roles';
import type { MailLocale } from './types';

const roleNames: Record<Role, string> = {
	parent: 'rodzic',
	staff: 'pracownik placówki',
	childminding: 'doradztwo ds. opieki dziennej (Fachberatung)',
	admin: 'administracja'
};

export const pl: MailLocale = {
	greeting: (name) => `Dzień dobry ${name},`,
	closing: ['Z poważaniem', 'Kita-Portal powiatu Soest'],
	footer:
		'Ta wiadomość została wysłana automatycznie przez Kita-Portal powiatu Soest (środowisko demonstracyjne). Prosimy na nią nie odpowiadać.',
	templates: {
		confirm: (p) => ({
			subject: 'Potwierdź swój adres e-mail',
			blocks: [
				{ text: 'Dziękujemy za rejestrację w Kita-Portal powiatu Soest.' },
				{ text: 'Potwierdź swój adres e-mail, klikając ten link:' },
				{ link: p.confirmUrl, label: 'Potwierdź adres e-mail' },
				{
					text: `Ze względów bezpieczeństwa link jest ważny ${p.minutes} minut i działa tylko raz. Jeśli nie działa po kliknięciu, skopiuj go i wklej w pasek adresu przeglądarki.`
				},
				{ text: 'Link wygasł? Tym drugim linkiem otrzymasz nowy:' },
				{ link: p.resendUrl, label: 'Poproś o nowy link potwierdzający' },
				{ text: 'Jeśli nie rejestrowałeś(-aś) się, zignoruj tę wiadomość.' }
			]
		}),
		alreadyRegistered: (p) => ({
			subject: 'Rejestracja w Kita-Portal',
			blocks: [
				{
					text: 'Ktoś próbował założyć nowe konto w Kita-Portal z Twoim adresem e-mail. Dla tego adresu konto już istnieje.'
				},
				{ text: 'Jeśli to Ty, zaloguj się swoim hasłem:' },
				{ link: p.loginUrl, label: 'Logowanie dla rodziców (Eltern-Login)' },
				{ text: 'Nie pamiętasz hasła? Poproś tutaj o nowy link:' },
				{ link: p.forgotUrl, label: 'Nie pamiętam hasła' },
				{ text: 'Jeśli to nie Ty, zignoruj tę wiadomość. Twoje konto się nie zmieniło.' }
			]
		}),
		reset: (p) => ({
			subject: 'Nowe hasło do Kita-Portal',
			blocks: [
				{ text: 'Poproszono o nowe hasło do Twojego konta w Kita-Portal.' },
				{ text: 'Ustaw nowe hasło, klikając ten link:' },
				{ link: p.resetUrl, label: 'Ustaw nowe hasło' },
				{
					text: `Link jest ważny ${p.minutes} minut i działa tylko raz. Potem zostaniesz wylogowany(-a) na wszystkich urządzeniach i zalogujesz się nowym hasłem.`
				},
				{ text: 'Jeśli nie prosiłeś(-aś) o nowe hasło, zignoruj tę wiadomość.' }
			]
		}),
		invite: (p) => ({
			subject: 'Zaproszenie do Kita-Portal powiatu Soest',
			blocks: [
				{ text: `Zaproszono Cię do Kita-Portal powiatu Soest (rola: ${roleNames[p.role]}).` },
				{ text: 'Ustaw hasło, klikając ten link:' },
				{ link: p.inviteUrl, label: 'Ustaw hasło' },
				{
					text: `Link jest ważny ${p.hours} godzin. Przy pierwszym logowaniu skonfigurujesz logowanie dwuetapowe w aplikacji uwierzytelniającej.`
				}
			]
		}),
		changeEmail: (p) => ({
			subject: 'Potwierdź nowy adres e-mail',
			blocks: [
				{
					text: 'Chcesz używać tego adresu do konta w Kita-Portal. Zacznie on obowiązywać dopiero po potwierdzeniu tym linkiem:'
				},
				{ link: p.confirmUrl, label: 'Potwierdź nowy adres e-mail' },
				{ text: `Link jest ważny ${p.minutes} minut i działa tylko raz.` },
				{ text: 'Jeśli to nie Ty, zignoruj tę wiadomość.' }
			]
		}),
		emailChanged: (p) => ({
			subject: 'Twój adres e-mail został zmieniony',
			blocks: [
				{
					text: 'Adres e-mail Twojego konta w Kita-Portal został zmieniony. Wiadomości z portalu trafiają teraz na nowy adres.'
				},
				{
					text: 'Jeśli to nie Ty, skontaktuj się z urzędem ds. młodzieży powiatu Soest i zresetuj hasło:'
				},
				{ link: p.forgotUrl, label: 'Nie pamiętam hasła' }
			]
		}),
		passwordChanged: (p) => ({
			subject: 'Twoje hasło zostało zmienione',
			blocks: [
				{ text: 'Hasło do Twojego konta w Kita-Portal zostało właśnie zmienione.' },
				{ text: 'Jeśli to nie Ty, natychmiast zresetuj hasło:' },
				{ link: p.forgotUrl, label: 'Nie pamiętam hasła' }
			]
		}),
		registration: (p) => ({
			subject: `Potwierdzenie zgłoszenia ${p.number}`,
			blocks: [
				{
					text: `Twoje zgłoszenie dla ${p.child} wpłynęło do Kita-Portal powiatu Soest (numer zgłoszenia ${p.number}, ${p.submittedAt}).`
				},
				{
					text: `Zgłoszenie wysłano do tych wybranych placówek:\n${p.kitas.map((k) => `– ${k}`).join('\n')}`
				},
				{
					text: 'Ta wiadomość i potwierdzenie w portalu poświadczają, że zgłoszono potrzebę opieki (§ 3b KiBiz).'
				},
				{
					text: 'Gdy placówka będzie mogła zaproponować Ci miejsce, status w portalu zmieni się na „Oferta umowy" (Vertragsangebot). Kierownictwo placówki skontaktuje się z Tobą mailowo, telefonicznie lub listownie.'
				},
				{ link: p.receiptUrl, label: 'Zobacz potwierdzenie i status' }
			]
		}),
		statusChange: (p) => ({
			subject: 'Status Twojego zgłoszenia się zmienił',
			blocks: [
				{ text: 'Status zgłoszenia Twojego dziecka w Kita-Portal się zmienił.' },
				{ text: 'Aby zobaczyć status, zaloguj się do Kita-Portal swoimi danymi:' },
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
				{ link: p.loginUrl, label: 'Do logowania dla rodziców' }
			]
		}),
		carryOver: (p) => ({
			subject: `Twoje zgłoszenie przeniesiono na rok przedszkolny ${p.toYear}`,
			blocks: [
				{
					text: `Przydział miejsc na rok przedszkolny ${p.fromYear} zakończył się. Zgłoszenia Twojego dziecka, które nie otrzymały jeszcze miejsca, zostały automatycznie przeniesione na rok ${p.toYear}.`
				},
				{
					text: 'Nie musisz zgłaszać dziecka ponownie. Sprawdź w portalu preferowaną datę rozpoczęcia i czy pasują Ci inne placówki lub opiekunka dzienna (Kindertagespflege).'
				},
				{ link: p.loginUrl, label: 'Logowanie dla rodziców (Eltern-Login)' }
			]
		}),
		childminding: (p) => ({
			subject: `Potwierdzenie wstępnego zgłoszenia online do opiekunki dziennej ${p.number}`,
			blocks: [
				{
					text: `Twoje zgłoszenie na miejsce u opiekunki dziennej (Kindertagespflege) dla ${p.child} wpłynęło (numer ${p.number}, ${p.submittedAt}). Przekazano je do właściwego doradztwa (Fachberatung) urzędu ds. młodzieży, które w razie potrzeby się z Tobą skontaktuje.`
				},
				{
					text: 'Zgłoszenie w Kita-Portal nie zastępuje ani wniosku o dofinansowanie opieki dziennej, ani umowy z opiekunką.'
				},
				{ text: `Adres:\n${p.officeAddress}` },
				{ link: p.statusUrl, label: 'Zobacz status w portalu' }
			]
		})
	}
};
