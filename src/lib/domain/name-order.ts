// Names in German alphabetical order (DIN 5007-1: ä as a, ß as ss), the order of
// `a.localeCompare(b, 'de')`, without a collator for the usual pair. A phone's first collator costs
// ICU's start-up (20–70 ms at 4× CPU in Chromium), and the finder sorts its Kitas while the page
// hydrates. Two names are compared here when every character is one whose place this file knows
// (ASCII letters, digits, space and punctuation, and letters that are one of them with accents) and
// they differ in more than accents, case or ß; any other pair goes to the collator, which gives the
// same answer at its cost. The unit test holds both to the same answer for arbitrary names. Kept
// small: it is part of the finder's first load, which has 60 KB.

/** The collator's order of the characters compared here (space, punctuation, digits, letters). */
const ORDER = ` _-,;:!?.'"()[]{}@*/\\&#%\`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz`;

/** A text in lower case without accents, ß as ss: as the finder searches, and names are ordered. */
export function withoutAccents(text: string): string {
	return text.toLocaleLowerCase('de').normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');
}

/** A name's letters without accents, case and ß, or null when it holds a character not in ORDER. */
function baseLetters(name: string): string | null {
	const base = withoutAccents(name);
	for (const c of base) if (!ORDER.includes(c)) return null;
	return base;
}

/** A character's place; past a name's end is before every character (a name's start comes first). */
const rank = (c: string | undefined) => (c === undefined ? -1 : ORDER.indexOf(c));

/** Negative when `a` comes before `b` in German alphabetical order, positive after, 0 if the same. */
export function compareNames(a: string, b: string): number {
	const x = baseLetters(a);
	const y = baseLetters(b);
	if (x === null || y === null || x === y) return a.localeCompare(b, 'de');
	let i = 0;
	while (x[i] === y[i]) i++;
	return rank(x[i]) - rank(y[i]);
}
