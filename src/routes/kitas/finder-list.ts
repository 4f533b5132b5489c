// The finder's list as the server renders it: the page shows it until the list's own code has
// loaded after the first render (FinderResults loads late to keep the first load small, see
// +page.svelte). The server installs the renderer (hooks.server.ts renders FinderResults itself, so
// the markup is the same) and puts its HTML into the page's empty placeholder (`data-server-list`)
// after the render: the browser adopts the element as it is and never needs Svelte's {@html}, whose
// code would weigh on every page's first load. The browser build never calls it (it sits behind
// `import.meta.env.SSR`).
import type { ComponentProps } from 'svelte';
import type FinderResults from './FinderResults.svelte';

export type FinderListProps = ComponentProps<typeof FinderResults>;

let keepList: ((props: FinderListProps) => void) | undefined;

export function installFinderList(keep: (props: FinderListProps) => void): void {
	keepList = keep;
}

/** Hands the list of this server render to the server, which fills the placeholder with it. */
export function keepServerFinderList(props: () => FinderListProps): void {
	keepList?.(props());
}

/** Fills the page's placeholder with the list's HTML (the placeholder is the only one on the page). */
export function fillServerFinderList(page: string, list: string): string {
	return page.replace(
		/(<div [^>]*data-server-list[^>]*>)(<\/div>)/,
		(_, open: string, close: string) => open + list + close
	);
}
