// The finder's list once its code has loaded (after the first render, see +page.svelte): it hydrates
// the list the server rendered into the placeholder (finder-list.ts) rather than rendering all cards
// anew — on a slow phone that render and its layout were the finder's longest tasks — or mounts it
// where there is none (a page rendered in the browser). Loaded with the list, not in the first load.
import { hydrate, mount, unmount } from 'svelte';
import { releaseHeldTaps } from '$lib/client/held-taps';
import type { MoreHitsTexts } from '$lib/deferred/finder/more-hits-texts';
import { loadMessages } from '$lib/i18n/messages';
import type { FinderHit } from '$lib/domain/finder';
// For the page, which keeps the server's catalogue while the device's is the same (+page.svelte).
export { sameForFinder } from '$lib/domain/finder-catalogue';
import FinderResults from './FinderResults.svelte';
import { shownFromAddress } from './finder-count';
import type { FinderListProps } from './finder-list';

/**
 * Whether the server's list (its cards' links, in order) shows exactly these hits (the first `first`
 * of them, as many as it shows): only then is it
 * hydrated. Hydration adopts the markup card by card and keeps attributes as the server wrote them,
 * so a list that differs — a search typed before the page had its code, a local copy older than the
 * server's — is rendered anew instead.
 */
export function serverListShows(
	links: ArrayLike<Pick<Element, 'textContent' | 'getAttribute'>>,
	hits: readonly FinderHit[],
	first: number
): boolean {
	const shown = hits.slice(0, first);
	return (
		links.length === shown.length &&
		shown.every(
			(hit, i) =>
				links[i]?.getAttribute('href') === `/kitas/${hit.facility.id}` &&
				links[i]?.textContent === hit.facility.name
		)
	);
}

// The "more" under the list and its texts, asked for as this module loads (a template literal: its
// texts are a namespace of their own, see catalogue-compiler.ts). Should they fail to load (offline
// before the worker kept them), the list shows every hit instead.
const moreTexts: Promise<MoreHitsTexts | undefined> = Promise.all([
	import(`../../lib/deferred/finder/more-hits-texts`),
	loadMessages('deferred/finder')
]).then(
	([module]) => (module as typeof import('$lib/deferred/finder/more-hits-texts')).moreHitsTexts,
	() => undefined
);

/**
 * Shows the list in `target` once the texts of its "more" are there, following `read` (the page's
 * reactive state); returns its removal.
 */
export function showFinderList(target: HTMLElement, read: () => FinderListProps): () => void {
	let removed = false;
	let remove: (() => void) | undefined;
	void moreTexts.then((texts) => {
		if (!removed) remove = showWith(target, read, texts);
	});
	return () => {
		removed = true;
		remove?.();
	};
}

function showWith(
	target: HTMLElement,
	read: () => FinderListProps,
	texts: MoreHitsTexts | undefined
): () => void {
	// As the server read it (hooks.server.ts): the list shows as many as the address asks for.
	const first = shownFromAddress(new URLSearchParams(location.search));
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
		},
		first,
		texts
	};
	let list: Record<string, unknown>;
	// Without the texts every hit shows: the server's page of them is rendered anew then.
	if (
		texts &&
		target.firstChild &&
		serverListShows(target.querySelectorAll('article h2 a'), props.hits, first)
	)
		list = hydrate(FinderResults, { target, props });
	else {
		target.replaceChildren();
		list = mount(FinderResults, { target, props });
	}
	target.dataset.live = ''; // the list follows the filter from now on (the e2e tests wait for it)
	releaseHeldTaps(); // a bookmark tapped on the server's card before
	return () => void unmount(list);
}
