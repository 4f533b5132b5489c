// Issue 16, point 1: the finder's server-rendered list goes into the page's empty placeholder.
import { describe, expect, it } from 'vitest';
import {
	fillServerFinderList,
	installFinderList,
	keepServerFinderList,
	type FinderListProps
} from './finder-list';
import { serverListShows } from './finder-list-live';
import type { FinderHit } from '$lib/domain/finder';

describe('the finder’s list in the server render', () => {
	it('fills the empty placeholder and nothing else', () => {
		const page =
			'<div class="finder-results"><div class="server-list s-x" data-server-list=""></div></div><div></div>';
		expect(fillServerFinderList(page, '<ul><li>Kita Sonnenschein</li></ul>')).toBe(
			'<div class="finder-results"><div class="server-list s-x" data-server-list=""><ul><li>Kita Sonnenschein</li></ul></div></div><div></div>'
		);
	});

	it('leaves a page without the placeholder as it is, and takes the list text literally', () => {
		expect(fillServerFinderList('<main></main>', '<ul></ul>')).toBe('<main></main>');
		// A `$&` in a Kita's name must not be read as a replacement pattern.
		expect(fillServerFinderList('<div data-server-list=""></div>', 'A $& B')).toBe(
			'<div data-server-list="">A $& B</div>'
		);
	});

	it('hands the render’s list to what the server installed', () => {
		const kept: FinderListProps[] = [];
		installFinderList((props) => kept.push(props));
		const props = {
			hits: [],
			municipalityName: new Map(),
			query: '?q=x',
			arrival: null
		} as unknown as FinderListProps;
		keepServerFinderList(() => props);
		expect(kept).toEqual([props]);
	});
});

describe('whether the server’s list is hydrated (serverListShows)', () => {
	const hit = (id: string, name: string) =>
		({ facility: { id, name }, distanceKm: null }) as unknown as FinderHit;
	const link = (href: string, text: string) => ({
		textContent: text,
		getAttribute: (name: string) => (name === 'href' ? href : null)
	});
	const shown = [link('/kitas/a', 'Kita Am Bach'), link('/kitas/b', 'Kita Löwenzahn')];

	it('only when the server shows exactly these hits in this order', () => {
		expect(serverListShows(shown, [hit('a', 'Kita Am Bach'), hit('b', 'Kita Löwenzahn')], 20)).toBe(true);
		// A search typed before the code loaded: fewer hits.
		expect(serverListShows(shown, [hit('b', 'Kita Löwenzahn')], 20)).toBe(false);
		// Another order (the same Kitas sorted by distance).
		expect(serverListShows(shown, [hit('b', 'Kita Löwenzahn'), hit('a', 'Kita Am Bach')], 20)).toBe(false);
		// A local copy with another name for the same Kita.
		expect(serverListShows(shown, [hit('a', 'Kita Am Bach'), hit('b', 'Kita Pusteblume')], 20)).toBe(false);
		expect(serverListShows([], [], 20)).toBe(true);
	});

	it('compares the hits the list shows at first, not all of them', () => {
		const hits = [hit('a', 'Kita Am Bach'), hit('b', 'Kita Löwenzahn'), hit('c', 'Kita Sonnenschein')];
		expect(serverListShows(shown, hits, 2)).toBe(true);
		expect(serverListShows(shown, hits, 3)).toBe(false);
		expect(serverListShows(shown.slice(0, 1), hits, 2)).toBe(false);
	});
});
