// What a Kita page tells search engines and shared links first: its canonical address and meta
// description (issue 16, point 2; the JSON-LD is in kita-json-ld.ts). Pure: server and browser agree.
import type { Facility } from './facility';

/** The page's one address, from the portal's configured origin (ORIGIN). */
export function kitaPageUrl(origin: string, id: string): string {
	return `${origin.replace(/\/$/, '')}/kitas/${encodeURIComponent(id)}`;
}

/** The meta description: the catalogue's sentence with the Kita's name and town, kept to a snippet's length. */
export function kitaMetaDescription(
	f: Pick<Facility, 'name' | 'town'>,
	sentence: (values: { name: string; town: string }) => string
): string {
	const text = sentence(f).replace(/\s+/g, ' ');
	// Cut at a word within 160 characters (a search result's snippet); names may run to 200.
	return text.length > 160 ? `${text.slice(0, 159).replace(/ \S*$/, '')}…` : text;
}
