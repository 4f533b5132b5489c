// The FAQ of the Kita-Portal of Kreis Soest (the source document), as the help page shows it. It is
// the district's German text and stays German in every UI language (the page marks it lang="de");
// the step-by-step guide (/anleitung) explains the same flow in all seven languages. `**…**` marks
// the words the source sets in bold.

export type FaqBlock = { p: string } | { list: string[] };

export interface FaqQuestion {
	id: string;
	question: string;
	answer: FaqBlock[];
}

export interface FaqSection {
	id: string;
	title: string;
	questions: FaqQuestion[];
}

export const FAQ: FaqSection[] = [
	{
		id: 'anmeldung',
		title: 'Häufig gestellte Fragen zur Anmeldung',
		questions: [
			{
				id: 'wann-anmelden',
				question: 'Wann kann ich mein Kind anmelden?',
				answer: [
					{
						p: 'Über das Kita-Portal können bereits geborene Kinder für das laufende Kindergartenjahr ganzjährig angemeldet werden. Anmeldungen für ein bevorstehendes Kindergartenjahr können jedoch frühestens im Herbst des Vorjahres vorgenommen werden.'
					},
					{
						p: 'Beispiel: Die Online-Anmeldung für das nächste Kindergartenjahr 2024/2025 (01.08.2024 bis 31.07.2025) kann ab dem 01.10.2023 erfolgen und sollte möglichst bis zum 15.11.2023 vorliegen. Ab dem 01.12.2023 können von den Kindertageseinrichtungen erste Vertragsangebote an die Eltern verschickt werden.'
					},
					{
						p: 'Die Kindertageseinrichtungen wünschen sich weiterhin ein persönliches Kennenlernen der Familien bevor eine Anmeldung erfolgt. Beachten Sie, dass manche Einrichtungen dieses als Voraussetzung für die Aufnahme in der Einrichtung festgelegt haben.'
					}
				]
			},
			{
				id: 'nur-portal',
				question: 'Kann ich nur noch über das Kita-Portal eine Anmeldung durchführen?',
				answer: [
					{
						p: 'Die Anmeldung für einen Betreuungsplatz kann nur über das Portal erfolgen. Anmeldungen per E-Mail sind nicht möglich und werden nicht berücksichtigt!'
					}
				]
			},
			{
				id: 'ohne-internet',
				question: 'Wie kann ich eine Anmeldung ohne Internetanschluss durchführen?',
				answer: [
					{
						p: 'Eltern, die nicht über einen Internetanschluss verfügen, können ihre Anmeldung in ihren jeweiligen Wunscheinrichtungen persönlich vornehmen.'
					}
				]
			},
			{
				id: 'kindertagespflege-platz',
				question: 'Wie erhalte ich einen Platz in der Kindertagespflege?',
				answer: [
					{
						p: 'Die Vergabe der Betreuungsplätze in der Kindertagespflege erfolgt **nicht** über das Kita-Portal. Die Kindertagespflegepersonen vergeben ihre Plätze nach persönlichem Kontakt eigenständig.'
					},
					{
						p: 'Wenn Sie Kontaktdaten von Kindertagespflegepersonen oder Unterstützung bei der Suche benötigen, dann tragen Sie dies bitte im Feld „Kommentar zum Betreuungswunsch/Name der Kindertagespflegeperson“ ein. Im Anschluss wird die zuständige Fachberatung mit Ihnen Kontakt aufnehmen.'
					}
				]
			},
			{
				id: 'kindertagespflege-vorgemerkt',
				question:
					'Ich habe mein Kind bereits auf einem anderen Weg für einen Kindertagespflegeplatz vormerken lassen. Muss ich die Anmeldung im Kita-Portal trotzdem vornehmen?',
				answer: [
					{
						p: 'Wenn Sie bereits einen Vertrag mit einer Kindertagespflegeperson geschlossen haben, müssen Sie trotzdem Ihr Kind im Kita-Portal des Kreises Soest registrieren. Bitte geben Sie bei der Registrierung im Kommentarfeld an, mit welcher Kindertagespflegeperson Sie bereits in Kontakt stehen.'
					}
				]
			},
			{
				id: 'benutzerkonto',
				question: 'Wo kann ich ein Benutzerkonto erstellen?',
				answer: [
					{
						p: 'Wenn Sie zum ersten Mal ein Kind anmelden, müssen Sie sich unter „Neues Benutzerkonto erstellen“ registrieren. Unter dem blauen Button „Eltern-Login“ kommen Sie auf die Anmeldeseite. Dort müssen Sie zur erstmaligen Registrierung zunächst auf „Benutzerkonto erstellen“ klicken.'
					},
					{
						p: 'Hier geben Sie im Folgenden mindestens die Pflichtfelder zu Ihrer Person und Ihre E-Mail-Adresse an, bestätigen die Datenschutzerklärung und geben den eingeblendeten Sicherheitscode (sogenanntes „captcha“) ein. Mit Klick auf „Registrieren“ versendet das Portal eine Bestätigungs-Meldung an Ihre Mail-Adresse und erwartet von Ihnen eine Bestätigung mit einem Link zurück ins Portal. Erst nach dem Login können Sie Anmeldungen vornehmen und sich über Ihre E-Mail-Adresse mit selbst vergebenem Passwort ganz einfach und immer wieder bei Bedarf im Portal anmelden.'
					},
					{
						p: 'Ausführliche Schritt-für-Schritt Anleitungen in mehreren Sprachen finden Sie auf der Homepage.'
					}
				]
			}
		]
	},
	{
		id: 'portal',
		title: 'Häufig gestellte Fragen zum Kita-Portal',
		questions: [
			{
				id: 'wechsel',
				question:
					'Ich habe bereits einen Betreuungsplatz. Wie kann ich einen Wechsel des Betreuungsplatzes beantragen?',
				answer: [
					{
						p: 'Loggen Sie sich wieder in Ihrem Benutzerkonto ein, suchen Sie sich unter „Kita-finden“ Ihre Wunscheinrichtung heraus, öffnen Sie Ihre Auswahl der Einrichtungen zum Bearbeiten und geben Sie das Datum zum Betreuungsbeginn ein, die benötigte Betreuungszeit und setzen Sie einen Haken bei „Wechselwunsch“.'
					}
				]
			},
			{
				id: 'kontakt-tagespflegeperson',
				question:
					'Was passiert, wenn ich vor Anmeldung für die Kindertagespflege im Kita-Portal bereits Kontakt mit einer Kindertagespflegeperson habe?',
				answer: [
					{
						p: 'Bei der Anmeldung für die Kindertagespflege tragen Sie im Kommentarfeld direkt den Namen der Kindertagespflegeperson ein, mit der Sie in Kontakt stehen. Die **Kindertagespflegepersonen** sind im Kita-Portal **nicht namentlich** aufgeführt. Eine Zuordnung erfolgt im Zuge der weiteren Bearbeitung, sobald der schriftliche Betreuungsvertrag sowie der Antrag auf Förderung von Kindertagespflege vorliegen.'
					},
					{
						p: 'In der Bestätigungsmail, die Sie aus dem Kita-Portal erhalten, ist standardmäßig die Anschrift des Kreisjugendamtes Soest hinterlegt.'
					}
				]
			},
			{
				id: 'erste-zusage',
				question: 'Was mache ich, wenn ich die erste Zusage von einer Einrichtung erhalte?',
				answer: [
					{
						p: 'Wenn Sie noch auf die Zusage einer anderen Einrichtung hoffen, sollten Sie dort nachfragen, ob Sie ebenfalls mit einer baldigen Zusage rechnen können.'
					},
					{
						p: 'Die zusagende Einrichtung erwartet von Ihnen eine Rückmeldung innerhalb von 14 Tagen. Wenn es sich um Ihre „Wunscheinrichtung“ handelt, melden Sie sich am besten so schnell wie möglich zurück, sagen Ihrerseits zu und vereinbaren einen Termin zur Unterzeichnung des Betreuungsvertrags.'
					}
				]
			},
			// Issue 17: one held offer per child and Kita year (not in the district's source document).
			{
				id: 'angebot-freigegeben',
				question: 'Was bedeutet „Angebot freigegeben“?',
				answer: [
					{
						p: 'Ein Kind hat in einem Kindergartenjahr immer nur ein offenes Vertragsangebot. Bietet Ihnen eine Einrichtung einen Platz an, die Sie in Ihrer Reihenfolge weiter oben eingetragen haben, behält Ihr Kind dieses Angebot. Das Angebot der anderen Einrichtung wird sofort **zugunsten eines höher gewünschten Angebots freigegeben**, damit der Platz ohne Wartezeit an ein anderes Kind gehen kann. Sie erhalten darüber eine E-Mail, in der steht, welches Angebot Ihr Kind jetzt hat.'
					},
					{
						p: 'Achten Sie deshalb bei der Anmeldung auf die Reihenfolge Ihrer Wunscheinrichtungen. Die Reihenfolge der wartenden Anmeldungen können Sie unter „Meine Anmeldungen“ ändern.'
					},
					{
						p: 'Nimmt die höher gewünschte Einrichtung ihr Angebot zurück, wartet Ihre Anmeldung bei der anderen Einrichtung wieder (Status „Angemeldet“), und sie kann Ihnen erneut einen Platz anbieten.'
					}
				]
			},
			// Issue 17: published admission criteria (not in the district's source document).
			{
				id: 'aufnahmekriterien',
				question: 'Nach welchen Kriterien vergibt eine Einrichtung ihre Plätze?',
				answer: [
					{
						p: 'Jede Einrichtung zeigt auf ihrer Seite im Kita-Finder ihre **Aufnahmekriterien** in der Reihenfolge, in der sie sie anwendet – zum Beispiel ein Geschwisterkind in der Einrichtung, den Rechtsanspruch nach dem Alter oder den Wohnsitz in der Gemeinde. Gibt es mehr Anmeldungen als Plätze, entscheidet sie danach; zuletzt zählt das Datum der Anmeldung.'
					},
					{
						p: 'Ihren Platz in der Reihenfolge einer Einrichtung zeigt das Kita-Portal nicht an: Er ändert sich mit jeder neuen Anmeldung und jedem Angebot.'
					}
				]
			},
			{
				id: 'angebot-annehmen',
				question: 'Was passiert mit meinen anderen Anmeldungen, wenn ich ein Angebot annehme?',
				answer: [
					{
						p: 'Mit der Annahme eines Vertragsangebotes **enden Ihre übrigen Anmeldungen für dieses Kindergartenjahr sofort**; sie stehen dann auf „Zurückgezogen“. Die anderen Einrichtungen sehen das, erfahren aber nicht, wo Ihr Kind einen Platz angenommen hat.'
					},
					{
						p: 'Wenn Sie noch auf die Zusage einer anderen Einrichtung hoffen, fragen Sie dort nach, bevor Sie annehmen.'
					}
				]
			},
			{
				id: 'keine-zusage',
				question: 'Was mache ich, wenn ich von keiner Einrichtung eine Zusage erhalte?',
				answer: [
					{
						p: 'Haben Sie zu Ihrem gewünschten Aufnahmedatum kein Betreuungsangebot erhalten, prüfen Sie bitte, ob noch weitere Einrichtungen oder auch die Kindertagespflege für Sie in Frage kommen. Falls dies der Fall ist, fügen Sie diese Einrichtungen im Kita-Portal hinzu und melden Ihr Kind auch dort für einen Betreuungsplatz an. Im Falle eines freiwerdenden Platzes erhalten Sie umgehend Mitteilung durch die Leitungskraft in einer der ausgewählten Kindertageseinrichtungen.'
					},
					{
						p: 'Für einen Betreuungsplatz in der Kindertagespflege wenden Sie sich bitte direkt an eine Kindertagespflegeperson.'
					}
				]
			},
			{
				id: 'link-funktioniert-nicht',
				question:
					'Ich habe nach meiner Registrierung einen Zugangslink erhalten, der aber nicht funktioniert. Was soll ich tun?',
				answer: [
					{
						p: 'Sollte der Link durch Anklicken nicht funktionieren, kopieren Sie den Link und fügen Sie diesen in den Browser ein.'
					}
				]
			},
			{
				id: 'keine-email',
				question: 'Was ist, wenn ich keine E-Mail mit dem Link erhalten habe?',
				answer: [{ p: 'Bitte kontrollieren Sie in diesem Fall Ihren „Spam-Ordner“.' }]
			},
			{
				id: 'link-abgelaufen',
				question: 'Mein Link hat seine Gültigkeit verloren, was kann ich tun?',
				answer: [
					{
						p: 'Aus Sicherheitsgründen verliert der Link nach einer Stunde seine Gültigkeit. Sie erhalten ganz einfach einen neuen Link:'
					},
					{
						list: [
							'Wahlweise klicken Sie auf den zweiten Link weiter unten in der Antwortmail, oder',
							'Sie geben im Portal Ihre E-Mail an und klicken auf das „Passwort-Vergessen“ Feld. Im Anschluss erhalten Sie eine neue Bestätigungsmail mit einem neuen Link zur Registrierung.'
						]
					}
				]
			},
			{
				id: 'anmeldung-erfolgreich',
				question: 'Wie sehe ich, ob meine Anmeldung erfolgreich war?',
				answer: [
					{
						p: 'Nach erfolgreicher Anmeldung erhalten Sie per E-Mail eine Bestätigung. Die erfolgreiche Anmeldung wird im Kita-Portal zusätzlich von einer grünen Ampel dargestellt und im Text beschrieben („Sie haben sich erfolgreich angemeldet“).'
					},
					{
						p: 'Im Falle einer Absage durch eine Kindertageseinrichtung, erhalten Sie ebenfalls eine E-Mail mit dem allgemeinen Hinweis, dass sich der Vertragsstatus Ihres Kindes im Kita-Portal geändert hat. Um den jeweiligen Status einsehen zu können, müssen Sie sich erneut mit Ihren Zugangsdaten im Kita-Portal einloggen.'
					},
					{
						p: 'Hinweis: Der konkrete Inhalt eines Platzangebotes kann im Elternbereich nicht eingesehen werden. Im Falle eines Angebotes setzt sich die jeweilige Leitungskraft der Kindertageseinrichtung gesondert per E-Mail, telefonisch oder per Post mit Ihnen in Verbindung.'
					}
				]
			},
			{
				id: 'nach-anmeldung-kita',
				question: 'Was passiert nach meiner Anmeldung für einen Kita-Platz?',
				answer: [
					{
						p: 'Ihre Anmeldung wird über das Kita-Portal des Kreises Soest an Ihre vorher ausgewählten Wunscheinrichtungen gesandt.'
					},
					{
						p: 'Sollte eine Einrichtung Ihnen einen Platz anbieten können, wechselt der Status der entsprechenden Kindertageseinrichtung im Kita-Portal auf „Vertragsangebot“. Der konkrete Inhalt eines Platzangebotes kann im Elternbereich nicht eingesehen werden. Im Falle eines Angebotes setzt sich die jeweilige Leitungskraft der Kindertageseinrichtung gesondert per E-Mail, telefonisch oder per Post mit Ihnen in Verbindung. Sie haben dann innerhalb von 14 Tagen die Möglichkeit, persönlich oder telefonisch Kontakt zu der Einrichtung aufzunehmen, um das Angebot anzunehmen oder abzulehnen und gegebenenfalls den Vertrag zu unterzeichnen.'
					},
					{
						p: 'Sobald ein Vertrag mit einer Einrichtung zustande gekommen ist, können die anderen Einrichtungen, in denen Sie Ihr Kind vorgemerkt haben, dies im Portal sehen. Es ist nicht notwendig, dass Sie Ihre Anmeldung für die anderen Einrichtungen zurückziehen.'
					}
				]
			},
			{
				id: 'nach-anmeldung-tagespflege',
				question: 'Was passiert nach meiner Anmeldung für einen Platz in der Kindertagespflege?',
				answer: [
					{
						p: 'Ihre Anmeldung wird über das Kita-Portal des Kreises Soest an die zuständige Fachberatung des Kreisjugendamtes Soest gesandt. Nach Abschluss Ihrer Anmeldung im Kita-Portal erhalten Sie eine Online Voranmeldebestätigung.'
					},
					{
						p: 'Wenn Sie bei der Suche nach einem Betreuungsplatz in der Kindertagespflege Unterstützung benötigen, so geben Sie dies bitte im Feld „Kommentar zum Betreuungswunsch / Name der Kindertagespflegeperson“ ein. Die zuständige Fachberatung wird dann mit Ihnen Kontakt aufnehmen und Ihre Fragen beantworten.'
					},
					{
						p: 'Die Anmeldung im Kita-Portal ersetzt weder den Antrag auf Förderung in der Kindertagespflege, noch den Abschluss eines Betreuungsvertrages mit der Kindertagespflegeperson.'
					}
				]
			},
			{
				id: 'platzvergabe',
				question: 'Wie und wann erfolgt die Platzvergabe in einer Einrichtung?',
				answer: [
					{ p: 'Die Platzvergabe erfolgt durch die Leitungskräfte in den Kindertageseinrichtungen.' },
					{
						p: 'Für das Kindergartenjahr 2024/2025 (01.08.2024 bis 31.07.2025) erhalten Sie frühestens ab dem 01.12.2023 ein Angebot für einen Betreuungsplatz. Haben Sie ein Vertragsangebot erhalten, müssen Sie sich innerhalb von 14 Tagen zurückmelden, andernfalls wird der Platz weiter vergeben.'
					},
					{
						p: 'Sofern Sie einen Platz im laufenden Kindergartenjahr benötigen und in Ihrer Wunscheinrichtung ein freier Platz verfügbar ist, kann dieser sofort vergeben werden.'
					}
				]
			}
		]
	}
];
