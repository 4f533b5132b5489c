// Names in German alphabetical order (DIN 5007-1: ä as a, ß as ss), the order of
// `a.localeCompare(b, 'de')`, without a collator for the usual pair. A phone's first collator costs
// ICU's start-up (20–70 ms at 4× CPU in Chromium), and the finder sorts its Kitas while the page
// hydrates. Two names are compared here when every character is one whose place this file knows
// (ASCII letters, digits, space and punctuation, and letters that are one of them with accents) and
// they differ in more than accents, case or ß; any other pair goes to the collator, which gives the
// same answer at its cost. The unit test holds both to the same answer for arbitrary names.

/** The collator's order of the characters compared here (space, punctuation, digits, letters). */
const ORDER = ` _-,;:!?.'"()[]{}@*/\\&#%\`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz`;
const RANK = new Map([...ORDER].map((c, i) => [c, i]));
const ACCENTS = /[\u0300-\u036f]/g;

/** A name's letters without accents, case and ß, or null when it holds a character not in ORDER. */
function baseLetters(name: string): string | null {
	const base = name.normalize('NFD').replace(ACCENTS, '').replaceAll('ß', 'ss').toLowerCase();
	for (const c of base) if (!RANK.has(c)) return null;
	return base;
}

// Sorting n names compares each about log n times: each name's letters are worked out once.
const known = new Map<string, string | null>();
function lettersOf(name: string): string | null {
	let base = known.get(name);
	if (base === undefined) {
		if (known.size > 5000) known.clear();
		base = baseLetters(name);
		known.set(name, base);
	}
	return base;
}

/** Negative when `a` comes before `b` in German alphabetical order, positive after, 0 if the same. */
export function compareNames(a: string, b: string): number {
	const x = lettersOf(a);
	const y = lettersOf(b);
	if (x !== null && y !== null && x !== y) {
		const length = Math.min(x.length, y.length);
		for (let i = 0; i < length; i++) {
			if (x[i] !== y[i]) return (RANK.get(x[i]!) ?? 0) - (RANK.get(y[i]!) ?? 0);
		}
		return x.length - y.length;
	}
	return a.localeCompare(b, 'de');
}
