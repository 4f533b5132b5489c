import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { adjustHeaders, HOLD_MS, startAfterPaint } from './start-after-paint';

// SvelteKit 2.70's start script, as it writes it into a server-rendered page (tabs and all).
const START = `
				{
					__sveltekit_gk347t = {
						base: ""
					};

					const element = document.currentScript.parentElement;

					Promise.all([
						import("/_app/immutable/entry/start.CZvU7TxB.js"),
						import("/_app/immutable/entry/app.DGO_SWxN.js")
					]).then(([kit, app]) => {
						kit.start(app, element, {
							node_ids: [0, 30],
							data: [null,null],
							form: null,
							error: null
						});
					});
				}
			`;
const MODULES = [
	'/_app/immutable/chunks/b.js',
	'/_app/immutable/chunks/c.js',
	'/_app/immutable/chunks/d.js',
	'/_app/immutable/chunks/e.js',
	'/_app/immutable/chunks/f.js',
	'/_app/immutable/entry/start.CZvU7TxB.js',
	'/_app/immutable/chunks/a.js',
	'/_app/immutable/entry/app.DGO_SWxN.js'
];
const page = (main: string) =>
	`<!doctype html><html><head><title>Kitas</title></head><body><div>${main}
			<script type="application/json" data-sveltekit-fetched data-url="/api/public/catalogue">{"a":1}</script>
			<script>${START}</script>
		</div></body></html>`;
const rendered = page('<main id="main" tabindex="-1"><h1>Kitas finden</h1></main>');
const sha = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;

/**
 * Runs the rewritten start script with a fake browser; `import()` is recorded, not done. Without
 * `paintTiming` the browser's PerformanceObserver knows no paints.
 */
