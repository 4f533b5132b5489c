// What the finder says under a list that shows a page of its hits (routes/kitas/finder-count.ts):
// loaded with the list's code after the first render, with its texts (the namespace deferred/finder),
// so that they stay out of the finder's first load. The server renders the list with them as well.
import { m } from '$lib/i18n/messages';

export const moreHitsTexts = {
	shown: (shown: number, total: number) => m.finder_shown({ shown, total }),
	more: (count: number) => m.finder_show_more({ count })
};

export type MoreHitsTexts = typeof moreHitsTexts;
