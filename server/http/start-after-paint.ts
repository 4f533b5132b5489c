// A page the server rendered shows its content before the app's code is asked for (issue 16, LCP).
// SvelteKit asks for the whole first-load code at once — a `Link: rel=modulepreload` header for each
// of ≈ 25 modules and two `import()`s in its start script — so on a slow phone line the modules share
// the line with the rest of the page's HTML, and the first paint waits for bytes it does not need.
// Here the start script waits for the first paint, then asks for all modules at once (modulepreload
// links, so that they still load side by side rather than one level of imports after another).
// Pages rendered in the browser (the shell) have nothing to paint before their code: left as they are.
// The start script is inline and allowed by its hash in the Content-Security-Policy, so the hash is
// swapped for the rewritten script's; an answer whose policy does not name the old hash is left alone.
import { createHash } from 'node:crypto';

/** What a rewrite changed: the script's hash before and after, for the response's policy. */
export interface StartRewrite {
	html: string;
	hashBefore: string;
	hashAfter: string;
	/** The script element before and after, to undo the rewrite (see `adjustHeaders`). */
	scriptBefore: string;
	scriptAfter: string;
}

/** The marker of content rendered on the server: the root layout's main region (as in the client). */
const RENDERED = /<main\b[^>]*\bid="main"/;
/** SvelteKit's start script: the only inline script that sets its `__sveltekit_…` global. */
const START_SCRIPT = /<script>(\s*\{\s*__sveltekit_\w+\s*=[\s\S]*?)<\/script>/;
/** The start script's imports of its entry modules (string literals, as SvelteKit writes them). */
const ENTRY_IMPORT = /\bimport\(("[^"\\]*")\)/g;

/**
 * Modules asked for per task: starting a fetch costs the main thread, and a long task blocks input.
 * Six were one task of 55–64 ms at 4× CPU on the sign-up page, three stay under 50 (page-trace.ts).
 */
const PER_TASK = 3;
/** How long a tap made before the app had loaded is held at most. */
export const HOLD_MS = 30_000;

/**
 * The gate: once the browser has painted content (the paint timing's first contentful paint; a frame
 * and a task in a browser that does not report paints), or at once in a tab that is not visible (it
 * paints nothing); after 1 s at most, should the paint never be reported. Then the modules are asked
 * for by modulepreload links, a few per task (25 links in one task took 30 ms on this machine, 130 ms
 * at a phone's speed), and the entry imports follow. Plain ES5 in a classic script: it runs before the
 * app's own code, in every browser the portal supports.
 */
function gate(modules: readonly string[]): string {
	return `var __kitaPortalStart = (function (modules) {
					function ask(done) {
						var next = 0;
						(function some() {
							for (var end = Math.min(next + ${PER_TASK}, modules.length); next < end; next++) {
								var link = document.createElement('link');
								link.rel = 'modulepreload';
								link.href = modules[next];
								document.head.appendChild(link);
							}
							if (next < modules.length) setTimeout(some, 0);
							else done();
						})();
					}
					return new Promise(function (resolve) {
						var go = function () {
							if (!resolve) return;
							ask(resolve);
							resolve = null;
						};
						if (document.visibilityState !== 'visible') return go();
						var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
						if (types && types.indexOf('paint') >= 0) {
							new PerformanceObserver(function (list, observer) {
								if (!list.getEntriesByName('first-contentful-paint').length) return;
								observer.disconnect();
								setTimeout(go, 0);
							}).observe({ type: 'paint', buffered: true });
						} else {
							requestAnimationFrame(function () { setTimeout(go, 0); });
						}
						setTimeout(go, 1000);
					});
				})(${JSON.stringify(modules)});
				// A tap on the page before the app has taken over would do nothing: a button that needs the
				// app, or a form that only the app sends. Such taps are held (one per control: a second tap
				// is the same wish; the button shows it is under way) and done once the app runs there
				// (held-taps.ts): the root layout's first render, or a region that takes over later
				// ([data-later] until it is [data-live], the finder's list). A tap is given up, and its
				// button shows so, when its control is gone by then (the app rendered it anew), when the
				// person types into the form after sending it, or after half a minute (a line that barely
				// moves: the person may have walked away from a shared device).
				var __kitaPortalHeld = (function () {
					var held = [];
					var live = false;
					function later(control) {
						return !live || !!control.closest('[data-later]:not([data-live])');
					}
					function forget(which) {
						held = held.filter(function (tap) {
							if (!which(tap)) return true;
							tap.shown.removeAttribute('aria-busy');
							return false;
						});
					}
					function hold(event, control, shown, replay) {
						event.preventDefault();
						event.stopImmediatePropagation();
						for (var i = 0; i < held.length; i++) if (held[i].control === control) return;
						var tap = { control: control, shown: shown, replay: replay };
						shown.setAttribute('aria-busy', 'true');
						held.push(tap);
						setTimeout(function () {
							forget(function (other) { return other === tap; });
						}, ${HOLD_MS});
					}
					document.addEventListener('click', function (event) {
						var button = event.target && event.target.closest && event.target.closest('button');
						if (button && button.type === 'button' && later(button))
							hold(event, button, button, function () { button.click(); });
					}, true);
					document.addEventListener('submit', function (event) {
						var form = event.target;
						if (!form.classList.contains('needs-js') || !later(form)) return;
						var by = event.submitter && event.submitter.form === form ? event.submitter : null;
						hold(event, form, by || form.querySelector('[type=submit]') || form, function () {
							form.requestSubmit(by && by.form === form ? by : null);
						});
					}, true);
					document.addEventListener('input', function (event) {
						var form = event.target && event.target.form;
						if (form) forget(function (tap) { return tap.control === form; });
					}, true);
					// Forms only the app sends are disabled in the server's render, for the moment before this
					// script has run (the browser would send them as a page request); from now on a tap on
					// them is held.
					var waiting = document.querySelectorAll('form.needs-js [type=submit][disabled]');
					for (var i = 0; i < waiting.length; i++) waiting[i].removeAttribute('disabled');
					return {
						release: function () {
							live = true;
							var due = [];
							forget(function (tap) {
								if (tap.control.isConnected && later(tap.control)) return false;
								if (tap.control.isConnected) due.push(tap);
								return true;
							});
							// After the task that released them (the app's own updates of it come first), and
							// only if the control is still the app's.
							due.forEach(function (tap) {
								setTimeout(function () {
									if (tap.control.isConnected && !later(tap.control)) tap.replay();
								}, 0);
							});
						}
					};
				})();
				// The app's code did not load (a line that broke off): the page works as without
				// JavaScript (app.html), rather than showing a form that cannot be sent.
				function __kitaPortalFailed(error) {
					document.documentElement.classList.add('app-failed');
					throw error;
				}`;
}

/**
 * The script as every page carries it: its comments stay in this file, and the indentation too (the
 * held taps' explanation alone was 1.5 KB of each page). Line by line, so that JavaScript reads the
 * statements as written (no `//` starts a line of code in `gate`).
 */
function compact(script: string): string {
	return script
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '' && !line.startsWith('//'))
		.join('\n');
}

export function scriptHash(script: string): string {
	return `sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`;
}

/**
 * Rewrites a server-rendered page's start script to load the app after the first paint. `modules`
 * are the first-load modules SvelteKit would preload. Null for a page without rendered content, or
 * without a start script of the expected form (nothing is changed then).
 */
export function startAfterPaint(html: string, modules: readonly string[]): StartRewrite | null {
	if (!RENDERED.test(html)) return null;
	const found = START_SCRIPT.exec(html);
	const before = found?.[1];
	if (!found || before === undefined) return null;
	// Only the entry imports before the first `.then(`: the page's data follows it, and text there
	// must never be taken for an import.
	const cut = before.indexOf('.then(');
	if (cut < 0) return null;
	const boot = before.slice(0, cut);
	const imports = boot.match(ENTRY_IMPORT);
	if (!imports || imports.length === 0) return null;
	const after = `\n\t\t\t\t${compact(gate(modules))}${boot.replace(
		ENTRY_IMPORT,
		(_, url: string) =>
			`__kitaPortalStart.then(function () { return import(${url}); }).catch(__kitaPortalFailed)`
	)}${before.slice(cut)}`;
	const scriptAfter = `<script>${after}</script>`;
	return {
		html: html.replace(found[0], () => scriptAfter),
		hashBefore: scriptHash(before),
		hashAfter: scriptHash(after),
		scriptBefore: found[0],
		scriptAfter
	};
}

/**
 * The response's headers for a rewritten page: the policy allows the rewritten script instead of the
 * old one, and the Link header no longer asks for the modules before the page is painted. False when
 * the policy does not name the old script (the rewrite must not be sent then).
 */
export function adjustHeaders(headers: Headers, rewrite: StartRewrite): boolean {
	const policy = headers.get('content-security-policy');
	if (policy !== null) {
		if (!policy.includes(`'${rewrite.hashBefore}'`)) return false;
		// Every directive that names it (script-src, and script-src-elem should it be configured).
		headers.set(
			'content-security-policy',
			policy.replaceAll(`'${rewrite.hashBefore}'`, () => `'${rewrite.hashAfter}'`)
		);
	}
	const link = headers.get('link');
	if (link !== null) {
		const kept = link
			.split(/,\s*(?=<)/)
			.filter((entry) => !/;\s*rel="?modulepreload"?/.test(entry))
			.join(', ');
		if (kept) headers.set('link', kept);
		else headers.delete('link');
	}
	return true;
}
