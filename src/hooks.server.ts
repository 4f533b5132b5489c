import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { createApp, demoModeNotice, getApp, setApp } from '$server/app';
import { ConfigError } from '$server/config';
import { MigrationError } from '$server/db/migrator';
import { renewSessionCookie } from '$server/auth/cookie';
import { sessionCookieName } from '$server/auth/session';
import { hotPull, PULL_PATH, toResponse } from '$server/trpc/hot-pull';
import { offerFastLane } from '$server/trpc/fast-lane';
import { securityHeaders } from '$server/http/security-headers';
import { log } from '$server/log';
import { startMetricsServer } from '$server/http/metrics-server';
import { oneTitle } from '$server/seo';
import { compressText } from '$server/http/compress';
import { anonymousCache } from '$server/http/anonymous-cache';
import { adjustHeaders, startAfterPaint, type StartRewrite } from '$server/http/start-after-paint';
import { getTextDirection } from '$lib/i18n/runtime';
import { LOCALE_COOKIE, requestLocale, withLocale } from '$lib/i18n/texts.server';
import { render } from 'svelte/server';
import FinderResults from './routes/kitas/FinderResults.svelte';
import { fillServerFinderList, installFinderList } from './routes/kitas/finder-list';
import { shownFromAddress } from './routes/kitas/finder-count';
import { moreHitsTexts } from '$lib/deferred/finder/more-hits-texts';
import { installKitaJsonLd } from '$lib/components/public/kita-json-ld-slot';
import { jsonLdScript, kitaJsonLd } from '$lib/domain/kita-json-ld';
import { AsyncLocalStorage } from 'node:async_hooks';

// What a server render hands over to be put into its HTML afterwards, one slot per request: the
// finder's list, rendered beside the finder and put into its placeholder (routes/kitas/finder-list.ts),
// and a Kita page's JSON-LD, put into the head ($lib/components/public/kita-json-ld-slot.ts).
const renderSlot = new AsyncLocalStorage<{ html: string; head: string; search: URLSearchParams }>();
installFinderList((props) => {
	const slot = renderSlot.getStore();
	// As many hits as the address asks for, as the list's code reads it in the browser (finder-list-live.ts).
	if (slot)
		slot.html = render(FinderResults, {
			props: { ...props, first: shownFromAddress(slot.search), texts: moreHitsTexts }
		}).body;
});
installKitaJsonLd((facility, pageUrl) => {
	const slot = renderSlot.getStore();
	if (slot) slot.head = jsonLdScript(kitaJsonLd(facility, pageUrl));
});

export const init: ServerInit = async () => {
	try {
		const app = await createApp();
		setApp(app);
		// After the last request (server/cli/start.js): the cluster bus's connection would keep the
		// process alive, and the pool's idle ones would hold it for their timeout.
		process.once('sveltekit:shutdown', () => {
			app.stopJobs();
			void app.database.close();
		});
		offerFastLane(app);
		const metrics = await startMetricsServer(app);
		if (metrics) log.info(`Prometheus metrics at ${metrics.url}`);
		if (app.config.demoData) log.warn(demoModeNotice(app.config));
		// The timers first fire after their interval; a server restarted often must not skip them.
		void app.carryOver.runOnce();
		void app.roundLapse.runOnce();
		void app.retention.runOnce();
	} catch (error) {
		if (error instanceof MigrationError || error instanceof ConfigError) {
			log.fatal(`Kita-Portal cannot start: ${error.message}`);
			process.exit(1);
		}
		throw error;
	}
};

