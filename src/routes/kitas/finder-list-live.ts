// The finder's list once its code has loaded (after the first render, see +page.svelte): it hydrates
// the list the server rendered into the placeholder (finder-list.ts) rather than rendering all cards
// anew — on a slow phone that render and its layout were the finder's longest tasks — or mounts it
// where there is none (a page rendered in the browser). Loaded with the list, not in the first load.
import { hydrate, mount, unmount } from 'svelte';
import { releaseHeldTaps } from '$lib/client/held-taps';
import type { FinderHit } from '$lib/domain/finder';
// For the page, which keeps the server's catalogue while the device's is the same (+page.svelte).
export { sameForFinder } from '$lib/domain/finder-catalogue';
import FinderResults from './FinderResults.svelte';
import type { FinderListProps } from './finder-list';

/**
 * Whether the server's list (its cards' links, in order) shows exactly these hits: only then is it
 * hydrated. Hydration adopts the markup card by card and keeps attributes as the server wrote them,
 * so a list that differs — a search typed before the page had its code, a local copy older than the
 * server's — is rendered anew instead.
 */
export function serverListShows(
	links: ArrayLike<Pick<Element, 'textContent' | 'getAttribute'>>,
	hits: readonly FinderHit[]
): boolean {
	return (
		links.length === hits.length &&
		hits.every(
			(hit, i) =>
				links[i]?.getAttribute('href') === `/kitas/${hit.facility.id}` &&
				links[i]?.textContent === hit.facility.name
		)
	);
}

/** Shows the list in `target`, following `read` (the page's reactive state); returns its removal. */
export function showFinderList(target: HTMLElement, read: () => FinderListProps): () => void {
	const props: FinderListProps = {
		get hits() {
			return read().hits;
		},
		get municipalityName() {
			return read().municipalityName;
		},
		get query() {
			return read().query;
		},
		get arrival() {
			return read().arrival;
		}
	};
	let list: Record<string, unknown>;
	if (target.firstChild && serverListShows(target.querySelectorAll('article h2 a'), props.hits))
		list = hydrate(FinderResults, { target, props });
	else {
		target.replaceChildren();
		list = mount(FinderResults, { target, props });
	}
	target.dataset.live = ''; // the list follows the filter from now on (the e2e tests wait for it)
	releaseHeldTaps(); // a bookmark tapped on the server's card before
	return () => void unmount(list);
}