function run(
	script: string,
	visibility: 'visible' | 'hidden',
	paintTiming = true,
	{
		fail,
		classes = [],
		disabledSubmits = []
	}: { fail?: string; classes?: string[]; disabledSubmits?: Control[] } = {}
) {
	const events: string[] = [];
	const frames: (() => void)[] = [];
	const timers: { fn: () => void; ms: number }[] = [];
	const observers: ((names: string[]) => void)[] = [];
	const kit = { start: vi.fn() };
	const listeners: Record<string, ((event: unknown) => void)[]> = {};
	class PerformanceObserver {
		// A browser without paint timing has the observer, but no 'paint' entries (it ignores them).
		static supportedEntryTypes = paintTiming ? ['paint', 'resource'] : ['resource'];
		#disconnected = false;
		constructor(
			callback: (list: { getEntriesByName(name: string): string[] }, observer: PerformanceObserver) => void
		) {
			observers.push((names) => {
				if (!this.#disconnected)
					callback({ getEntriesByName: (name) => names.filter((n) => n === name) }, this);
			});
		}
		observe(options: { type: string; buffered: boolean }) {
			if (options.type !== 'paint' || !options.buffered) throw new Error('unexpected observe');
		}
		disconnect() {
			this.#disconnected = true;
		}
	}
	const context: Record<string, unknown> = {
		document: {
			visibilityState: visibility,
			documentElement: { lang: 'de', classList: { add: (name: string) => classes.push(name) } },
			currentScript: { parentElement: 'the-div' },
			createElement: () => ({}) as { rel?: string; href?: string },
			head: { appendChild: (link: { rel: string; href: string }) => events.push(`${link.rel} ${link.href}`) },
			addEventListener: (type: string, listener: (event: unknown) => void, capture: boolean) => {
				if (!capture) throw new Error('the start script listens before the app (capture)');
				(listeners[type] ??= []).push(listener);
			},
			querySelectorAll: (selector: string) =>
				selector === 'form.needs-js [type=submit][disabled]' ? disabledSubmits : []
		},
		PerformanceObserver,

		requestAnimationFrame: (fn: () => void) => frames.push(fn),
		setTimeout: (fn: () => void, ms: number) => timers.push({ fn, ms }),
		__import: (url: string) => (
			events.push(`import ${url}`),
			fail && url.includes(fail)
				? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
				: Promise.resolve(url.includes('start') ? kit : {})
		),
		// SvelteKit's start chain has no catch (the browser reports the failure): here it stops quietly.
		Promise: Object.assign(
			function QuietPromise(
				executor: (resolve: (value: unknown) => void, reject: (error: unknown) => void) => void
			) {
				return new Promise(executor);
			},
			{
				resolve: (value?: unknown) => Promise.resolve(value),
				all: (list: Iterable<unknown>) => Promise.all(list).catch(() => new Promise(() => {}))
			}
		)
	};
	context.window = context;
	runInNewContext(script.replace(/\bimport\(/g, '__import('), context);
	const paint = (...names: string[]) => observers.forEach((observer) => observer(names));
	/** Runs the tasks due at once (and those they queue), not the 1 s fallback. */
	const tasks = () => {
		for (let due = timers.findIndex((t) => t.ms === 0); due >= 0; due = timers.findIndex((t) => t.ms === 0))
			timers.splice(due, 1)[0]?.fn();
	};
	/** Dispatches an event to the capture listeners, as the browser would; says what they did with it. */
	const dispatch = (type: 'click' | 'submit' | 'input', target: Control, submitter?: Control) => {
		const event = { target, submitter, prevented: false, stopped: false } as {
			target: Control;
			submitter?: Control;
			prevented: boolean;
			stopped: boolean;
			preventDefault(): void;
			stopImmediatePropagation(): void;
		};
		event.preventDefault = () => void (event.prevented = true);
		event.stopImmediatePropagation = () => void (event.stopped = true);
		for (const listener of listeners[type] ?? []) listener(event);
		return { prevented: event.prevented, stopped: event.stopped };
	};
	/** The taps' longest hold running out. */
	const holdEnds = () => {
		for (
			let due = timers.findIndex((t) => t.ms === HOLD_MS);
			due >= 0;
			due = timers.findIndex((t) => t.ms === HOLD_MS)
		)
			timers.splice(due, 1)[0]?.fn();
	};
	const held = () => (context.__kitaPortalHeld as { release(): void }).release;
	return { events, frames, timers, kit, paint, tasks, dispatch, holdEnds, release: () => held()() };
}

/** A control of the page: a button, a field or a form, as far as the start script looks at it. */
interface Control {
	type?: string;
	form?: Control;
	isConnected: boolean;
	attributes: Map<string, string>;
	done: string[];
	submitButton?: Control;
	classList: { contains(name: string): boolean };
	closest(selector: string): Control | object | null;
	querySelector(selector: string): Control | null;
	setAttribute(name: string, value: string): void;
	removeAttribute(name: string): void;
	click(): void;
	requestSubmit(by: Control | null): void;
}
function control(
	kind: 'button' | 'submit' | 'field' | 'form' | 'needs-js form',
	{ later }: { later?: { live: boolean } } = {}
): Control {
	const self: Control = {
		type: kind === 'button' ? 'button' : kind === 'submit' ? 'submit' : kind === 'field' ? 'text' : undefined,
		isConnected: true,
		attributes: new Map(),
		done: [],
		classList: { contains: (name) => name === 'needs-js' && kind === 'needs-js form' },
		closest: (selector) =>
			selector === 'button'
				? kind === 'button' || kind === 'submit'
					? self
					: null
				: selector === '[data-later]:not([data-live])'
					? later && !later.live
						? {}
						: null
					: null,
		querySelector: (selector) => (selector === '[type=submit]' ? (self.submitButton ?? null) : null),
		setAttribute: (name, value) => void self.attributes.set(name, value),
		removeAttribute: (name) => void self.attributes.delete(name),
		click: () => void self.done.push('click'),
		requestSubmit: (by) => void self.done.push(by ? 'submit by its button' : 'submit')
	};
	return self;
}
/** A form only the app sends, with its submit button and a field. */
function loginForm() {
	const form = control('needs-js form');
	const send = control('submit');
	const field = control('field');
	send.form = form;
	field.form = form;
	form.submitButton = send;
	return { form, send, field };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('startAfterPaint (issue 16: the first paint does not wait for the app)', () => {
	it("rewrites a rendered page's start script and gives the hashes of the old and new script", () => {
		const rewrite = startAfterPaint(rendered, MODULES);
		expect(rewrite).not.toBeNull();
		if (!rewrite) return;
		expect(rewrite.hashBefore).toBe(sha(START));
		const after = /<script>(\s*var __kitaPortalStart[\s\S]*?)<\/script>/.exec(rewrite.html)?.[1] ?? '';
		expect(rewrite.hashAfter).toBe(sha(after));
		// The gate's comments and indentation stay in the source; each page carries its code alone.
		expect(after).not.toMatch(/^\s*\/\//m);
		expect(after).toMatch(/^var held = \[\];$/m);
		// Every import waits for the gate.
		expect(after.match(/\bimport\("/g)).toHaveLength(2);
		expect(after.match(/__kitaPortalStart\.then\(function \(\) \{ return import\("/g)).toHaveLength(2);
		// The rest of the page, the JSON script included, is as it was.
		expect(rewrite.html.replace(rewrite.scriptAfter, rewrite.scriptBefore)).toBe(rendered);
	});

	it("never takes the page's data for an import (only what comes before the first `.then(`)", () => {
		const withData = rendered.replace('data: [null,null]', () => 'data: [{name:"a import(",town:")b"}]');
		const rewrite = startAfterPaint(withData, MODULES);
		expect(rewrite?.html).toContain('data: [{name:"a import(",town:")b"}]');
		expect(rewrite?.scriptAfter.match(/__kitaPortalStart\.then/g)).toHaveLength(2);
	});

	it('leaves a page rendered in the browser (the shell) and a page without a start script alone', () => {
		expect(startAfterPaint(page('<div id="svelte"></div>'), MODULES)).toBeNull();
		expect(startAfterPaint('<main id="main"><h1>x</h1></main>', MODULES)).toBeNull();
	});

	it('asks for the modules only after the first contentful paint, a few per task, then imports and starts', async () => {
		const rewrite = startAfterPaint(rendered, MODULES);
		const script = rewrite?.scriptAfter.replace(/^<script>|<\/script>$/g, '') ?? '';
		const browser = run(script, 'visible');
		browser.paint('first-paint'); // a paint without content is not enough
		await flush();
		expect(browser.events).toEqual([]);
		expect(browser.timers.map((t) => t.ms)).toEqual([1000]);
		browser.paint('first-contentful-paint');
		await flush();
		expect(browser.events).toEqual([]); // the task after the paint asks
		const afterPaint = browser.timers.findIndex((t) => t.ms === 0);
		browser.timers.splice(afterPaint, 1)[0]?.fn();
		// The first three in this task, the rest in the next ones; no import before all are asked for.
		expect(browser.events).toEqual(MODULES.slice(0, 3).map((m) => `modulepreload ${m}`));
		browser.paint('first-contentful-paint'); // disconnected: no second start
		browser.tasks();
		browser.timers.find((t) => t.ms === 1000)?.fn(); // the fallback, later: changes nothing
		browser.tasks();
		await flush();
		expect(browser.events).toEqual([
			...MODULES.map((m) => `modulepreload ${m}`),
			'import /_app/immutable/entry/start.CZvU7TxB.js',
			'import /_app/immutable/entry/app.DGO_SWxN.js'
		]);
		expect(browser.kit.start).toHaveBeenCalledOnce();
		expect(browser.kit.start.mock.calls[0]?.[1]).toBe('the-div');
	});

	it('waits for a frame and a task in a browser without paint timing', async () => {
		const rewrite = startAfterPaint(rendered, MODULES);
		const browser = run(rewrite?.scriptAfter.replace(/^<script>|<\/script>$/g, '') ?? '', 'visible', false);
		await flush();
		expect(browser.events).toEqual([]);
		browser.tasks();
		await flush();
		expect(browser.events).toEqual([]); // no frame yet
		browser.frames[0]?.();
		browser.tasks();
		await flush();
		expect(browser.kit.start).toHaveBeenCalledOnce();
	});

	it('starts at once in a tab that is not visible (it may never get a frame)', async () => {
		const rewrite = startAfterPaint(rendered, MODULES);
		const browser = run(rewrite?.scriptAfter.replace(/^<script>|<\/script>$/g, '') ?? '', 'hidden');
		browser.tasks();
		await flush();
		expect(browser.frames).toHaveLength(0);
		expect(browser.timers).toEqual([]);
		expect(browser.events.at(-1)).toBe('import /_app/immutable/entry/app.DGO_SWxN.js');
		expect(browser.kit.start).toHaveBeenCalledOnce();
	});

	it('marks the page as without JavaScript when its code does not load', async () => {
		const rewrite = startAfterPaint(rendered, MODULES);
		const classes: string[] = [];
		const browser = run(rewrite?.scriptAfter.replace(/^<script>|<\/script>$/g, '') ?? '', 'hidden', true, {
			fail: 'entry/app',
			classes
		});
		browser.tasks();
		await flush();
		await flush();
		expect(classes).toEqual(['app-failed']);
		expect(browser.kit.start).not.toHaveBeenCalled();
	});

	it('starts after 1 s when no paint is reported', async () => {
		const rewrite = startAfterPaint(rendered, MODULES);
		const browser = run(rewrite?.scriptAfter.replace(/^<script>|<\/script>$/g, '') ?? '', 'visible');
		browser.timers.find((t) => t.ms === 1000)?.fn();
		browser.tasks();
		await flush();
		expect(browser.kit.start).toHaveBeenCalledOnce();
	});
});

describe('taps before the app has taken over (held-taps.ts)', () => {
	const script = startAfterPaint(rendered, MODULES)?.scriptAfter.replace(/^<script>|<\/script>$/g, '') ?? '';

	it('holds a button tapped before the app runs (twice is one wish) and taps it once it runs', () => {
		const browser = run(script, 'visible');
		const button = control('button');
		expect(browser.dispatch('click', button)).toEqual({ prevented: true, stopped: true });
		expect(browser.dispatch('click', button)).toEqual({ prevented: true, stopped: true });
		expect(button.attributes.get('aria-busy')).toBe('true');
		browser.tasks();
		expect(button.done).toEqual([]);
		browser.release();
		expect(button.attributes.has('aria-busy')).toBe(false);
		expect(button.done).toEqual([]); // in a task of its own, after the app's own updates
		browser.tasks();
		expect(button.done).toEqual(['click']);
		// From now on the app has the taps (its replayed one too).
		expect(browser.dispatch('click', button)).toEqual({ prevented: false, stopped: false });
		browser.release();
		browser.tasks();
		expect(button.done).toEqual(['click']);
	});

	it('holds a tap in a region that takes over later until that region is live', () => {
		const browser = run(script, 'visible');
		const list = { live: false };
		const bookmark = control('button', { later: list });
		const header = control('button');
		browser.dispatch('click', bookmark);
		browser.dispatch('click', header);
		browser.release(); // the root layout's first render: the header runs, the list not yet
		browser.tasks();
		expect(header.done).toEqual(['click']);
		expect(bookmark.done).toEqual([]);
		expect(bookmark.attributes.get('aria-busy')).toBe('true');
		expect(browser.dispatch('click', bookmark).prevented).toBe(true); // still held, still one
		list.live = true;
		browser.release();
		browser.tasks();
		expect(bookmark.done).toEqual(['click']);
	});

	it('gives up the tap of a control the app rendered anew or took away, before or after its release', () => {
		const browser = run(script, 'visible');
		const gone = control('button');
		const goneLater = control('button');
		browser.dispatch('click', gone);
		browser.dispatch('click', goneLater);
		gone.isConnected = false;
		browser.release();
		expect(gone.attributes.has('aria-busy')).toBe(false);
		goneLater.isConnected = false; // the app's update in the same task (another user's page)
		browser.tasks();
		expect(gone.done).toEqual([]);
		expect(goneLater.done).toEqual([]);
	});

	it('holds a form only the app sends (by its button, which shows it), and lets a form that works without it go', () => {
		const browser = run(script, 'visible');
		const { form, send } = loginForm();
		const filters = control('form');
		// A submit button's click is the browser's to turn into a submit event.
		expect(browser.dispatch('click', send).prevented).toBe(false);
		expect(browser.dispatch('submit', form, send).prevented).toBe(true);
		expect(browser.dispatch('submit', filters).prevented).toBe(false);
		expect(send.attributes.get('aria-busy')).toBe('true');
		expect(form.attributes.has('aria-busy')).toBe(false); // the fields stay readable meanwhile
		browser.release();
		browser.tasks();
		expect(form.done).toEqual(['submit by its button']);
		expect(send.attributes.has('aria-busy')).toBe(false);
		// Sent by the app from now on (its handler prevents the browser's sending).
		expect(browser.dispatch('submit', form, send).prevented).toBe(false);
		expect(filters.done).toEqual([]);
	});

	it('gives up a sending when the person types into the form after it', () => {
		const browser = run(script, 'visible');
		const { form, send, field } = loginForm();
		const other = control('button');
		browser.dispatch('submit', form, send);
		browser.dispatch('click', other);
		browser.dispatch('input', field);
		expect(send.attributes.has('aria-busy')).toBe(false);
		expect(other.attributes.get('aria-busy')).toBe('true');
		browser.release();
		browser.tasks();
		expect(form.done).toEqual([]);
		expect(other.done).toEqual(['click']);
	});

	it(`gives up a tap not done within ${HOLD_MS / 1000} s`, () => {
		const browser = run(script, 'visible');
		const button = control('button');
		browser.dispatch('click', button);
		browser.holdEnds();
		expect(button.attributes.has('aria-busy')).toBe(false);
		browser.release();
		browser.tasks();
		expect(button.done).toEqual([]);
		// Tapped anew, it is held anew.
		expect(browser.dispatch('click', control('button')).prevented).toBe(false);
	});

	it("enables the submit buttons the server's render disabled until this script ran", () => {
		const send = control('submit');
		send.attributes.set('disabled', '');
		run(script, 'visible', true, { disabledSubmits: [send] });
		expect(send.attributes.has('disabled')).toBe(false);
	});
});

describe('adjustHeaders', () => {
	const rewrite = startAfterPaint(rendered, MODULES);
	if (!rewrite) throw new Error('no rewrite');
	const headers = () =>
		new Headers({
			'content-security-policy': `default-src 'self'; script-src 'self' '${sha(START)}'; style-src 'self'`,
			link: '</_app/immutable/entry/start.CZvU7TxB.js>; rel="modulepreload"; nopush, </a.css>; rel="preload"; as="style"; nopush, </_app/immutable/chunks/a.js>; rel="modulepreload"; nopush'
		});

	it("allows the rewritten script in place of SvelteKit's, and drops the early module links", () => {
		const h = headers();
		expect(adjustHeaders(h, rewrite)).toBe(true);
		expect(h.get('content-security-policy')).toBe(
			`default-src 'self'; script-src 'self' '${rewrite.hashAfter}'; style-src 'self'`
		);
		expect(h.get('link')).toBe('</a.css>; rel="preload"; as="style"; nopush');
	});

	it('allows the rewritten script in every directive that named the old one', () => {
		const h = new Headers({
			'content-security-policy': `script-src 'self' '${sha(START)}'; script-src-elem 'self' '${sha(START)}'`
		});
		expect(adjustHeaders(h, rewrite)).toBe(true);
		expect(h.get('content-security-policy')).toBe(
			`script-src 'self' '${rewrite.hashAfter}'; script-src-elem 'self' '${rewrite.hashAfter}'`
		);
	});

	it('removes a Link header of modules alone', () => {
		const h = new Headers({ link: '</x.js>; rel="modulepreload"; nopush' });
		expect(adjustHeaders(h, rewrite)).toBe(true);
		expect(h.has('link')).toBe(false);
	});

	it('refuses when the policy does not allow the old script (the page must then go out unchanged)', () => {
		const h = new Headers({ 'content-security-policy': "script-src 'self' 'sha256-other='" });
		expect(adjustHeaders(h, rewrite)).toBe(false);
		expect(h.get('content-security-policy')).toBe("script-src 'self' 'sha256-other='");
	});
});
