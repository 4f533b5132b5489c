// The service worker: precaches the app shell (list injected by workbox-build at build time) and
// answers every page navigation with it, so that deep links open offline. A new version waits
// until the page asks it to take over ("Update verfügbar"): it never swaps the app mid-task.
import { clientsClaim } from 'workbox-core';
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	precacheAndRoute,
	type PrecacheEntry
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';

declare const self: {
	__WB_MANIFEST: (PrecacheEntry | string)[];
	location: Location;
	skipWaiting(): Promise<void>;
	addEventListener(
		type: 'message',
		listener: (event: MessageEvent<{ type?: string; locale?: string } | null> & ExtendableEvent) => void
	): void;
	addEventListener(type: 'activate', listener: (event: ExtendableEvent) => void): void;
};
interface ExtendableEvent extends Event {
	waitUntil(promise: Promise<unknown>): void;
}
/** The message modules of every language but German, by language (build-service-worker.ts). */
declare const __LOCALE_FILES__: Record<string, string[]>;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
clientsClaim();

registerRoute(
	new NavigationRoute(createHandlerBoundToURL('/shell'), {
		denylist: [/^\/api\//, /^\/dev\//, /^\/\.well-known\//, /^\/sw\.js$/]
	})
);

// Texts in other languages than German: cached for the language a page says it shows, kept
// across restarts, served from the cache first (their names carry a content hash).
const MESSAGES_CACHE = 'kita-portal-messages';
const messageUrls = new Set(
	Object.values(__LOCALE_FILES__)
		.flat()
		.map((path) => new URL(path, self.location.origin).href)
);
registerRoute(({ url }) => messageUrls.has(url.href), new CacheFirst({ cacheName: MESSAGES_CACHE }));

async function cacheLocale(locale: string): Promise<void> {
	const cache = await caches.open(MESSAGES_CACHE);
	for (const path of __LOCALE_FILES__[locale] ?? [])
		if (!(await cache.match(path))) await cache.add(path).catch(() => undefined); // next start retries
}

/** Files of earlier releases go; each page start asks again for its language (CACHE_LOCALE). */
async function dropOldMessages(): Promise<void> {
	const cache = await caches.open(MESSAGES_CACHE);
	for (const request of await cache.keys()) if (!messageUrls.has(request.url)) await cache.delete(request);
}

self.addEventListener('activate', (event) => event.waitUntil(dropOldMessages()));

self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
	if (event.data?.type === 'CACHE_LOCALE' && event.data.locale)
		event.waitUntil(cacheLocale(event.data.locale));
});
