// A Kita page's schema.org JSON-LD in the HTML the server sends (issue 16, point 2), for search
// engines that run no script. As with the finder's list (routes/kitas/finder-list.ts), the server
// installs the writer (hooks.server.ts builds the element with $lib/domain/kita-json-ld and puts it
// before `</head>`), so that neither that code nor Svelte's {@html} weighs on the page's first load.
// In the browser nothing is installed; KitaHead adds the element after the first render instead.
import type { Facility } from '$lib/domain/facility';

let keep: ((facility: Facility, pageUrl: string) => void) | undefined;

export function installKitaJsonLd(write: (facility: Facility, pageUrl: string) => void): void {
	keep = write;
}

/** Hands this server render's Kita (if any) to the server, which writes its JSON-LD into the head. */
export function keepServerKitaJsonLd(kita: () => { facility: Facility; pageUrl: string } | undefined): void {
	const shown = keep && kita();
	if (shown) keep?.(shown.facility, shown.pageUrl);
}
