// Issue 16, point 1: the finder's server-rendered list goes into the page's empty placeholder.
import { describe, expect, it } from 'vitest';
import {
	fillServerFinderList,
	installFinderList,
	keepServerFinderList,
	type FinderListProps
} from './finder-list';

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
