// The start page explained in Leichte Sprache (German easy-read: short sentences, one thought per
// sentence, long words split with a middle dot). It is German by nature, so it stays German in
// every UI language; the page marks it lang="de".

export interface EasySection {
	id: string;
	title: string;
	/** Sentences, each shown on its own line. */
	lines?: string[];
	/** Numbered steps. */
	steps?: string[];
}

export const EASY_TITLE = 'Das Kita-Portal in Leichter Sprache';
/** The page's meta description for search engines. */
export const EASY_DESCRIPTION =
	'Das Kita-Portal vom Kreis Soest in Leichter Sprache: So finden Sie eine Kita für Ihr Kind. Und so melden Sie Ihr Kind an.';

export const EASY_SECTIONS: EasySection[] = [
	{
		id: 'was',
		title: 'Was ist das Kita-Portal?',
		lines: [
			'Das Kita-Portal ist eine Internet·seite.',
			'Die Seite ist vom Kreis Soest.',
			'Kita ist ein kurzes Wort für: Kinder·tages·stätte.',
			'In der Kita passen Fach·leute auf Kinder auf.',
			'Die Kinder spielen und lernen dort.',
			'Auf dieser Seite finden Sie eine Kita für Ihr Kind.',
			'Und Sie melden Ihr Kind hier für die Kita an.'
		]
	},
	{
		id: 'brauchen',
		title: 'Was brauchen Sie?',
		lines: [
			'Sie brauchen eine E-Mail-Adresse.',
			'Sie brauchen ein Pass·wort.',
			'Das Pass·wort denken Sie sich selbst aus.',
			'Ihr Kind muss schon geboren sein.'
		]
	},
	{
		id: 'anmelden',
		title: 'So melden Sie Ihr Kind an',
		steps: [
			'Suchen Sie eine Kita. Klicken Sie dafür auf: Kita finden.',
			'Viele Kitas möchten Sie vorher kennen·lernen. Rufen Sie die Kita an. Machen Sie einen Termin.',
			'Machen Sie ein Benutzer·konto. Klicken Sie dafür auf: Eltern-Login. Klicken Sie dann auf: Benutzerkonto erstellen.',
			'Sie bekommen eine E-Mail. In der E-Mail ist ein Link. Klicken Sie auf den Link. Machen Sie das in 1 Stunde.',
			'Schreiben Sie Ihr Kind auf. Klicken Sie dafür auf: Familie.',
			'Melden Sie Ihr Kind an. Klicken Sie dafür auf: Kind anmelden. Sie können viele Kitas aussuchen.',
			'Sie bekommen wieder eine E-Mail. Die E-Mail sagt: Ihre Anmeldung ist angekommen.'
		]
	},
	{
		id: 'weiter',
		title: 'Wie geht es weiter?',
		lines: [
			'Die Kita entscheidet: Bekommt Ihr Kind einen Platz?',
			'Wann Sie Ihr Kind angemeldet haben, ist dabei nicht wichtig.',
			'Hat die Kita einen Platz für Ihr Kind?',
			'Dann steht im Portal: Vertrags·angebot.',
			'Die Kita ruft Sie dann auch an. Oder die Kita schreibt Ihnen.',
			'Antworten Sie der Kita in 14 Tagen.',
			'Sonst bekommt ein anderes Kind den Platz.',
			'Ihr Kind hat immer nur 1 Vertrags·angebot.',
			'Eine Kita weiter oben auf Ihrer Liste hat auch einen Platz? Dann behält Ihr Kind dieses Angebot. Das andere Angebot ist weg. Im Portal steht dann: Angebot freigegeben.',
			'Sagen Sie Ja zu einem Angebot? Dann sind Ihre anderen Anmeldungen für dieses Jahr vorbei.'
		]
	},
	{
		id: 'ampel',
		title: 'Die Ampel',
		lines: [
			'Im Portal sehen Sie eine Ampel.',
			'Die Ampel zeigt: So weit ist Ihre Anmeldung.',
			'Neben der Ampel steht immer ein Text.',
			'Der Text erklärt die Ampel.'
		]
	},
	{
		id: 'kein-internet',
		title: 'Sie haben kein Internet?',
		lines: ['Dann gehen Sie zur Kita.', 'Die Kita hilft Ihnen bei der Anmeldung.']
	},
	{
		id: 'hilfe',
		title: 'Sie brauchen Hilfe?',
		lines: ['Fragen Sie die Kita.', 'Oder fragen Sie das Jugend·amt vom Kreis Soest.']
	}
];
