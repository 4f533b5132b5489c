// Polish in the register of a public authority (issue 13, point 16): the portal addresses families
// as "Państwo" or impersonally, never with "Ty". Shared by the catalogue's and the mails' tests.
// The word lists are what the review found in the catalogue and the mails.

/** "Ty" and its forms, and the possessive "Twój" (the reflexive "swój" is fine). */
const PRONOUN =
	/^(ty|cię|ciebie|ci|tobie|tobą|twój|twoja|twoje|twojego|twojej|twojemu|twoich|twoim|twoją|twoimi|was|wam|wami|wasz|wasza|wasze|waszego|waszej|waszych)$/;
/** Second person singular verbs: "masz", "możesz", "zobaczysz", "zauważyłeś", "będziesz"… */
const VERB_2SG = /^(jesteś|\p{L}+(esz|isz|ysz|asz)|\p{L}+(łeś|łaś))$/u;
/** Words ending like a 2nd person verb that are not one (nouns, "nasz"), and imperatives checked below. */
const NOT_VERB = new Set(['nasz', 'klawisz', 'afisz', 'kosz', 'mysz', 'grosz']);
/** Imperatives ("Wybierz…", "kliknij…") that address one person: fine on a button, not in a sentence. */
const IMPERATIVE =
	/^(wybierz|kliknij|wpisz|sprawdź|podaj|wprowadź|zapisz|otwórz|poproś|potwierdź|ustaw|zmień|dodaj|usuń|wyślij|zamknij|spróbuj|skontaktuj|zgłoś|pobierz|odpowiedz|zaakceptuj|odrzuć|wróć|przejdź|skorzystaj|zresetuj|wydrukuj|poczekaj|połącz|zaloguj|przyjmij|przejmij|zeskanuj|zobacz|wygeneruj|wypełnij|przechowuj|napisz|opisz|przypisz|zaproś|zignoruj|skopiuj|wklej|odezwij|wyjaśnij|daj|zostaw|zaznacz|pamiętaj|szukaj|drukuj)$/;

/** The informal words of a Polish text; `sentence` also refuses imperatives (a button may use them). */
export function informalWords(text: string, sentence = isSentence(text)): string[] {
	// quoted names of buttons and pages („Przyjmij ofertę”) and placeholders are not addressed to anyone
	const words = text
		.replace(/„[^”]*”/g, ' ')
		.replace(/\{\w+\}/g, ' ')
		.toLowerCase()
		.split(/[^\p{L}()-]+/u)
		.filter(Boolean);
	const found = words.filter(
		(w) =>
			PRONOUN.test(w) ||
			(VERB_2SG.test(w) && !NOT_VERB.has(w) && !IMPERATIVE.test(w)) ||
			/\(-a\)|\(-aś\)/.test(w) ||
			(sentence && IMPERATIVE.test(w))
	);
	// "umów się" (make an appointment); "umów" alone is also "of contracts"
	if (sentence && /(^|[^\p{L}])umów się/iu.test(text)) found.push('umów się');
	return [...new Set(found)];
}

/** A sentence (help text, message) rather than a label: it ends with a full stop, or it is long. */
export function isSentence(text: string): boolean {
	return /[.!?:]\s*$/.test(text.trim()) || text.trim().split(/\s+/).length > 6;
}
