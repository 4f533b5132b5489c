// Driving the portal with the keyboard alone: Tab (or Shift+Tab) until the wanted control has the
// focus, checking on the way that every stop shows a visible focus indicator and that the focus
// moves in document order (no positive tabindex, no jumps backwards).
import { expect, type Locator, type Page } from '@playwright/test';

interface Stop {
	description: string;
	visible: boolean;
	forward: boolean;
}

/** Looks at the focused element: its indicator, and whether it follows the previous stop. */
function inspectFocus(backwards: boolean): Stop {
	const w = window as unknown as { __lastFocus?: Element | null };
	let el: Element | null = document.activeElement;
	// Focus inside a web component (the captcha) counts as the component's inner element.
	while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
	const description = el
		? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`
		: 'nothing';
	// The indicator may be drawn on the control or on a box right around it (the captcha).
	let visible = false;
	let box: Element | null = el;
	for (let level = 0; box instanceof HTMLElement && level < 3 && !visible; level++, box = box.parentElement) {
		const style = getComputedStyle(box);
		const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
		const shadow = style.boxShadow !== 'none';
		visible = (outline || shadow) && box.getBoundingClientRect().width > 0;
	}
	const last = w.__lastFocus;
	let forward = true;
	// Tabbing past the end starts again at the top (the skip link): that is not a jump.
	const wrapped = el instanceof HTMLElement && el.classList.contains('skip-link');
	if (last && el && last !== el && last.isConnected && !wrapped) {
		const after = (last.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
		forward = backwards ? !after : after;
	}
	w.__lastFocus = el;
	return { description, visible, forward };
}

async function isFocused(target: Locator): Promise<boolean> {
	return target.evaluate((el) => {
		let active: Element | null = document.activeElement;
		while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
		return el === active || (active !== null && el.contains(active));
	});
}

/** Forgets the previous stop (after a page change or a dialog moved the focus on purpose). */
export async function resetFocusOrder(page: Page): Promise<void> {
	await page.evaluate(() => {
		(window as unknown as { __lastFocus?: Element | null }).__lastFocus = document.activeElement;
	});
}

/** Tabs to `target`; fails when it is not reachable, a stop has no visible focus, or order jumps. */
export async function tabTo(
	page: Page,
	target: Locator,
	options: { backwards?: boolean; max?: number } = {}
) {
	const backwards = options.backwards ?? false;
	await expect(target).toBeVisible();
	await resetFocusOrder(page);
	for (let i = 0; i < (options.max ?? 120); i++) {
		await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
		const stop = await page.evaluate(inspectFocus, backwards);
		expect.soft(stop.visible, `no visible focus on ${stop.description}`).toBe(true);
		expect.soft(stop.forward, `focus jumped against the reading order to ${stop.description}`).toBe(true);
		if (await isFocused(target)) return;
	}
	throw new Error(`Tab never reached ${target.toString()}`);
}

/** Tabs to a field and types into it (what a keyboard user does). */
export async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
	await tabTo(page, target);
	await page.keyboard.type(text);
}

/** Tabs to a button or link and activates it with Enter. */
export async function activate(page: Page, target: Locator): Promise<void> {
	await tabTo(page, target);
	await page.keyboard.press('Enter');
}

/** Starts the next Tab at the top of the page, as right after loading it. */
export async function fromTop(page: Page): Promise<void> {
	await page.evaluate(() => {
		const body = document.body;
		body.tabIndex = -1;
		body.focus();
		body.removeAttribute('tabindex');
	});
}