export const handle: Handle = async ({ event, resolve }) => {
	const app = getApp();
	// A parent's session slides on use: renew the cookie with it, whatever the request.
	let cookieSet = false;
	if (app)
		event.locals.session = await renewSessionCookie(
			app.database.db,
			{
				get: (name) => event.cookies.get(name),
				set: (...args) => ((cookieSet = true), event.cookies.set(...args)),
				delete: (...args) => ((cookieSet = true), event.cookies.delete(...args))
			},
			app.config.origin,
			app.now(),
			app.database.sqlite ?? undefined
		);
	// The hottest reads, answered without routing (SvelteKit adds cookies only to what `resolve`
	// answers, so a renewed cookie takes that path).
	const answer =
		app && !cookieSet && event.url.pathname === PULL_PATH
			? await hotPull(
					app,
					{ method: event.request.method, url: event.url, headers: event.request.headers },
					event.locals.session ?? null
				)
			: null;
	const hot = answer && toResponse(answer);
	// The portal's public address (ORIGIN, as in mail links) for pages that print it, offline too:
	// the service worker keeps the shell with it.
	const origin = app?.config.origin ?? '';
	// Public pages render here, in the language of the device (see texts.server.ts).
	const rendered = async (): Promise<Response> => {
		const locale = requestLocale(
			event.cookies.get(LOCALE_COOKIE),
			event.request.headers.get('accept-language')
		);
		const slot = { html: '', head: '', search: event.url.searchParams };
		// The first-load modules, asked for only after a server-rendered page's first paint.
		const modules: string[] = [];
		let rewrite: StartRewrite | null = null;
		const response = await renderSlot.run(slot, () =>
			withLocale(locale, () =>
				resolve(event, {
					preload: ({ type, path }) => {
						if (type === 'js') modules.push(path);
						return type === 'js' || type === 'css';
					},
					transformPageChunk: ({ html, done }) => {
						const page = fillServerFinderList(
							oneTitle(html)
								.replace('%portal.origin%', escapeAttribute(origin))
								.replace('%portal.lang%', locale)
								.replace('%portal.dir%', getTextDirection(locale))
								.replace('</head>', () => `${slot.head}</head>`),
							slot.html
						);
						// SvelteKit 2 gives the page in one chunk; a page streamed in several is left as it is.
						if (!done || rewrite) return page;
						rewrite = startAfterPaint(page, modules);
						return rewrite?.html ?? page;
					}
				})
			)
		);
		const changed = rewrite as StartRewrite | null;
		if (!changed || adjustHeaders(response.headers, changed)) return response;
		// A policy without the start script's hash: the page goes out as SvelteKit made it (its length
		// and ETag were the rewritten page's).
		const body = (await response.text()).replace(changed.scriptAfter, () => changed.scriptBefore);
		const headers = new Headers(response.headers);
		headers.delete('content-length');
		headers.delete('etag');
		return new Response(body, { status: response.status, headers });
	};
	// Pages, sitemap and the public JSON are built per request: compressed here (tRPC's answers and
	// the hot ones already are).
	// An answer the same for every visitor without a login is kept, for the fast lane to give again
	// ($server/http/anonymous-cache.ts).
	const sessionCookie = app ? event.cookies.get(sessionCookieName(app.config.origin)) : undefined;
	// Only the fast lane gives kept answers, and it runs on SQLite alone.
	const kept = app?.database.sqlite ? anonymousCache(app.database.sqlite) : null;
	const keptKey =
		kept && !hot && event.request.method === 'GET' && sessionCookie === undefined
			? kept.key({
					pathname: event.url.pathname,
					search: event.url.search,
					localeCookie: event.cookies.get(LOCALE_COOKIE),
					acceptLanguage: event.request.headers.get('accept-language'),
					acceptEncoding: event.request.headers.get('accept-encoding')
				})
			: null;
	const response = hot ?? (await compressText(event.request, await rendered()));
	for (const [name, value] of Object.entries(securityHeaders(app?.config.origin ?? '', !!sessionCookie)))
		response.headers.set(name, value);
	return kept && keptKey ? kept.keep(keptKey, response) : response;
};

function escapeAttribute(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export const handleError: HandleServerError = ({ error, status }) => {
	// Log the failure without request data (it may hold personal data); answer without internals.
	if (status >= 500) log.error({ err: error }, 'unhandled server error');
	return { message: status === 404 ? 'Not Found' : 'Internal Error' };
};
