// The queue is readable on office screens and tablets (issue 13, point 10): no header or cell breaks
// a word inside ("Geburt|sdatum"), the page never scrolls sideways — only the table, in its own box —
// and the child's name stays in view while the table scrolls. In German and in a language of long
// words (Russian).
import { expect, test, type Page } from '@playwright/test';
import { signIn, useLocale, waitForContent } from '../a11y/steps';
import { t } from '../a11y/catalogue';
import { seedRequests, staffKitas } from './steps';

test.beforeAll(() => {
	// Both Kitas of the demo staff member, so the queue shows rows whichever is selected.
	for (const kita of staffKitas())
		seedRequests(kita, 3, {
			firstName: (i) => ['Maximilian', 'Ida', 'Zoë'][i] ?? 'Kind',
			lastName: 'Schneider'
		});
});

interface Broken {
	cell: string;
	word: string;
}

/** Words in the table's header and first rows that the browser laid out on more than one line. */
function brokenWords(page: Page): Promise<Broken[]> {
	return page.evaluate(() => {
		const table = document.querySelector('main table');
		if (!table) throw new Error('no table');
		const cells = [...table.querySelectorAll('thead th, tbody tr:nth-child(-n+5) > *')];
		const out: { cell: string; word: string }[] = [];
		for (const cell of cells) {
			const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const text = node.textContent ?? '';
				for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
					const range = document.createRange();
					range.setStart(node, match.index);
					range.setEnd(node, match.index + match[0].length);
					const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
					if (lines.size > 1) out.push({ cell: cell.textContent?.trim() ?? '', word: match[0] });
				}
			}
		}
		return out;
	});
}

for (const locale of ['de', 'ru']) {
	test(`the queue keeps its words whole and scrolls only inside its table box (${locale})`, async ({
		context,
		page,
		baseURL
	}) => {
		await signIn(context, 'staff', baseURL ?? '');
		await useLocale(context, locale);
		for (const width of [1280, 1024, 360]) {
			await page.setViewportSize({ width, height: 900 });
			await page.goto('/kita');
			await waitForContent(page, locale);
			const box = page.getByRole('region', { name: t(locale, 'staff_queue_caption') });
			await expect(box.getByRole('row').nth(1)).toBeVisible({ timeout: 15_000 });

			expect(await brokenWords(page), `words broken inside at ${width} px`).toEqual([]);
			const page_ = await page.evaluate(() => ({
				scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
				innerWidth: window.innerWidth
			}));
			expect(page_.scrollWidth, `the page scrolls sideways at ${width} px`).toBeLessThanOrEqual(
				page_.innerWidth
			);

			// Where the table is wider than its box, the box scrolls and the first column stays put.
			const wide = await box.evaluate((el) => el.scrollWidth > el.clientWidth);
			if (width === 360) expect(wide, 'twelve columns cannot fit into 360 px').toBe(true);
			if (wide) {
				const firstCell = box.getByRole('rowheader').first();
				await firstCell.scrollIntoViewIfNeeded();
				const before = await firstCell.boundingBox();
				await box.evaluate((el) => el.scrollBy({ left: 400, behavior: 'instant' }));
				await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
				const after = await firstCell.boundingBox();
				expect(after?.x, 'the first column is sticky').toBeCloseTo(before?.x ?? -1, 0);
				// On top of the cells scrolled beneath it, not covered by them.
				const onTop = await firstCell.evaluate((el) => {
					const r = el.getBoundingClientRect();
					return el.contains(document.elementFromPoint(r.left + 4, r.top + r.height / 2));
				});
				expect(onTop, 'the first column is drawn above the scrolled cells').toBe(true);
				// The column header above it stays too.
				const header = box.getByRole('columnheader').first();
				const headerBox = await header.boundingBox();
				expect(headerBox?.x).toBeCloseTo(before?.x ?? -1, 0);
			}
			await page.screenshot({ path: `test-results/queue-${locale}-${width}.png`, fullPage: true });
		}
	});
}
