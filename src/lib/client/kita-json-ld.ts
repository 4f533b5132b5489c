// Puts a Kita page's schema.org JSON-LD into the document's head, after the page's first render
// (issue 16, point 2); KitaHead loads it then.
import type { Facility } from '$lib/domain/facility';
import { jsonLdScript, kitaJsonLd } from '$lib/domain/kita-json-ld';

/** Adds the element and returns how to take it away again (another Kita, leaving the page). */
export function showKitaJsonLd(f: Facility, pageUrl: string): () => void {
	// The server's element (a page opened at its address) gives way: this one goes when the page does.
	for (const served of document.head.querySelectorAll('script[type="application/ld+json"]')) served.remove();
	// As HTML, escaped by jsonLdScript: the same element a server-rendered page would carry.
	document.head.insertAdjacentHTML('beforeend', jsonLdScript(kitaJsonLd(f, pageUrl)));
	const script = document.head.lastElementChild;
	return () => script?.remove();
}
