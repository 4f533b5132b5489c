// The checks run on every page: axe (WCAG 2.0/2.1 A and AA) with all findings collected rather
// than stopping at the first page, the document's language and direction, and reflow (no
// horizontal scrolling).
import { expect, type Page } from '@playwright/test';
import type { AxeResults, ElementContext, RunOptions } from 'axe-core';
import { createRequire } from 'node:module';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The axe-core that @axe-core/playwright ships. It is injected once per document and run many
// times: the suite moves between pages without reloading (see open()), which saves the half second
// AxeBuilder spends injecting axe again before every check.
const fromAxePlaywright = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'));
const axeSource = (fromAxePlaywright('axe-core') as { source: string }).source;

export interface Finding {
	id: string;
	impact: string;
	help: string;
	nodes: string[];
}

/** The WCAG 2.0/2.1 A and AA violations axe finds on the page as it is now. */
export async function axeFindings(page: Page, options: { contentOnly?: boolean } = {}): Promise<Finding[]> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
	return page.evaluate(
		async ({ tags, contentOnly }) => {
			const engine = (
				window as unknown as { axe: { run(c: ElementContext, o: RunOptions): Promise<AxeResults> } }
			).axe;
			const context: ElementContext = contentOnly
				? { exclude: [['.site-header'], ['.site-footer']] }
				: document;
			const results = await engine.run(context, {
				runOnly: { type: 'tag', values: tags },
				resultTypes: ['violations']
			});
			return results.violations.map((v) => ({
				id: v.id,
				impact: v.impact ?? 'n/a',
				help: v.help,
				nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
			}));
		},
		{ tags: WCAG_TAGS, contentOnly: options.contentOnly ?? false }
	);
}

/**
 * Checks the page with axe; violations are reported softly (the test goes on, then fails).
 * `contentOnly` leaves out the header and footer, which are the same on every page and were checked
 * on the first.
 */
export async function axe(page: Page, what: string, options: { contentOnly?: boolean } = {}): Promise<void> {
	const findings = await axeFindings(page, options);
	const report = findings
		.map((f) => `${f.id} (${f.impact}): ${f.help}\n${f.nodes.map((n) => `    ${n}`).join('\n')}`)
		.join('\n');
	expect
		.soft(
			findings.map((f) => f.id),
			`axe on ${what}:\n${report}`
		)
		.toEqual([]);
}

/** `<html lang dir>` match the UI language. */
export async function expectDocumentLocale(page: Page, locale: string): Promise<void> {
	const root = page.locator('html');
	await expect.soft(root).toHaveAttribute('lang', locale);
	await expect.soft(root).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
}

/** WCAG 1.4.10: the page fits the viewport's width (320 CSS px, or 200 % zoom of 1280 px). */
export async function expectNoHorizontalScroll(page: Page, what: string): Promise<void> {
	const { scrollWidth, clientWidth, culprits } = await page.evaluate(() => {
		const root = document.scrollingElement ?? document.documentElement;
		const width = root.clientWidth;
		const wide = [...document.querySelectorAll<HTMLElement>('body *')]
			.filter((el) => {
				const box = el.getBoundingClientRect();
				return box.width > 0 && (box.right > width + 1 || box.left < -1);
			})
			.slice(0, 5)
			.map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}`);
		return { scrollWidth: root.scrollWidth, clientWidth: width, culprits: wide };
	});
	expect
		.soft(scrollWidth, `${what} scrolls sideways (${culprits.join(', ')})`)
		.toBeLessThanOrEqual(clientWidth);
}

/**
 * Opens a page as a click on a link would: within the running app (no reload, the local database
 * stays open), or with a first load when the tab is still empty.
 *
 * A document's load event comes before the app has started: its router takes link clicks only after
 * the first page rendered (its texts and code loaded). A click before that is the browser's own — a
 * full page load that cancels what the starting app still loads (the console sweep then reported its
 * texts as `net::ERR_ABORTED`). So the click is repeated until the app takes it.
 */
export async function open(page: Page, path: string): Promise<void> {
	if (!page.url().startsWith('http')) {
		await page.goto(path);
		return;
	}
	await expect
		.poll(
			() =>
				page.evaluate((href) => {
					const link = document.createElement('a');
					link.href = href;
					document.body.append(link);
					let taken = false;
					// Bubbles up after the router's listener (on the document element) had its say.
					const check = (event: Event) => {
						taken = event.defaultPrevented;
						if (!taken) event.preventDefault();
					};
					window.addEventListener('click', check);
					try {
						link.click();
					} finally {
						window.removeEventListener('click', check);
						link.remove();
					}
					return taken;
				}, path),
			{ message: `the app did not take a click on a link to ${path}`, timeout: 15_000 }
		)
		.toBe(true);
	await page.waitForURL((url) => `${url.pathname}${url.search}` === path);
}
