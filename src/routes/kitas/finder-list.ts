// The finder's list as the server renders it: the page shows it until the list's own code has
// loaded after the first render (FinderResults loads late to keep the first load small, see
// +page.svelte). The server installs the renderer (hooks.server.ts renders FinderResults itself, so
// the markup is the same); the browser build never calls it (it sits behind `import.meta.env.SSR`).
import type { ComponentProps } from 'svelte';
import type FinderResults from './FinderResults.svelte';

export type FinderListProps = ComponentProps<typeof FinderResults>;

let renderList: ((props: FinderListProps) => string) | undefined;

export function installFinderList(render: (props: FinderListProps) => string): void {
	renderList = render;
}

/** The list's HTML for the server's render of the finder. */
export function serverFinderList(props: FinderListProps): string {
	return renderList?.(props) ?? '';
}
